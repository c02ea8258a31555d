using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>The adjoint slots of large kernel outputs are cleared when first written in a sweep, not before it: every
/// kind of writer (a kernel step over the whole block or a part of it, a scalar record, an n-ary record, a seed, a
/// scattered operand) and every reader (<see cref="Tape{T}.Adjoint"/>, a second sweep) must still see exact adjoints.</summary>
[TestFixture]
public class KernelAdjointTests
{
    private const int N = 1000;

    [Test]
    public void Adjoint_OfKernelOutputsUsedByKernelsScalarsAndNot_IsExact()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] x = [.. Enumerable.Range(0, N).Select(i => tape.Variable(0.001 * i))];
            var s = new Var<double>[N];
            var unused = new Var<double>[N];
            DualAutodiff.Kernels.Square<Var<double>>(x, s);
            DualAutodiff.Kernels.Exp<Var<double>>(x, unused);

            // f = Σ_{i<500} sᵢ + 3·s₇₀₀ (a scalar record on one output): s̄ᵢ = 1 (i < 500), s̄₇₀₀ = 3, else 0; ∂f/∂xᵢ = 2xᵢ·s̄ᵢ
            Var<double> f = DualAutodiff.Kernels.Sum<Var<double>>(s.AsSpan(0, 500)) + (3.0 * s[700]);
            tape.Backward(f);
            tape.Adjoint(s[10]).ShouldBe(1);
            tape.Adjoint(s[700]).ShouldBe(3);
            tape.Adjoint(s[600]).ShouldBe(0);
            tape.Adjoint(unused[3]).ShouldBe(0);
            tape.Adjoint(x[10]).ShouldBe(2 * 0.01, 1e-15);
            tape.Adjoint(x[700]).ShouldBe(6 * 0.7, 1e-15);
            tape.Adjoint(x[600]).ShouldBe(0);

            // a second sweep from the same output gives the same adjoints (nothing left over from the first)
            tape.Backward(f);
            tape.Adjoint(s[10]).ShouldBe(1);
            tape.Adjoint(x[700]).ShouldBe(6 * 0.7, 1e-15);
            tape.Adjoint(unused[3]).ShouldBe(0);
        }
    }

    [Test]
    public void Backward_AfterASweepBelowALaterKernelAndMoreRecording_SweepsThatKernel()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] x = [.. Enumerable.Range(0, N).Select(i => tape.Variable(0.001 * i))];
            var s = new Var<double>[N];
            var t = new Var<double>[N];
            DualAutodiff.Kernels.Square<Var<double>>(x, s);
            Var<double> first = DualAutodiff.Kernels.Sum<Var<double>>(s.AsSpan(0, 10));
            DualAutodiff.Kernels.Exp<Var<double>>(x, t);

            // a sweep from the first output leaves the later kernel (t = eˣ) out: ∂first/∂x₅ = 2x₅
            tape.Backward(first);
            tape.Adjoint(x[5]).ShouldBe(0.01, 1e-15);

            // enough records after it that the adjoints' storage grows; then f = Σt + Σ_{k<20000} (x₁ − x₁):
            // ∂f/∂xᵢ = e^{xᵢ}
            Var<double> f = DualAutodiff.Kernels.Sum<Var<double>>(t);
            for (int k = 0; k < 20000; k++)
            {
                f += x[1] - x[1];
            }

            tape.Backward(f);
            tape.Adjoint(x[5]).ShouldBe(Math.Exp(0.005), 1e-15);
            tape.Adjoint(x[900]).ShouldBe(Math.Exp(0.9), 1e-15);
            tape.Adjoint(t[900]).ShouldBe(1);
        }
    }

    [Test]
    public void Backward_SeedsOnKernelOutputs_AdjointsAreTheSeedsThroughTheKernel()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] x = [.. Enumerable.Range(0, N).Select(i => tape.Variable(i))];
            var y = new Var<double>[N];

            // y = 2x, seeded with uᵢ = i on the first 100 outputs only: x̄ᵢ = 2i there, 0 after
            DualAutodiff.Kernels.Multiply<Var<double>>(x, 2.0, y);
            double[] u = [.. Enumerable.Range(0, 100).Select(i => (double)i)];
            tape.Backward(y.AsSpan(0, 100), u);
            tape.Adjoint(x[50]).ShouldBe(100);
            tape.Adjoint(x[500]).ShouldBe(0);
            tape.Adjoint(y[50]).ShouldBe(50);

            // then from the last output alone: ȳ = e₉₉₉, x̄₉₉₉ = 2 and the earlier seeds are gone
            tape.Backward(y[999]);
            tape.Adjoint(x[999]).ShouldBe(2);
            tape.Adjoint(x[50]).ShouldBe(0);
            tape.Adjoint(y[50]).ShouldBe(0);
        }
    }

    [Test]
    public void Gradient_PartOfAKernelOutputInALaterKernel_IsExact()
    {
        // t = x ⊙ x, then u = t[100..600] + t[300..800] (two parts of one block, overlapping), f = Σu:
        // ∂f/∂xᵢ = 2xᵢ·(number of the two windows holding i)
        double[] x = [.. Enumerable.Range(0, N).Select(i => 0.5 + (0.001 * i))];
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            var t = new Var<double>[N];
            var u = new Var<double>[500];
            DualAutodiff.Kernels.Multiply<Var<double>>(xs, xs, t);
            DualAutodiff.Kernels.Add<Var<double>>(t.AsSpan(100, 500), t.AsSpan(300, 500), u);
            return DualAutodiff.Kernels.Sum<Var<double>>(u);
        }, x);
        gradient[50].ShouldBe(0);
        gradient[200].ShouldBe(2 * x[200]);
        gradient[400].ShouldBe(4 * x[400]);
        gradient[700].ShouldBe(2 * x[700]);
        gradient[900].ShouldBe(0);
    }

    [Test]
    public void Gradient_KernelOutputsIntoNaryScatteredAndSameOperandBoth_IsExact()
    {
        // t = x ⊙ x; f = logsumexp(t[0..3]) (an n-ary record) + Dot(t, t) (the block as both operands)
        // + Σ (t with t₅ and t₆ swapped) (a scattered operand): ∂f/∂xᵢ = 2xᵢ·(softmax(t₀..₂)ᵢ [i < 3] + 2tᵢ + 1)
        double[] x = [.. Enumerable.Range(0, N).Select(i => 0.001 * (i + 1))];
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            var t = new Var<double>[N];
            DualAutodiff.Kernels.Square<Var<double>>(xs, t);
            Var<double>[] swapped = [.. t];
            (swapped[5], swapped[6]) = (t[6], t[5]);
            return Special.LogSumExp<Var<double>>(t.AsSpan(0, 3)) + DualAutodiff.Kernels.Dot<Var<double>>(t, t) + DualAutodiff.Kernels.Sum<Var<double>>(swapped);
        }, x);
        double[] t = [.. x.Select(e => e * e)];
        double z = Math.Log(Math.Exp(t[0]) + Math.Exp(t[1]) + Math.Exp(t[2]));
        gradient[1].ShouldBe(2 * x[1] * (Math.Exp(t[1] - z) + (2 * t[1]) + 1), 1e-14);
        gradient[5].ShouldBe(2 * x[5] * ((2 * t[5]) + 1), 1e-15);
        gradient[900].ShouldBe(2 * x[900] * ((2 * t[900]) + 1), 1e-15);
    }

    [Test]
    public void Jacobian_OfKernelOutputs_RowByRowIsExact()
    {
        // y = x ⊙ (1..n) − 1 at n = 100 outputs: J = diag(1..n), each row a sweep of its own
        double[] x = [.. Enumerable.Range(0, 100).Select(i => 0.1 * i)];
        double[] scale = [.. Enumerable.Range(1, 100).Select(i => (double)i)];
        double[,] jacobian = Reverse.Jacobian<double>(xs =>
        {
            var y = new Var<double>[xs.Length];
            DualAutodiff.Kernels.Multiply<Var<double>>(xs, [.. scale.Select(s => (Var<double>)s)], y);
            DualAutodiff.Kernels.Subtract<Var<double>>(y, 1.0, y);
            return y;
        }, x);
        jacobian[3, 3].ShouldBe(4);
        jacobian[3, 4].ShouldBe(0);
        jacobian[99, 99].ShouldBe(100);
        jacobian[99, 3].ShouldBe(0);
    }

    [Test]
    public void Hvp_ChainOfElementwiseKernels_MatchesTheScalarLoop()
    {
        // f = Σ (x[1..] − x[..^1]²)² + Σ (1 − x[..^1])² (chained Rosenbrock without the 100) by kernels and by scalars:
        // the gradient and H·v of both agree (the kernel steps clear their deferred targets chunk by chunk)
        int n = 5000;
        double[] x = [.. Enumerable.Range(0, n).Select(i => 0.9 + (0.2 * Math.Sin(i)))];
        double[] v = [.. Enumerable.Range(0, n).Select(i => Math.Cos(0.3 * i))];
        (double value, double[] gradient, double[] hvp) = DualAutodiff.Hvp.ValueGradientAndHvp(xs =>
        {
            int m = xs.Length - 1;
            var a = new Var<Dual<double>>[m];
            var b = new Var<Dual<double>>[m];
            DualAutodiff.Kernels.Square<Var<Dual<double>>>(xs.AsSpan(0, m), a);
            DualAutodiff.Kernels.Subtract<Var<Dual<double>>>(xs.AsSpan(1), a, a);
            DualAutodiff.Kernels.Subtract<Var<Dual<double>>>((Dual<double>)1.0, xs.AsSpan(0, m), b);
            return DualAutodiff.Kernels.SumOfSquares<Var<Dual<double>>>(a) + DualAutodiff.Kernels.SumOfSquares<Var<Dual<double>>>(b);
        }, x, v);
        (double scalarValue, double[] scalarGradient, double[] scalarHvp) = DualAutodiff.Hvp.ValueGradientAndHvp(xs =>
        {
            Var<Dual<double>> f = (Dual<double>)0.0;
            for (int i = 0; i + 1 < xs.Length; i++)
            {
                Var<Dual<double>> d = xs[i + 1] - (xs[i] * xs[i]), e = (Dual<double>)1.0 - xs[i];
                f += (d * d) + (e * e);
            }

            return f;
        }, x, v);
        value.ShouldBe(scalarValue, 1e-10 * Math.Abs(scalarValue));
        for (int i = 0; i < n; i += 499)
        {
            gradient[i].ShouldBe(scalarGradient[i], 1e-12 * (1 + Math.Abs(scalarGradient[i])));
            hvp[i].ShouldBe(scalarHvp[i], 1e-12 * (1 + Math.Abs(scalarHvp[i])));
        }
    }
}
