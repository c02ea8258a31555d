using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Hvp;

/// <summary>The second-order tape behind <see cref="HessianOperator{T}"/>: every record shape's second partials, the
/// 0·∞ = 0 rule, degenerate outputs, other scalar types, and the reverse-over-reverse fallback.</summary>
[TestFixture]
public class SecondOrderTapeTests
{
    /// <summary>Every shape a replay step has: products and quotients with and without a constant, sums, negation,
    /// unary, integer-argument, binary and one-constant binary rules, selections, CopySign, ternary and span rules.</summary>
    private sealed class AllShapes : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T two = T.CreateChecked(2);
            T half = T.CreateChecked(0.5);
            T s = (x[0] * x[1]) + (x[1] / x[2]) + (two / x[0]) + (x[2] * two) + (x[0] / two) - (T.One - x[1]) + (-x[2]);
            s += T.Exp(x[0] * half) * T.Sin(x[1]) + T.Log(x[2] * x[2]);
            s += T.RootN(x[2], 3) * x[0] + T.ScaleB(x[1] * x[1], 2);
            s += T.Pow(x[2], x[0]) + T.Pow(x[1], T.CreateChecked(2.5)) + T.Pow(T.CreateChecked(1.5), x[0] * x[1]);
            s += T.Atan2(x[0], x[2]) * T.Hypot(x[1], x[0]);
            s += T.Max(x[0] * x[0], x[1]) * T.CopySign(x[2], x[0] - x[1]) + T.Abs(x[1] - x[2]) * x[0];
            s += T.FusedMultiplyAdd(x[0], x[1] * x[1], x[2]) * T.Lerp(x[0], x[1], x[2]);
            s += Special.LogSumExp([x[0] * x[1], x[1] * x[2], x[2], two]) * x[1];
            s += Special.Erf(x[0] * half) * Special.LogGamma(x[2]);
            return s;
        }
    }

    private static readonly double[] s_point = [0.7, 1.3, 2.1];

    [Test]
    public void AllShapes_ApplyEqualsHvpComputeAndFiniteDifferencesOfTheGradient()
    {
        var f = new AllShapes();
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(f, s_point);
        h.OnSecondOrderTape.ShouldBeTrue();
        for (int k = 0; k < 6; k++)
        {
            double[] v = [Math.Sin(k + 1), Math.Cos(3 * k), 0.5 - k];
            double[] expected = global::DualAutodiff.Hvp.Compute(f, s_point, v);
            double[] actual = h.Apply(v);

            // H·v as the central difference of the gradient along v, (∇f(x + εv) − ∇f(x − εv))/2ε, error O(ε²)
            const double eps = 1e-5;
            double[] plus = Reverse.Gradient(f, [.. s_point.Select((xi, i) => xi + (eps * v[i]))]);
            double[] minus = Reverse.Gradient(f, [.. s_point.Select((xi, i) => xi - (eps * v[i]))]);
            for (int i = 0; i < s_point.Length; i++)
            {
                actual[i].ShouldBeClose(expected[i], 1e-13, $"v{k}: (H·v)[{i}] against Hvp.Compute");
                actual[i].ShouldBeClose((plus[i] - minus[i]) / (2 * eps), 1e-6, $"v{k}: (H·v)[{i}] against finite differences");
            }
        }

        h.Gradient.ShouldBe(Reverse.Gradient(f, s_point));
        h.Value.ShouldBe(f.Evaluate<double>(s_point));
    }

    [Test]
    public void AllShapes_HessianFromApplyIsSymmetricAndEqualsHvpHessian()
    {
        var f = new AllShapes();
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(f, s_point);
        double[,] expected = global::DualAutodiff.Hvp.Hessian(f, s_point);
        for (int j = 0; j < 3; j++)
        {
            double[] column = h.Apply([.. Enumerable.Range(0, 3).Select(i => i == j ? 1.0 : 0.0)]);
            for (int i = 0; i < 3; i++)
            {
                column[i].ShouldBeClose(expected[i, j], 1e-13, $"H[{i},{j}]");
                column[i].ShouldBeClose(expected[j, i], 1e-12, $"H[{j},{i}] (symmetry)");
            }
        }
    }

    private sealed class SqrtAtZero : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => T.Sqrt(x[0]) + (x[1] * x[1]);
    }

    [Test]
    public void ZeroDirection_WhereTheCurvatureIsInfinite_GivesNoNaN()
    {
        // f = √x₀ + x₁² at x₀ = 0: ∂²f/∂x₀² = −∞, so (H·(0, 1)) = (0·(−∞), 2) = (0, 2) under 0·∞ = 0
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(new SqrtAtZero(), [0.0, 3.0]);
        h.OnSecondOrderTape.ShouldBeTrue();
        h.Apply([0.0, 1.0]).ShouldBe([0.0, 2.0]);
        h.Apply([0.0, 1.0]).ShouldBe(global::DualAutodiff.Hvp.Compute(new SqrtAtZero(), [0.0, 3.0], [0.0, 1.0]));

        // along x₀ the honest −∞ flows through
        double.IsNegativeInfinity(h.Apply([1.0, 0.0])[0]).ShouldBeTrue();
    }

    /// <summary>√x₀·x₁ + x₁: the root's record takes the product's contribution through the sweep's carry.</summary>
    private sealed class SqrtTimes : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => (T.Sqrt(x[0]) * x[1]) + x[1];
    }

    [Test]
    public void InfiniteCurvatureRightBelowACarriedContribution_EqualsHvpCompute()
    {
        // At x₀ = 0, along (0, 1): the product r·x₁ passes ā̇ = ā·∂²(r·x₁)/∂r∂x₁·ṫ₁ = 1 to the root's record r, whose
        // products then meet ∞·1 and −∞·0 (its partial and curvature): H·(0, 1) = (1/(2√x₀), 0) = (∞, 0), 0·∞ = 0.
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(new SqrtTimes(), [0.0, 2.0]);
        h.OnSecondOrderTape.ShouldBeTrue();
        h.Apply([0.0, 1.0]).ShouldBe([double.PositiveInfinity, 0.0]);
        foreach (double[] v in new[] { new[] { 0.0, 1.0 }, [1.0, 0.0], [1.0, 1.0] })
        {
            h.Apply(v).ShouldBe(global::DualAutodiff.Hvp.Compute(new SqrtTimes(), [0.0, 2.0], v));
        }
    }

    private sealed class Degenerate(int kind) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => kind switch
            {
                0 => T.CreateChecked(3),                   // a constant: H = 0
                1 => x[1],                                 // an input itself: H = 0
                _ => Unused(x) + (x[0] * x[1]),            // records the output does not depend on
            };

        private static T Unused<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            _ = T.Exp(x[0]) * T.Sin(x[1]);
            return T.Zero;
        }
    }

    [TestCase(0, 0.0, 0.0)]
    [TestCase(1, 0.0, 0.0)]
    [TestCase(2, 5.0, 2.0)] // f = x₀x₁: H = [[0, 1], [1, 0]], H·(2, 5) = (5, 2)
    public void DegenerateOutputs_GiveTheExactProduct(int kind, double first, double second)
    {
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(new Degenerate(kind), [1.5, -2.0]);
        h.Apply([2.0, 5.0]).ShouldBe([first, second]);
    }

    [Test]
    public void Float_ApplyGivesTheRosenbrockHessian()
    {
        // Rosenbrock at (1, 1): H = [[802, −400], [−400, 200]]
        using HessianOperator<float> h = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, [1f, 1f]);
        h.OnSecondOrderTape.ShouldBeTrue();
        h.Apply([1f, 0f]).ShouldBe([802f, -400f]);
        h.Apply([0f, 1f]).ShouldBe([-400f, 200f]);
    }

    [Test]
    public void NestedDual_ApplyEqualsHvpCompute()
    {
        var f = new AllShapes();
        Dual<double>[] x = [.. s_point.Select((xi, i) => new Dual<double>(xi, 0.1 * (i + 1)))];
        Dual<double>[] v = [new(1, 0.5), new(-0.5, 0), new(0.25, -1)];
        using HessianOperator<Dual<double>> h = global::DualAutodiff.Hvp.Linearize(f, x);
        h.OnSecondOrderTape.ShouldBeTrue();
        Dual<double>[] expected = global::DualAutodiff.Hvp.Compute(f, x, v);
        Dual<double>[] actual = h.Apply(v);
        for (int i = 0; i < 3; i++)
        {
            actual[i].Value.ShouldBeClose(expected[i].Value, 1e-13, $"value part of (H·v)[{i}]");
            actual[i].Tangent.ShouldBeClose(expected[i].Tangent, 1e-12, $"tangent part of (H·v)[{i}]");
        }
    }

    [Test]
    public void KernelFunction_FallsBackToReverseOverReverseAndAgrees()
    {
        // a kernel is not replayable: f = 2·Σ xᵢ² through Kernels.SumOfSquares, H = 2·2I = 4I
        var f = new KernelSquares();
        var counting = new CountingFunction(f);
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(counting, [1.0, -2.0, 3.0]);
        h.OnSecondOrderTape.ShouldBeFalse();
        counting.Calls.ShouldBe(2);   // once recorded for replay, once reverse-over-reverse
        h.Apply([1.0, 0.5, -1.0]).ShouldBe([4.0, 2.0, -4.0]);
        h.Gradient.ShouldBe([4.0, -8.0, 12.0]);   // ∇(2Σxᵢ²) = 4x
    }

    [Test]
    public void Apply_InPlace_GivesTheSameProductOnBothPaths()
    {
        foreach (IScalarFunction f in new IScalarFunction[] { new AllShapes(), new KernelSquares() })
        {
            using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(f, s_point);
            double[] v = [0.3, -1.1, 0.8];
            double[] expected = h.Apply(v);
            h.Apply(v, v);
            v.ShouldBe(expected);
        }
    }

    private sealed class KernelSquares : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => T.CreateChecked(2) * Kernels.SumOfSquares(x);
    }

    [Test]
    public void ExceptionInF_LeavesNoTapeActiveAndNoRecordingForReplayOpen()
    {
        Should.Throw<InvalidOperationException>(() => global::DualAutodiff.Hvp.Linearize(new ThrowsAtPositive(), [1.0]));
        Tape<Dual<double, Tangents1<double>>>.Active.ShouldBeNull();
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(new ThrowsAtPositive(), [-1.0]);
        h.Apply([1.0]).ShouldBe([6.0]);   // f = −x³: f″ = −6x = 6 at x = −1
    }

    private sealed class ThrowsAtPositive : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.Zero ? throw new InvalidOperationException("f failed") : x[0] * x[0] * x[0] * T.CreateChecked(-1);
    }
}
