using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Hvp;

[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class HvpTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly HvpMethod[] s_exactMethods = [HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse];

    /// <summary>Relative accuracy of an exact route: a few hundred ulps of T.</summary>
    private static double ExactTolerance => typeof(T) == typeof(float) ? 1e-4 : 1e-11;

    /// <summary>Relative accuracy of central differences: about ε^(2/3).</summary>
    private static double DifferenceTolerance => typeof(T) == typeof(float) ? 2e-2 : 1e-6;

    [Test]
    public void Compute_OutputUsesOnlyTheFirstInputAfterALongerSweep_OtherEntriesAreZero()
    {
        // H·v of Σxᵢ² leaves adjoints in the thread's pooled tape; then f = x₀² (the sweep stops at record 2 at most):
        // H = diag(2, 0, 0), so H·v = (2v₀, 0, 0) = (2, 0, 0) for v = 1
        T[] x = [T.One, T.CreateChecked(2), T.CreateChecked(3)];
        T[] v = [T.One, T.One, T.One];
        DualAutodiff.Hvp.Compute<T>(xs => (xs[0] * xs[0]) + (xs[1] * xs[1]) + (xs[2] * xs[2]), x, v);
        DualAutodiff.Hvp.Compute<T>(xs => xs[0] * xs[0], x, v).ShouldBe([T.CreateChecked(2), T.Zero, T.Zero]);
    }

    private static IEnumerable<TestCaseData> Functions()
    {
        yield return new TestCaseData(ChainedRosenbrock.Instance, new[] { -1.2, 1.0, 0.5, 0.8 }, new[] { 0.3, -1.0, 2.0, 0.7 }).SetName("{m}(ChainedRosenbrock)");
        yield return new TestCaseData(ExtendedRosenbrock.Instance, new[] { -1.2, 1.0, 0.9, 1.1 }, new[] { 1.0, 1.0, -0.5, 0.25 }).SetName("{m}(ExtendedRosenbrock)");
        yield return new TestCaseData(new ExpLogTrig(), new[] { 0.3, -0.7, 1.1 }, new[] { 1.0, 0.5, -2.0 }).SetName("{m}(ExpLogTrig)");
        yield return new TestCaseData(new SumOfSines(), new[] { 0.1, 1.0, 2.0, -3.0 }, new[] { 1.0, -1.0, 0.5, 2.0 }).SetName("{m}(SumOfSines)");
        yield return new TestCaseData(new ConvexQuadratic(), new[] { 1.0, 2.0, 3.0 }, new[] { 1.0, 0.0, -1.0 }).SetName("{m}(ConvexQuadratic)");
    }

    [Test]
    public void Hessian_ChainedRosenbrock2DAt11_Is802Minus400And200()
    {
        // ∂²/∂x² = 1200x² − 400y + 2 = 802, ∂²/∂x∂y = −400x = −400, ∂²/∂y² = 200 at (1, 1)
        T[,] h = global::DualAutodiff.Hvp.Hessian(ChainedRosenbrock.Instance, Of(1, 1));
        ToDouble(h).ShouldBe(new double[,] { { 802, -400 }, { -400, 200 } });
    }

    [Test]
    public void Compute_ChainedRosenbrock_EqualsAnalyticTridiagonalHessianTimesV([ValueSource(nameof(s_exactMethods))] HvpMethod method)
    {
        double[] x = [-1.2, 1.0, 0.5, 0.8, -0.3, 2.0];
        double[] v = [0.3, -1.0, 2.0, 0.7, 1.5, -0.2];
        T[] hv = ComputeThroughInterface(ChainedRosenbrock.Instance, Of(x), Of(v), method);
        ShouldBeClose(hv, RosenbrockHessianTimes(x, v), ExactTolerance);
    }

    [TestCaseSource(nameof(Functions))]
    public void Compute_AllRoutes_AgreeWithForwardOverReverse(IScalarFunction f, double[] x, double[] v)
    {
        T[] reference = ComputeThroughInterface(f, Of(x), Of(v), HvpMethod.ForwardOverReverse);
        ShouldBeClose(Doubles(ComputeThroughInterface(f, Of(x), Of(v), HvpMethod.ReverseOverForward)), Doubles(reference), ExactTolerance);
        ShouldBeClose(Doubles(ComputeThroughInterface(f, Of(x), Of(v), HvpMethod.ReverseOverReverse)), Doubles(reference), ExactTolerance);
        ShouldBeClose(Doubles(ComputeThroughInterface(f, Of(x), Of(v), HvpMethod.FiniteDifference)), Doubles(reference), DifferenceTolerance);
    }

    [TestCaseSource(nameof(Functions))]
    public void Compute_TwoDirections_VTransposeHwEqualsWTransposeHv(IScalarFunction f, double[] x, double[] v)
    {
        double[] w = new double[x.Length];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = 1.0 / (i + 1) - 0.4;
        }

        double vHw = Dot(v, Doubles(ComputeThroughInterface(f, Of(x), Of(w), HvpMethod.ForwardOverReverse)));
        double wHv = Dot(w, Doubles(ComputeThroughInterface(f, Of(x), Of(v), HvpMethod.ForwardOverReverse)));
        vHw.ShouldBe(wHv, ExactTolerance * Math.Max(1, Math.Abs(vHw)));
    }

    [Test]
    public void Hessian_SumOfSines_IsDiagonalMinusSine()
    {
        double[] x = [0.1, 1.0, 2.0, -3.0, 4.5];
        T[,] h = global::DualAutodiff.Hvp.Hessian(new SumOfSines(), Of(x));
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                // ∂²/∂xᵢ∂xⱼ Σ sin xₖ = −sin xᵢ on the diagonal, 0 elsewhere
                double expected = i == j ? -Math.Sin(x[i]) : 0.0;
                double.CreateChecked(h[i, j]).ShouldBe(expected, ExactTolerance);
            }
        }
    }

    [TestCaseSource(nameof(Functions))]
    public void ValueGradientAndHvp_AnyFunction_ValueAndGradientEqualReverse(IScalarFunction f, double[] x, double[] v)
    {
        (T value, T[] gradient, T[] hvp) = global::DualAutodiff.Hvp.ValueGradientAndHvp(f, Of(x), Of(v));
        (T expectedValue, T[] expectedGradient) = Reverse.ValueAndGradient(f, Of(x));
        value.ShouldBe(expectedValue);
        gradient.ShouldBe(expectedGradient);
        hvp.ShouldBe(ComputeThroughInterface(f, Of(x), Of(v), HvpMethod.ForwardOverReverse));
    }

    [Test]
    public void ValueGradientAndHvp_Delegate_EqualsInterface()
    {
        T[] x = Of(-1.2, 1.0, 0.5);
        T[] v = Of(1.0, 2.0, -1.0);
        var viaDelegate = global::DualAutodiff.Hvp.ValueGradientAndHvp<T>(z => ChainedRosenbrock.Instance.Evaluate<Var<Dual<T>>>(z), x, v);
        var viaInterface = global::DualAutodiff.Hvp.ValueGradientAndHvp(ChainedRosenbrock.Instance, x, v);
        viaDelegate.Value.ShouldBe(viaInterface.Value);
        viaDelegate.Gradient.ShouldBe(viaInterface.Gradient);
        viaDelegate.Hvp.ShouldBe(viaInterface.Hvp);
    }

    [Test]
    public void Compute_NaNInV_FlowsThroughToHvp([Values] HvpMethod method)
    {
        // H at (1, 1) has no zero entry, so a NaN in v₀ reaches both (H·v)₀ = 802·NaN − 400·0 and (H·v)₁
        T[] hv = ComputeThroughInterface(ChainedRosenbrock.Instance, Of(1, 1), Of(double.NaN, 0), method);
        T.IsNaN(hv[0]).ShouldBeTrue();
        T.IsNaN(hv[1]).ShouldBeTrue();
    }

    [Test]
    public void Compute_ZeroV_IsZero([Values] HvpMethod method)
    {
        // H·0 = 0
        Doubles(ComputeThroughInterface(ChainedRosenbrock.Instance, Of(-1.2, 1, 2), Of(0, 0, 0), method)).ShouldBe([0.0, 0.0, 0.0]);
    }

    [Test]
    public void Compute_LengthMismatch_ThrowsNamingV([Values] HvpMethod method)
    {
        Should.Throw<ArgumentException>(() => ComputeThroughInterface(ChainedRosenbrock.Instance, Of(1, 1), Of(1, 1, 1), method)).ParamName.ShouldBe("v");
    }

    [Test]
    public void Compute_NullArguments_ThrowNamingThem()
    {
        Should.Throw<ArgumentNullException>(() => ComputeThroughInterface(null!, Of(1, 1), Of(1, 1), HvpMethod.ForwardOverReverse)).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => ComputeThroughInterface(ChainedRosenbrock.Instance, null!, Of(1, 1), HvpMethod.ForwardOverReverse)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentNullException>(() => ComputeThroughInterface(ChainedRosenbrock.Instance, Of(1, 1), null!, HvpMethod.ForwardOverReverse)).ParamName.ShouldBe("v");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Compute<T>((Func<Var<Dual<T>>[], Var<Dual<T>>>)null!, Of(1), Of(1))).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Hessian<T>((IScalarFunction)null!, Of(1))).ParamName.ShouldBe("f");
        // an empty input is f: R⁰ → R, whose Hessian is 0×0
        global::DualAutodiff.Hvp.Hessian(ChainedRosenbrock.Instance, Array.Empty<T>()).Length.ShouldBe(0);
    }

    [Test]
    public void Compute_FunctionThrows_NextCallIsUnaffected([Values] HvpMethod method)
    {
        Should.Throw<InvalidOperationException>(() => ComputeThroughInterface(new Throwing(), Of(1, 1), Of(1, 1), method));
        // H·(1, 0) at (1, 1) = (802, −400)
        Doubles(ComputeThroughInterface(ChainedRosenbrock.Instance, Of(1, 1), Of(1, 0), method)).ShouldBe([802.0, -400.0], DifferenceTolerance * 1000);
    }

    [Test]
    public void Compute_ManyThreads_EachGetsItsOwnTapeAndTheSameResult([Values] HvpMethod method)
    {
        T[] x = Of(-1.2, 1.0, 0.5, 0.8, -0.3, 2.0);
        T[] v = Of(0.3, -1.0, 2.0, 0.7, 1.5, -0.2);
        T[] expected = ComputeThroughInterface(ChainedRosenbrock.Instance, x, v, method);
        var results = new T[64][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = ComputeThroughInterface(ChainedRosenbrock.Instance, x, v, method));
        foreach (T[] result in results)
        {
            result.ShouldBe(expected);
        }
    }

    [Test]
    public void Compute_CalledInsideTheFunction_NestedCallDoesNotDisturbOuter()
    {
        // the inner call (same T, unrelated) runs while the outer recording is live; H·(1, 0) at (1, 1) = (802, −400)
        T[] inner = [];
        T[] hv = global::DualAutodiff.Hvp.Compute<T>(z =>
        {
            inner = global::DualAutodiff.Hvp.Compute(new SumOfSines(), Of(0.5), Of(1.0));
            return ChainedRosenbrock.Instance.Evaluate<Var<Dual<T>>>(z);
        }, Of(1, 1), Of(1, 0));
        Doubles(hv).ShouldBe([802.0, -400.0]);
        double.CreateChecked(inner[0]).ShouldBe(-Math.Sin(0.5), ExactTolerance); // d²/dx² sin x = −sin x
    }

    [Test]
    public void Compute_SteadyState_AllocatesOnlyTheResult()
    {
        T[] x = Of([.. Enumerable.Range(0, 100).Select(i => Math.Cos(i))]);
        T[] v = Of([.. Enumerable.Range(0, 100).Select(i => Math.Sin(i))]);
        for (int i = 0; i < 3; i++)
        {
            ComputeThroughInterface(ChainedRosenbrock.Instance, x, v, HvpMethod.ForwardOverReverse);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ComputeThroughInterface(ChainedRosenbrock.Instance, x, v, HvpMethod.ForwardOverReverse);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // the result array: 100 elements plus an array header
        allocated.ShouldBeLessThanOrEqualTo(100L * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + 64);
    }

    [Test]
    public void ExtendedRosenbrock_OddLength_ThrowsNamingX()
    {
        Should.Throw<ArgumentException>(() => global::DualAutodiff.Hvp.Compute(ExtendedRosenbrock.Instance, Of(1, 1, 1), Of(1, 1, 1))).ParamName.ShouldBe("x");
    }

    /// <summary>The analytic tridiagonal Hessian of chained Rosenbrock times v.</summary>
    private static double[] RosenbrockHessianTimes(double[] x, double[] v)
    {
        int n = x.Length;
        double[] hv = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Hᵢᵢ = 1200xᵢ² − 400xᵢ₊₁ + 2 from term i, + 200 from term i − 1; Hᵢ,ᵢ₊₁ = −400xᵢ
            double diagonal = (i + 1 < n ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0) + (i > 0 ? 200 : 0);
            hv[i] = diagonal * v[i];
            if (i + 1 < n)
            {
                hv[i] += -400 * x[i] * v[i + 1];
            }

            if (i > 0)
            {
                hv[i] += -400 * x[i - 1] * v[i - 1];
            }
        }

        return hv;
    }

    /// <summary>Calls the library the way user code does, through a helper constrained on generic math.</summary>
    private static TN[] ComputeThroughInterface<TN>(IScalarFunction f, TN[] x, TN[] v, HvpMethod method)
        where TN : IFloatingPointIeee754<TN> => global::DualAutodiff.Hvp.Compute(f, x, v, method);

    private static void ShouldBeClose(T[] actual, double[] expected, double relative) => ShouldBeClose(Doubles(actual), expected, relative);

    private static void ShouldBeClose(double[] actual, double[] expected, double relative)
    {
        actual.Length.ShouldBe(expected.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].ShouldBe(expected[i], relative * scale, $"entry {i}");
        }
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (p, q) => p * q).Sum();

    private static T[] Of(params double[] values) => [.. values.Select(T.CreateChecked)];

    private static double[] Doubles(T[] values) => [.. values.Select(double.CreateChecked)];

    private static double[,] ToDouble(T[,] m)
    {
        var d = new double[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
        {
            for (int j = 0; j < m.GetLength(1); j++)
            {
                d[i, j] = double.CreateChecked(m[i, j]);
            }
        }

        return d;
    }

    private sealed class Throwing : IScalarFunction
    {
        public TN Evaluate<TN>(ReadOnlySpan<TN> x)
            where TN : IFloatingPointIeee754<TN> => x[0] * x[1] > TN.Zero ? throw new InvalidOperationException("user code failed") : x[0];
    }
}
