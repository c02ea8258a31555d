using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>The recording of long elementwise kernels chunk by chunk (run check, evaluation and outputs in one pass):
/// values bit for bit those of the kernels at double, the checks of slices of the input buffer skipped only where the
/// buffer was just checked, and a run broken in any chunk (or an operand of another recording) falling back to the
/// general recording with exact derivatives.</summary>
[TestFixture]
public class KernelFusionTests
{
    /// <summary>Long enough for four chunks and a last one that takes the rest.</summary>
    private const int N = 5001;

    private static double[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => 0.25 + (0.5 * Math.Sin(0.7 * i)))];

    [Test]
    public void ElementwiseChain_SlicesOfTheInputs_ValueIsThatOfDoubleBitForBit()
    {
        double[] x = Point(N);
        var f = new Chain();
        (double value, double[] gradient) = Reverse.ValueAndGradient(f, x);

        // the same kernels at double, whole spans: the chunks change no element's value
        value.ShouldBe(f.Evaluate<double>(x));

        // f = Σ tanh(xⱼ)·e^(xⱼ₊₁) / (1 + xⱼ²) for j < n − 1: with t = tanh xⱼ, e = e^(xⱼ₊₁), q = 1 + xⱼ²,
        // ∂f/∂xⱼ = (1 − t²)·e/q − t·e·2xⱼ/q² (from the j-th term) + tanh(xⱼ₋₁)·e^(xⱼ)/(1 + xⱼ₋₁²) (from the (j−1)-th)
        for (int j = 0; j < N; j++)
        {
            double expected = 0;
            if (j < N - 1)
            {
                double t = Math.Tanh(x[j]), e = Math.Exp(x[j + 1]), q = 1 + (x[j] * x[j]);
                expected += ((1 - (t * t)) * e / q) - (t * e * 2 * x[j] / (q * q));
            }

            if (j > 0)
            {
                expected += Math.Tanh(x[j - 1]) * Math.Exp(x[j]) / (1 + (x[j - 1] * x[j - 1]));
            }

            gradient[j].ShouldBe(expected, 1e-13);
        }
    }

    [Test]
    public void ElementwiseChain_AllModes_AgreeWithTheScalarLoop()
    {
        double[] x = Point(N);
        double[] v = [.. Enumerable.Range(0, N).Select(i => Math.Cos(i))];
        var f = new Chain();
        var scalar = new ChainScalar();
        double[] gradient = Reverse.Gradient(f, x);
        double[] expected = Reverse.Gradient(scalar, x);
        double[] hvp = DualAutodiff.Hvp.Compute(f, x, v);
        double[] expectedHvp = DualAutodiff.Hvp.Compute(scalar, x, v);
        for (int j = 0; j < N; j += 97)
        {
            gradient[j].ShouldBe(expected[j], 1e-13);
            hvp[j].ShouldBe(expectedHvp[j], 1e-12);
        }
    }

    [TestCase(0)]
    [TestCase(1023)]
    [TestCase(1024)]
    [TestCase(3000)]
    [TestCase(N - 2)]
    public void Subtract_RunBrokenInAChunk_InPlaceAndNotGradientIsExact(int broken)
    {
        double[] x = Point(N);
        int m = N - 1;
        foreach (bool inPlace in new[] { true, false })
        {
            double[] gradient = Reverse.Gradient<double>(xs =>
            {
                // a = x[..m]², then aᵦ replaced by 3·x₀; d = x[1..] − a (in a itself, or in c)
                var a = new Var<double>[m];
                var c = new Var<double>[m];
                DualAutodiff.Kernels.Square<Var<double>>(xs.AsSpan(0, m), a);
                a[broken] = 3.0 * xs[0];
                Span<Var<double>> d = inPlace ? a : c;
                DualAutodiff.Kernels.Subtract<Var<double>>(xs.AsSpan(1), a, d);
                return DualAutodiff.Kernels.Sum<Var<double>>(d);
            }, x);

            // f = Σⱼ xⱼ₊₁ − Σ_{j≠β} xⱼ² − 3x₀: ∂f/∂xⱼ = [j ≥ 1] − 2xⱼ·[j < m, j ≠ β] − 3·[j = 0]
            for (int j = 0; j < N; j++)
            {
                double expected = (j >= 1 ? 1 : 0) - (j < m && j != broken ? 2 * x[j] : 0) - (j == 0 ? 3 : 0);
                gradient[j].ShouldBe(expected, 1e-15, $"j = {j}, in place: {inPlace}");
            }
        }
    }

    [TestCase(0)]
    [TestCase(2500)]
    [TestCase(N - 1)]
    public void Multiply_ConstantRunBrokenByAVariable_GradientIsExact(int broken)
    {
        double[] x = Point(N);
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            // k = 2 everywhere but kᵦ = x₁; p = x ⊙ k in place of k
            var k = new Var<double>[N];
            Array.Fill(k, (Var<double>)2.0);
            k[broken] = xs[1];
            DualAutodiff.Kernels.Multiply<Var<double>>(xs, k, k);
            return DualAutodiff.Kernels.Sum<Var<double>>(k);
        }, x);

        // f = Σ_{j≠β} 2xⱼ + x_β·x₁: ∂f/∂xⱼ = 2 off β and 1, x₁ at β, and x_β + 2 at 1 (2x₁ when β = 1)
        for (int j = 0; j < N; j++)
        {
            double expected = j == broken ? x[1] : 2;
            if (j == 1)
            {
                expected = broken == 1 ? 2 * x[1] : 2 + x[broken];
            }

            gradient[j].ShouldBe(expected, 1e-15, $"j = {j}");
        }
    }

    [Test]
    public void Exp_RunBrokenByAnotherRecording_ThrowsAndTheNextCallIsExact()
    {
        double[] x = Point(N);
        var outer = new Tape<double>();
        using (outer.Record())
        {
            Var<double> stranger = outer.Variable(1);
            Should.Throw<InvalidOperationException>(() => Reverse.Gradient<double>(xs =>
            {
                Var<double>[] s = [.. xs];
                s[3000] = stranger;
                var e = new Var<double>[N];
                DualAutodiff.Kernels.Exp<Var<double>>(s, e);
                return DualAutodiff.Kernels.Sum<Var<double>>(e);
            }, x));
        }

        // the next call: ∂(Σ e^xⱼ)/∂xⱼ = e^xⱼ
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            var e = new Var<double>[N];
            DualAutodiff.Kernels.Exp<Var<double>>(xs, e);
            return DualAutodiff.Kernels.Sum<Var<double>>(e);
        }, x);
        gradient[3000].ShouldBe(Math.Exp(x[3000]), 1e-15);
    }

    /// <summary>f = Σ tanh(x[..m]) ⊙ exp(x[1..]) / (1 + x[..m]²) with kernels (slices of the input buffer, in-place steps).</summary>
    private sealed class Chain : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            int m = x.Length - 1;
            var t = new T[m];
            var e = new T[m];
            DualAutodiff.Kernels.Tanh<T>(x[..m], t);
            DualAutodiff.Kernels.Exp<T>(x[1..], e);
            DualAutodiff.Kernels.Multiply<T>(t, e, t);
            DualAutodiff.Kernels.Square<T>(x[..m], e);
            DualAutodiff.Kernels.Add<T>(e, T.One, e);
            DualAutodiff.Kernels.Divide<T>(t, e, t);
            return DualAutodiff.Kernels.Sum<T>(t);
        }
    }

    /// <summary>The same function written with scalars.</summary>
    private sealed class ChainScalar : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int j = 0; j < x.Length - 1; j++)
            {
                sum += T.Tanh(x[j]) * T.Exp(x[j + 1]) / (T.One + (x[j] * x[j]));
            }

            return sum;
        }
    }
}
