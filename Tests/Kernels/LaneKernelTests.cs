using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>Chunk-mode lanes through the array kernels: the value of <see cref="Dual{T, TTangents}"/> is bit for bit
/// the plain double kernel's, and every lane bit for bit the single-tangent <see cref="Dual{T}"/> kernel's with that
/// lane's tangents, at lengths across the SIMD tails (1, 7, 33, 1001), with NaN and ∞ in the data.</summary>
[TestFixture]
public class LaneKernelTests
{
    private static readonly int[] s_lengths = [1, 7, 33, 1001];

    /// <summary>One kernel call on an input of <see cref="InputLength"/> elements (n the test's length).</summary>
    public abstract class LaneCase(string name)
    {
        public abstract int InputLength(int n);

        public abstract int OutputLength(int n);

        public abstract void Run<T>(ReadOnlySpan<T> input, Span<T> output, int n)
            where T : IFloatingPointIeee754<T>;

        public override string ToString() => name;
    }

    private sealed class Reduction(string name, Func<int, int> inputs, ReductionRun run) : LaneCase(name)
    {
        public override int InputLength(int n) => inputs(n);

        public override int OutputLength(int n) => 1;

        public override void Run<T>(ReadOnlySpan<T> input, Span<T> output, int n) => output[0] = run.Run(input, n);
    }

    /// <summary>A generic call written once per kernel: a reduction or a map of the input.</summary>
    private abstract class ReductionRun
    {
        public abstract T Run<T>(ReadOnlySpan<T> x, int n)
            where T : IFloatingPointIeee754<T>;
    }

    private sealed class Generic(string name, Func<int, int> inputs, Func<int, int> outputs, GenericRun run) : LaneCase(name)
    {
        public override int InputLength(int n) => inputs(n);

        public override int OutputLength(int n) => outputs(n);

        public override void Run<T>(ReadOnlySpan<T> input, Span<T> output, int n) => run.Run(input, output, n);
    }

    private abstract class GenericRun
    {
        public abstract void Run<T>(ReadOnlySpan<T> x, Span<T> y, int n)
            where T : IFloatingPointIeee754<T>;
    }

    private sealed class DotRun : ReductionRun
    {
        public override T Run<T>(ReadOnlySpan<T> x, int n) => Kernels.Dot(x[..n], x[n..]);
    }

    private sealed class SumRun : ReductionRun
    {
        public override T Run<T>(ReadOnlySpan<T> x, int n) => Kernels.Sum(x);
    }

    private sealed class SumOfSquaresRun : ReductionRun
    {
        public override T Run<T>(ReadOnlySpan<T> x, int n) => Kernels.SumOfSquares(x);
    }

    private sealed class NormRun : ReductionRun
    {
        public override T Run<T>(ReadOnlySpan<T> x, int n) => Kernels.Norm(x);
    }

    private sealed class LogSumExpRun : ReductionRun
    {
        public override T Run<T>(ReadOnlySpan<T> x, int n) => Kernels.LogSumExp(x);
    }

    // a 3×n matrix then an n-vector
    private sealed class MatrixVectorRun : GenericRun
    {
        public override void Run<T>(ReadOnlySpan<T> x, Span<T> y, int n) => Kernels.MatrixVector(x[..(3 * n)], 3, n, x[(3 * n)..], y);
    }

    // A (2×n) then B (n×3)
    private sealed class MatrixMultiplyRun : GenericRun
    {
        public override void Run<T>(ReadOnlySpan<T> x, Span<T> y, int n) => Kernels.MatrixMultiply(x[..(2 * n)], x[(2 * n)..], y, 2, n, 3);
    }

    private sealed class MatrixVectorDataRun : GenericRun
    {
        public override void Run<T>(ReadOnlySpan<T> x, Span<T> y, int n) => Kernels.MatrixVector(Data(3 * n), 3, n, x, y);
    }

    private sealed class MatrixMultiplyDataRightRun : GenericRun
    {
        public override void Run<T>(ReadOnlySpan<T> x, Span<T> y, int n) => Kernels.MatrixMultiply(x, Data(3 * n), y, 2, n, 3);
    }

    private sealed class MatrixMultiplyDataLeftRun : GenericRun
    {
        public override void Run<T>(ReadOnlySpan<T> x, Span<T> y, int n) => Kernels.MatrixMultiply(Data(2 * n), x, y, 2, n, 3);
    }

