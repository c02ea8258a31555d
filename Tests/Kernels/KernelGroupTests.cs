using System.Numerics;
using NUnit.Framework;
using Shouldly;
using static DualAutodiff.Tests.ReverseMode.BufferTestFunctions;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>The backward of a group of kernel records in one pass of chunks (Tape.KernelGroups.cs): exact gradients
/// through the facade (inner adjoints in scratch chunks) and the imperative tape (inner adjoints stored and readable),
/// records between the members swept first, a member nothing reads skipped, and operands that overlap a member's
/// outputs partially or lie between members keeping the records apart.</summary>
[TestFixture]
public class KernelGroupTests
{
    /// <summary>Two chunks of the group's pass, the second taking the rest.</summary>
    private const int N = 5001;

    private static double[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.4 * Math.Sin(i)))];

    /// <summary>∂/∂xⱼ of chained Rosenbrock Σ 100(xⱼ₊₁ − xⱼ²)² + (1 − xⱼ)².</summary>
    private static double RosenbrockDerivative(double[] x, int j)
    {
        int m = x.Length - 1;
        double d = 0;
        if (j < m)
        {
            d += (-400 * x[j] * (x[j + 1] - (x[j] * x[j]))) - (2 * (1 - x[j]));
        }

        if (j > 0)
        {
            d += 200 * (x[j] - (x[j - 1] * x[j - 1]));
        }

        return d;
    }

    [Test]
    public void Rosenbrock_Facade_GradientIsAnalytic()
    {
        double[] x = Point(N);
        (double value, double[] gradient) = Reverse.ValueAndGradient(new RosenbrockKernels(), x);
        value.ShouldBe(new RosenbrockKernels().Evaluate<double>(x));
        for (int j = 0; j < N; j++)
        {
            gradient[j].ShouldBe(RosenbrockDerivative(x, j), 1e-11 * (1 + Math.Abs(RosenbrockDerivative(x, j))), $"j = {j}");
        }
    }

    [Test]
    public void Rosenbrock_FacadeAndTape_AgreeBitForBit()
    {
        double[] x = Point(N);
        double[] gradient = Reverse.Gradient(new RosenbrockKernels(), x);
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] xs = [.. x.Select(tape.Variable)];
            tape.Backward(new RosenbrockKernels().Evaluate<Var<double>>(xs));
            for (int j = 0; j < N; j++)
            {
                // the same products and sums in the same order, whether inner adjoints go to scratch or to their slots
                tape.Adjoint(xs[j]).ShouldBe(gradient[j], $"j = {j}");
            }
        }
    }

    [Test]
    public void Rosenbrock_Tape_InnerAdjointsAreStored()
    {
        double[] x = Point(N);
        int m = N - 1;
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] xs = [.. x.Select(tape.Variable)];
            var a1 = new Var<double>[m];
            var a2 = new Var<double>[m];
            var b = new Var<double>[m];
            DualAutodiff.Kernels.Square<Var<double>>(xs.AsSpan(0, m), a1);
            DualAutodiff.Kernels.Subtract<Var<double>>(xs.AsSpan(1), a1, a2);
            DualAutodiff.Kernels.Subtract<Var<double>>(1.0, xs.AsSpan(0, m), b);
            Var<double> f = (100.0 * DualAutodiff.Kernels.SumOfSquares<Var<double>>(a2)) + DualAutodiff.Kernels.SumOfSquares<Var<double>>(b);
            tape.Backward(f);

            // f = 100 Σ a2² + Σ b²: ā2 = 200·a2, b̄ = 2b, ā1 = −ā2 (a2 = x[1..] − a1)
            foreach (int j in new[] { 0, 2047, 2048, 4095, m - 1 })
            {
                tape.Adjoint(a2[j]).ShouldBe(200 * a2[j].Value, 1e-12);
                tape.Adjoint(b[j]).ShouldBe(2 * b[j].Value, 1e-15);
                tape.Adjoint(a1[j]).ShouldBe(-200 * a2[j].Value, 1e-12);
                tape.Adjoint(xs[j]).ShouldBe(RosenbrockDerivative(x, j), 1e-10);
            }
        }
    }

    [Test]
    public void Rosenbrock_Hvp_IsAnalytic()
    {
        // forward-over-reverse: the group runs at Var<Dual<double>>; H of Σ 100(xⱼ₊₁ − xⱼ²)² + (1 − xⱼ)² is tridiagonal:
        // Hⱼⱼ = [j < m](1200xⱼ² − 400xⱼ₊₁ + 2) + [j > 0]·200, Hⱼ,ⱼ₊₁ = Hⱼ₊₁,ⱼ = −400xⱼ
        double[] x = Point(N);
        double[] v = [.. Enumerable.Range(0, N).Select(i => Math.Cos(i))];
        double[] hv = DualAutodiff.Hvp.Compute(new RosenbrockKernels(), x, v);
        int m = N - 1;
        for (int j = 0; j < N; j++)
        {
            double diagonal = (j < m ? (1200 * x[j] * x[j]) - (400 * x[j + 1]) + 2 : 0) + (j > 0 ? 200 : 0);
            double expected = diagonal * v[j];
            if (j < m)
            {
                expected += -400 * x[j] * v[j + 1];
            }

            if (j > 0)
            {
                expected += -400 * x[j - 1] * v[j - 1];
            }

            hv[j].ShouldBe(expected, 1e-10 * (1 + Math.Abs(expected)), $"j = {j}");
        }
    }

    [TestCase(7)]
    [TestCase(N - 2)]
    public void Group_RecordBetweenMembersReadsAnOutput_GradientIsExact(int read)
    {
        double[] x = Point(N);
        int m = N - 1;
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            // a1 = x[..m]², r = 3·a1ᵣ (a record between the kernels; for the last output, the record right after the
            // block, whose contribution the scalar sweep carries to the slot below), a2 = x[1..] − a1
            var a1 = new Var<double>[m];
            DualAutodiff.Kernels.Square<Var<double>>(xs.AsSpan(0, m), a1);
            Var<double> r = 3.0 * a1[read];
            DualAutodiff.Kernels.Subtract<Var<double>>(xs.AsSpan(1), a1, a1);
            return DualAutodiff.Kernels.Sum<Var<double>>(a1) + r;
        }, x);

        // f = Σ (xⱼ₊₁ − xⱼ²) + 3xᵣ²: ∂f/∂xⱼ = [j ≥ 1] − 2xⱼ·[j < m] + 6xᵣ·[j = r]
        for (int j = 0; j < N; j++)
        {
            double expected = (j >= 1 ? 1 : 0) - (j < m ? 2 * x[j] : 0) + (j == read ? 6 * x[read] : 0);
            gradient[j].ShouldBe(expected, 1e-15, $"j = {j}");
        }
    }

    [Test]
    public void Group_RecordAboveWritesAnInnerOutput_GradientIsExact()
    {
        double[] x = Point(N);
        int m = N - 1;
        foreach (bool facade in new[] { true, false })
        {
            double[] gradient = Gradient(facade, x, xs =>
            {
                // a1 = x[..m]², a2 = x[1..] − a1, then r = 5·a1₃ after the kernels: a1's adjoints are not 0 when the group runs
                var a1 = new Var<double>[m];
                var a2 = new Var<double>[m];
                DualAutodiff.Kernels.Square<Var<double>>(xs.AsSpan(0, m), a1);
                DualAutodiff.Kernels.Subtract<Var<double>>(xs.AsSpan(1), a1, a2);
                return DualAutodiff.Kernels.Sum<Var<double>>(a2) + (5.0 * a1[3]);
            });

            // f = Σ (xⱼ₊₁ − xⱼ²) + 5x₃²: ∂f/∂xⱼ = [j ≥ 1] − 2xⱼ·[j < m] + 10x₃·[j = 3]
            for (int j = 0; j < N; j++)
            {
                double expected = (j >= 1 ? 1 : 0) - (j < m ? 2 * x[j] : 0) + (j == 3 ? 10 * x[3] : 0);
                gradient[j].ShouldBe(expected, 1e-15, $"j = {j}, facade: {facade}");
            }
        }
    }

    [Test]
    public void Group_OperandOverlapsMembersPartially_GradientIsExact()
    {
        double[] x = Point(N);
        int half = N / 2;
        foreach (bool facade in new[] { true, false })
        {
            double[] gradient = Gradient(facade, x, xs =>
            {
                // e = (eˣ, eˣ) in one buffer; Σ e[half .. half + n) straddles both halves; Σ (first half)²
                var e = new Var<double>[2 * N];
                DualAutodiff.Kernels.Exp<Var<double>>(xs, e.AsSpan(0, N));
                DualAutodiff.Kernels.Exp<Var<double>>(xs, e.AsSpan(N));
                Var<double> s = DualAutodiff.Kernels.Sum<Var<double>>(e.AsSpan(half, N));
                return s + DualAutodiff.Kernels.SumOfSquares<Var<double>>(e.AsSpan(0, N));
            });

            // every xⱼ appears once in the straddling sum (from the first copy for j ≥ half, the second for j < half),
            // and Σ e^(2xⱼ): ∂f/∂xⱼ = eˣʲ + 2e^(2xⱼ)
            for (int j = 0; j < N; j += 7)
            {
                gradient[j].ShouldBe(Math.Exp(x[j]) + (2 * Math.Exp(2 * x[j])), 1e-13, $"j = {j}, facade: {facade}");
            }
        }
    }

    [Test]
    public void Group_MemberNothingReads_ItsAdjointsReadZero()
    {
        double[] x = Point(N);
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] xs = [.. x.Select(tape.Variable)];
            var a = new Var<double>[N];
            var unused = new Var<double>[N];
            DualAutodiff.Kernels.Square<Var<double>>(xs, a);
            DualAutodiff.Kernels.Exp<Var<double>>(xs, unused);
            tape.Backward(DualAutodiff.Kernels.Sum<Var<double>>(a));

            // f = Σ xⱼ²: ∂f/∂xⱼ = 2xⱼ, and nothing reaches eˣ
            tape.Adjoint(xs[4000]).ShouldBe(2 * x[4000]);
            tape.Adjoint(unused[4000]).ShouldBe(0);
            tape.Adjoint(a[4000]).ShouldBe(1);
        }
    }

    [Test]
    public void Group_OperandBetweenMembers_GradientIsExact()
    {
        double[] x = Point(N);
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            // a = x², then s = 2a (scalar records, between the kernels), e = eˢ: the operand s lies between two kernels
            var a = new Var<double>[N];
            DualAutodiff.Kernels.Square<Var<double>>(xs, a);
            var s = new Var<double>[N];
            for (int j = 0; j < N; j++)
            {
                s[j] = 2.0 * a[j];
            }

            var e = new Var<double>[N];
            DualAutodiff.Kernels.Exp<Var<double>>(s, e);
            return DualAutodiff.Kernels.Sum<Var<double>>(e);
        }, x);

        // f = Σ e^(2xⱼ²): ∂f/∂xⱼ = 4xⱼ·e^(2xⱼ²)
        for (int j = 0; j < N; j += 7)
        {
            gradient[j].ShouldBe(4 * x[j] * Math.Exp(2 * x[j] * x[j]), 1e-13, $"j = {j}");
        }
    }

    [TestCase("SumOfSquares")]
    [TestCase("Subtract")]
    [TestCase("ScalarSubtract")]
    [TestCase("Square")]
    public void Group_FirstWriterOfNegativeZero_AdjointIsPositiveZero(string kernel)
    {
        // d = x·(−0) = −0 (deferred kernel outputs), read by one member, which writes its contributions to d's slots:
        // a sweep adding to cleared slots gives +0 + c, so −0 contributions leave +0
        const int n = 1000;
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] xs = [.. Enumerable.Repeat(1.0, n).Select(tape.Variable)];
            var d = new Var<double>[n];
            var e = new Var<double>[n];
            DualAutodiff.Kernels.Multiply<Var<double>>(xs, -0.0, d);
            Var<double> f;
            switch (kernel)
            {
                case "SumOfSquares":
                    // ∂/∂d Σ d² = 2d = 2·(−0) = −0
                    f = DualAutodiff.Kernels.SumOfSquares<Var<double>>(d);
                    break;
                case "Subtract":
                    // e = x − d, f = 0·Σ e²: ē = +0, d̄ = −ē = −0
                    DualAutodiff.Kernels.Subtract<Var<double>>(xs, d, e);
                    f = 0.0 * DualAutodiff.Kernels.SumOfSquares<Var<double>>(e);
                    break;
                case "ScalarSubtract":
                    // e = 1 − d, f = 0·Σ e²: d̄ = −ē = −0
                    DualAutodiff.Kernels.Subtract<Var<double>>(1.0, d, e);
                    f = 0.0 * DualAutodiff.Kernels.SumOfSquares<Var<double>>(e);
                    break;
                default:
                    // e = d², f = 0·Σ e²: d̄ = ē·2d = (+0)·(−0) = −0
                    DualAutodiff.Kernels.Square<Var<double>>(d, e);
                    f = 0.0 * DualAutodiff.Kernels.SumOfSquares<Var<double>>(e);
                    break;
            }

            // the second sweep defers the clearing of the kernel outputs' slots (the first allocates them zeroed)
            tape.Backward(f);
            tape.Backward(f);
            foreach (int j in new[] { 0, 511, 512, n - 1 })
            {
                BitConverter.DoubleToInt64Bits(tape.Adjoint(d[j])).ShouldBe(0L, $"j = {j}");
            }
        }
    }

    [Test]
    public void Group_FirstWriterWithInfiniteSeed_ZeroTimesInfinityIsZero()
    {
        // d = x·c with c = (0, 1, 0, 1, …), f = Σ d², seeded with +∞: ∂f/∂d = ∞·2d is +∞ at d = 1 and 0 (0·∞ = 0) at d = 0
        const int n = 1001;
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] xs = [.. Enumerable.Repeat(1.0, n).Select(tape.Variable)];
            Var<double>[] c = [.. Enumerable.Range(0, n).Select(i => (Var<double>)(i % 2))];
            var d = new Var<double>[n];
            DualAutodiff.Kernels.Multiply<Var<double>>(xs, c, d);
            Var<double> f = DualAutodiff.Kernels.SumOfSquares<Var<double>>(d);
            tape.Backward(f, double.PositiveInfinity);
            tape.Backward(f, double.PositiveInfinity);
            for (int j = 990; j < n; j++)
            {
                tape.Adjoint(d[j]).ShouldBe(j % 2 == 0 ? 0.0 : double.PositiveInfinity, $"j = {j}");
                tape.Adjoint(xs[j]).ShouldBe(j % 2 == 0 ? 0.0 : double.PositiveInfinity, $"j = {j}");
            }
        }
    }

    /// <summary>The gradient through the facade or through an imperative tape.</summary>
    private static double[] Gradient(bool facade, double[] x, Func<Var<double>[], Var<double>> f)
    {
        if (facade)
        {
            return Reverse.Gradient(f, x);
        }

        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] xs = [.. x.Select(tape.Variable)];
            tape.Backward(f(xs));
            return [.. xs.Select(tape.Adjoint)];
        }
    }
}
