using System.Numerics;
using NUnit.Framework;
using Shouldly;
using static DualAutodiff.Tests.ReverseMode.BufferTestFunctions;

namespace DualAutodiff.Tests.Hvp;

/// <summary><see cref="DualAutodiff.Hvp.Compute{T}(IScalarFunction, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>: H·v into a caller's
/// buffer, bit for bit that of the array facade, the buffer aliasing the point or the direction, clear exceptions, and
/// a buffer left untouched by a function that throws.</summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class HvpIntoBufferTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static T[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(0.5 + (0.4 * Math.Sin(i))))];

    private static T[] Direction(int n) => [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(Math.Cos(i)))];

    [Test]
    public void Compute_SumOfCubes_IsSixXTimesV()
    {
        // f = Σ xᵢ³: H = diag(6xᵢ), so H·v = 6xᵢvᵢ; at x = (1, 2, 3), v = (1, −1, 2): (6, −12, 36)
        T[] x = [T.One, T.CreateChecked(2), T.CreateChecked(3)];
        T[] v = [T.One, -T.One, T.CreateChecked(2)];
        var hvp = new T[3];
        global::DualAutodiff.Hvp.Compute<T>(new SumOfCubes(), x, v, hvp);
        hvp.ShouldBe([T.CreateChecked(6), T.CreateChecked(-12), T.CreateChecked(36)]);
    }

    [TestCase(4)]
    [TestCase(5001)]
    public void Compute_IntoBuffer_AgreesBitForBitWithTheArrayFacade(int n)
    {
        // the same recording and sweep (kernels, fused recording and a group backward at n = 5001)
        T[] x = Point(n), v = Direction(n);
        foreach (IScalarFunction f in new IScalarFunction[] { new Rosenbrock(), new RosenbrockKernels() })
        {
            T[] expected = global::DualAutodiff.Hvp.Compute(f, x, v);
            var hvp = new T[n];
            for (int call = 0; call < 2; call++)
            {
                global::DualAutodiff.Hvp.Compute<T>(f, x, v, hvp);
                hvp.Select(BitsOf).ShouldBe(expected.Select(BitsOf));
            }
        }
    }

    [Test]
    public void Compute_IntoBuffer_MatchesAFreshImperativeTapeOfDuals()
    {
        // the facade sweeps for the inputs' adjoints only (a kernel group's inner adjoints in scratch chunks); a fresh
        // imperative tape at Dual<T> stores every adjoint: the same sums, bit for bit
        T[] x = Point(5001), v = Direction(5001);
        var hvp = new T[x.Length];
        global::DualAutodiff.Hvp.Compute<T>(new RosenbrockKernels(), x, v, hvp);

        var tape = new Tape<Dual<T>>();
        using (tape.Record())
        {
            Var<Dual<T>>[] xs = [.. x.Select((xi, i) => tape.Variable(new Dual<T>(xi, v[i])))];
            tape.Backward(new RosenbrockKernels().Evaluate<Var<Dual<T>>>(xs));
            hvp.Select(BitsOf).ShouldBe(xs.Select(xi => BitsOf(tape.Adjoint(xi).Tangent)));
        }
    }

    private static long BitsOf(T value) => typeof(T) == typeof(float) ? BitConverter.SingleToInt32Bits(float.CreateChecked(value)) : BitConverter.DoubleToInt64Bits(double.CreateChecked(value));

    [Test]
    public void Compute_BufferIsThePointOrTheDirection_HvpReplacesIt()
    {
        // x and v are read whole before f runs: H·v at the old x and v
        T[] x = Point(1000), v = Direction(1000);
        T[] expected = global::DualAutodiff.Hvp.Compute(new RosenbrockKernels(), x, v);
        T[] x2 = [.. x];
        global::DualAutodiff.Hvp.Compute<T>(new RosenbrockKernels(), x2, v, x2);
        x2.ShouldBe(expected);
        T[] v2 = [.. v];
        global::DualAutodiff.Hvp.Compute<T>(new RosenbrockKernels(), x, v2, v2);
        v2.ShouldBe(expected);
    }

    [Test]
    public void Compute_DirectionOrBufferOfAnotherLength_ThrowsNamingIt()
    {
        var e = Should.Throw<ArgumentException>(() => global::DualAutodiff.Hvp.Compute<T>(new SumOfCubes(), Point(3), Direction(2), new T[3]));
        e.ParamName.ShouldBe("v");
        e.Message.ShouldContain("length 2");
        e = Should.Throw<ArgumentException>(() => global::DualAutodiff.Hvp.Compute<T>(new SumOfCubes(), Point(3), Direction(3), new T[4]));
        e.ParamName.ShouldBe("hvp");
        e.Message.ShouldContain("length 4");
    }

    [Test]
    public void Compute_NullFunction_ThrowsNamingIt()
    {
        var e = Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Compute<T>(null!, Point(3), Direction(3), new T[3]));
        e.ParamName.ShouldBe("f");
    }

    [Test]
    public void Compute_FunctionThrows_BufferUntouchedAndNextCallExact()
    {
        T[] x = Point(2000), v = Direction(2000);
        T[] hvp = [.. Enumerable.Repeat(T.CreateChecked(7), 2000)];
        Should.Throw<InvalidOperationException>(() => global::DualAutodiff.Hvp.Compute<T>(new Throwing(), x, v, hvp));
        hvp.ShouldBe(Enumerable.Repeat(T.CreateChecked(7), 2000).ToArray());

        // the pooled tape is ready again: H·v of Σ xᵢ³ is 6xᵢvᵢ
        global::DualAutodiff.Hvp.Compute<T>(new SumOfCubes(), x, v, hvp);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = 6 * double.CreateChecked(x[i]) * double.CreateChecked(v[i]);
            double.CreateChecked(hvp[i]).ShouldBe(expected, 1e-5 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Test]
    public void Compute_EmptyPoint_NothingToWrite()
    {
        // f: R⁰ → R has an empty Hessian
        Should.NotThrow(() => global::DualAutodiff.Hvp.Compute<T>(new SumOfCubes(), ReadOnlySpan<T>.Empty, ReadOnlySpan<T>.Empty, Span<T>.Empty));
    }

    private sealed class SumOfCubes : IScalarFunction
    {
        public TS Evaluate<TS>(ReadOnlySpan<TS> x)
            where TS : IFloatingPointIeee754<TS>
        {
            TS sum = TS.Zero;
            foreach (TS xi in x)
            {
                sum += xi * xi * xi;
            }

            return sum;
        }
    }
}