    private sealed class MapRun(int which) : GenericRun
    {
        public override void Run<T>(ReadOnlySpan<T> x, Span<T> y, int n)
        {
            switch (which)
            {
                case 0: Kernels.Exp(x, y); break;
                case 1: Kernels.Log(x, y); break;
                case 2: Kernels.Tanh(x, y); break;
                case 3: Kernels.Sigmoid(x, y); break;
                case 4: Kernels.Softplus(x, y); break;
                case 5: Kernels.Square(x, y); break;
                case 6: Kernels.SoftMax(x, y); break;
                case 7: Kernels.Divide(x[1..], x[0], y); break;
                case 8: Kernels.Divide(x[0], x[1..], y); break;
                case 9: Kernels.Add(x[..n], x[n..], y); break;
                case 10: Kernels.Multiply(x[..n], x[n..], y); break;
                case 11: Kernels.Divide(x[..n], x[n..], y); break;
                default: Kernels.Multiply(x[1..], x[0], y); break;
            }
        }
    }

    /// <summary>A constant data matrix, the same at every type.</summary>
    private static ReadOnlyMemory<double> Data(int length) => Enumerable.Range(0, length).Select(i => Math.Sin(i + 0.5)).ToArray();

    public static IEnumerable<LaneCase> Cases()
    {
        yield return new Reduction("Dot", n => 2 * n, new DotRun());
        yield return new Reduction("Sum", n => n, new SumRun());
        yield return new Reduction("SumOfSquares", n => n, new SumOfSquaresRun());
        yield return new Reduction("Norm", n => n, new NormRun());
        yield return new Reduction("LogSumExp", n => n, new LogSumExpRun());
        yield return new Generic("MatrixVector", n => 4 * n, n => 3, new MatrixVectorRun());
        yield return new Generic("MatrixMultiply", n => 5 * n, n => 6, new MatrixMultiplyRun());
        yield return new Generic("MatrixVectorData", n => n, n => 3, new MatrixVectorDataRun());
        yield return new Generic("MatrixMultiplyDataRight", n => 2 * n, n => 6, new MatrixMultiplyDataRightRun());
        yield return new Generic("MatrixMultiplyDataLeft", n => 3 * n, n => 6, new MatrixMultiplyDataLeftRun());
        string[] maps = ["Exp", "Log", "Tanh", "Sigmoid", "Softplus", "Square", "SoftMax", "DivideScalar", "ScalarDivide", "Add", "Multiply", "Divide", "MultiplyScalar"];
        for (int i = 0; i < maps.Length; i++)
        {
            bool two = i is 9 or 10 or 11;
            bool scalar = i is 7 or 8 or 12;
            yield return new Generic(maps[i], n => two ? 2 * n : scalar ? n + 1 : n, n => n, new MapRun(i));
        }
    }

    [Test]
    public void Kernel_ChunkLanes_ValueIsPlainAndEveryLaneIsSingleTangentBitwise(
        [ValueSource(nameof(Cases))] LaneCase c, [ValueSource(nameof(s_lengths))] int n, [Values(0, 1, 2)] int lanes)
    {
        double[] x = Point(c.InputLength(n), special: false);
        switch (lanes)
        {
            case 0: Check<Tangents3<double>>(c, x, n); break;
            case 1: Check<DoubleTangents4>(c, x, n); break;
            default: Check<DoubleTangents8>(c, x, n); break;
        }
    }

    [Test]
    public void Kernel_ChunkLanesOfAUserLaneType_EveryLaneIsSingleTangentBitwise([ValueSource(nameof(Cases))] LaneCase c, [Values(7, 33)] int n)
    {
        // the library's lane types are read in place as consecutive scalars; this one (lane 0 last) goes through Get and Set
        Check<ReversedTangents3>(c, Point(c.InputLength(n), special: false), n);
    }

    [Test]
    public void Kernel_NaNAndInfinityInData_LanesMatchSingleTangentsToTheUlp([ValueSource(nameof(Cases))] LaneCase c, [Values(7, 33)] int n)
    {
        // TensorPrimitives aligns its stores to the destination's address above eight vectors, and exp, tanh and
        // sigmoid take another path for every lane of a vector that holds a NaN, an infinity or an out-of-range
        // value: which neighbours share that vector, and so their last bit, depends on where the buffer lies
        // (seen: 1 ulp in exp next to a NaN at n = 33, 2 in the tangent it scales; 4 allow for a product or two
        // more, as in softmax). With ordinary data every lane is its own: the test above asks for the same bits.
        Check<DoubleTangents4>(c, Point(c.InputLength(n), special: true), n, ulps: 4);
    }

    [Test]
    public void Dot_InfiniteValueZeroTangentLane_LaneTangentIsZero()
    {
        // x = (∞, 2), y = (3, 4); lane 0 seeds only y₂ (ẏ = (0, 1)), so d/dy₂ x·y = x₂ = 2 and the ∞·0 of the first
        // pair is 0; lane 1 carries no tangent at all, so its tangent is 0, not ∞·0 = NaN
        Dual<double, DoubleTangents4>[] x = [new(double.PositiveInfinity, default(DoubleTangents4)), new(2, default(DoubleTangents4))];
        Dual<double, DoubleTangents4>[] y = [new(3, default(DoubleTangents4)), Dual<double, DoubleTangents4>.Seed(4, 0)];
        Dual<double, DoubleTangents4> z = Kernels.Dot<Dual<double, DoubleTangents4>>(x, y);
        z.Value.ShouldBe(double.PositiveInfinity); // ∞·3 + 2·4
        z.Tangent(0).ShouldBe(2.0); // x₂
        z.Tangent(1).ShouldBe(0.0); // no tangent: 0·∞ = 0
    }

    [Test]
    public void MatrixMultiply_ChunkLanesAfterWarmUp_AllocatesNothing()
    {
        const int N = 33;
        var a = new Dual<double, DoubleTangents8>[2 * N];
        var b = new Dual<double, DoubleTangents8>[N * 3];
        var c = new Dual<double, DoubleTangents8>[6];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = Dual<double, DoubleTangents8>.Seed(i * 0.25, i % 8);
        }

        for (int i = 0; i < a.Length; i++)
        {
            a[i] = Dual<double, DoubleTangents8>.Seed(1 - (i * 0.125), (i + 3) % 8);
        }

        void Call()
        {
            Kernels.MatrixMultiply<Dual<double, DoubleTangents8>>(a, b, c, 2, N, 3);
            c[0] += Kernels.Dot<Dual<double, DoubleTangents8>>(a.AsSpan(0, N), b.AsSpan(0, N));
            Kernels.Exp<Dual<double, DoubleTangents8>>(c, c);
        }

        Call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Call();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0); // pooled scratch only
    }

    /// <summary>A point with n elements in (0.1, 2.1) (Log's domain); with <paramref name="special"/> NaN, +∞, −∞ and 0
    /// at fixed places.</summary>
    private static double[] Point(int length, bool special)
    {
        var random = new Random(length);
        double[] x = [.. Enumerable.Range(0, length).Select(_ => 0.1 + (2 * random.NextDouble()))];
        if (special && length > 6)
        {
            x[1] = double.NaN;
            x[3] = double.PositiveInfinity;
            x[4] = double.NegativeInfinity;
            x[6] = 0;
        }

        return x;
    }

    private static void Check<TTangents>(LaneCase c, double[] x, int n, long ulps = 0)
        where TTangents : struct, ITangents<double, TTangents>
    {
        int k = Dual<double, TTangents>.TangentCount, m = c.OutputLength(n);
        var random = new Random(17 * x.Length);

        // lane l's tangents; the last lane is zero everywhere (a constant direction: 0·∞ = 0 must hold there)
        double[][] t = [.. Enumerable.Range(0, k).Select(l => Enumerable.Range(0, x.Length).Select(_ => l == k - 1 ? 0 : random.NextDouble() - 0.5).ToArray())];
        var plain = new double[m];
        c.Run<double>(x, plain, n);

        var chunk = new Dual<double, TTangents>[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            chunk[i] = new(x[i], [.. Enumerable.Range(0, k).Select(l => t[l][i])]);
        }

        var chunkOut = new Dual<double, TTangents>[m];
        c.Run<Dual<double, TTangents>>(chunk, chunkOut, n);
        for (int j = 0; j < m; j++)
        {
            Ulps(chunkOut[j].Value, plain[j]).ShouldBeLessThanOrEqualTo(ulps, $"value {j}");
        }

        for (int l = 0; l < k; l++)
        {
            Dual<double>[] single = [.. x.Select((v, i) => new Dual<double>(v, t[l][i]))];
            var singleOut = new Dual<double>[m];
            c.Run<Dual<double>>(single, singleOut, n);
            for (int j = 0; j < m; j++)
            {
                Ulps(chunkOut[j].Tangent(l), singleOut[j].Tangent).ShouldBeLessThanOrEqualTo(ulps, $"lane {l} of output {j}");
                Ulps(singleOut[j].Value, plain[j]).ShouldBeLessThanOrEqualTo(ulps, $"single-tangent value {j}");
            }
        }
    }

    /// <summary>The bits, NaN payloads folded to one NaN (a NaN's payload is not part of the contract).</summary>
    private static long Bits(double v) => double.IsNaN(v) ? -1 : BitConverter.DoubleToInt64Bits(v);

    /// <summary>How many representable doubles apart a and b are: 0 for the same bits (NaN payloads folded), the
    /// maximum for a NaN against a number or a change of sign (+0 against −0 included).</summary>
    private static long Ulps(double a, double b) => Bits(a) == Bits(b) ? 0 : double.IsNaN(a) || double.IsNaN(b) || Math.Sign(a) != Math.Sign(b) ? long.MaxValue : Math.Abs(Bits(a) - Bits(b));
}
