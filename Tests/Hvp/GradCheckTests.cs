using System.Numerics;
using DualAutodiff.Tests.ReverseMode;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Hvp;

/// <summary>GradCheck: it passes on smooth functions in every mode, fails on a derivative wrong by 1 % in one mode
/// naming that mode and entry, reports a mode that throws, rejects bad input, and its per-input steps work where
/// an ‖x‖∞-scaled step does not.</summary>
[TestFixture]
public class GradCheckTests
{
    private static readonly string[] s_gradientModes = ["Forward.Jvp", "Forward.Jacobian", "Reverse.Gradient", "Hvp.ValueGradientAndHvp"];

    private static readonly string[] s_hvpModes =
    [
        "ForwardOverReverse", "ReverseOverForward", "ReverseOverReverse",
        "ReverseOverForward vs ForwardOverReverse", "ReverseOverReverse vs ForwardOverReverse",
    ];

    /// <summary>The point of <see cref="Skewed{TWrong}"/> and <see cref="Bent{TWrong}"/>.</summary>
    private static readonly double[] s_point = [0.7, -0.4, 1.3];

    /// <summary>The direction for H·v at <see cref="s_point"/>.</summary>
    private static readonly double[] s_direction = [0.5, 1.0, -0.3];

    /// <summary>∛ε for double.</summary>
    private static readonly double s_cubeRootEpsilon = Math.Cbrt(Math.BitIncrement(1.0) - 1.0);

    public static IEnumerable<TestCaseData> SmoothScalar()
    {
        yield return new TestCaseData(ChainedRosenbrock.Instance, new[] { -1.2, 1.0, 0.5, 0.8, -0.3, 2.0 }, new[] { 0.3, -1.0, 2.0, 0.7, 1.5, -0.2 }).SetName("{m}(ChainedRosenbrock)");
        yield return new TestCaseData(ExtendedRosenbrock.Instance, ExtendedRosenbrock.StandardStart(6), new[] { 1.0, 1.0, -0.5, 0.25, 2.0, -1.0 }).SetName("{m}(ExtendedRosenbrock)");
        yield return new TestCaseData(ChainedRosenbrock.Instance, new[] { 1.0, 1.0, 1.0 }, new[] { 1.0, -2.0, 0.5 }).SetName("{m}(ChainedRosenbrockAtMinimum)");
        yield return new TestCaseData(new ExpLogTrig(), new[] { 0.3, -0.7, 1.1 }, new[] { 1.0, 0.5, -2.0 }).SetName("{m}(ExpLogTrig)");
        yield return new TestCaseData(new MixedScales(), MixedScales.Point, new[] { 0.2, 3e5, -0.1, 2e7 }).SetName("{m}(MixedScales)");
        yield return new TestCaseData(new ExpAndLog(), new[] { 2e-8, 3e8 }, new[] { 1.0, 1e8 }).SetName("{m}(InputsOfScale1eMinus8And1e8)");
        foreach ((string name, IScalarFunction f, double[] x) in TestFunctions.Scalar())
        {
            double[] v = [.. x.Select((_, i) => 1.0 - (0.3 * i))];
            yield return new TestCaseData(f, x, v).SetName($"{{m}}({name.Replace(' ', '_')})");
        }
    }

    public static IEnumerable<TestCaseData> SmoothVector()
    {
        foreach ((string name, IVectorFunction f, double[] x) in TestFunctions.Vector())
        {
            yield return new TestCaseData(f, x).SetName($"{{m}}({name.Replace(' ', '_').Replace("->", "To")})");
        }

        yield return new TestCaseData(new MixedScalesVector(), new[] { 1.5, 2e6, 3e8 }).SetName("{m}(MixedScalesVector)");
    }

    [TestCaseSource(nameof(SmoothScalar))]
    public void Gradient_SmoothFunction_PassesInEveryMode(IScalarFunction f, double[] x, double[] v)
    {
        GradCheckResult result = GradCheck.Gradient(f, x);
        result.Passed.ShouldBeTrue(result.ToString());
        result.Modes.Select(m => m.Mode).ShouldBe(s_gradientModes);
        result.MaxError.ShouldBeLessThanOrEqualTo(1);
    }

    [TestCaseSource(nameof(SmoothScalar))]
    public void Hvp_SmoothFunction_PassesInEveryRoute(IScalarFunction f, double[] x, double[] v)
    {
        GradCheckResult result = GradCheck.Hvp(f, x, v);
        result.Passed.ShouldBeTrue(result.ToString());
        result.Modes.Select(m => m.Mode).ShouldBe(s_hvpModes);
    }

    [TestCaseSource(nameof(SmoothVector))]
    public void Jacobian_SmoothFunction_PassesInEveryMode(IVectorFunction f, double[] x)
    {
        GradCheckResult result = GradCheck.Jacobian(f, x);
        result.Passed.ShouldBeTrue(result.ToString());
        result.Modes.Select(m => m.Mode).ShouldBe(["Forward.Jacobian", "Reverse.Jacobian", "Forward.Jvp vs Reverse.Vjp"]);
    }

    [Test]
    public void Gradient_ForwardSlopeWrongBy1Percent_FailsNamingForwardJvpAndEntry1()
    {
        GradCheckResult result = GradCheck.Gradient(new Skewed<Dual<double>>(1.01), s_point);

        result.Passed.ShouldBeFalse();
        result.WorstMode.ShouldBe("Forward.Jvp");
        result.WorstIndex.ShouldBe([1]);
        // ∂g/∂x₁ = x₀² + e^x₁·sin x₂ at (0.7, −0.4, 1.3), made 1.01 times that in Dual<double>
        double slope = (0.7 * 0.7) + (Math.Exp(-0.4) * Math.Sin(1.3));
        result.Reference.ShouldBe(slope, 1e-9);
        result.Computed.ShouldBe(1.01 * slope, 1e-12);
        // Forward.Jacobian runs chunk mode at Dual<double, Tangents3<double>>, which this mutant leaves exact.
        FailedModes(result).ShouldBe(["Forward.Jvp"]);
        string report = result.ToString();
        report.ShouldContain("FAILED: worst Forward.Jvp at [1]");
        report.ShouldContain($"computed {result.Computed:R} vs reference {result.Reference:R}");
    }

    [Test]
    public void Gradient_ChunkModeSlopeWrongBy1Percent_FailsOnlyForwardJacobian()
    {
        // n = 3 inputs: one pass of Dual<double, Tangents3<double>>, the type this mutant is wrong at
        GradCheckResult result = GradCheck.Gradient(new Skewed<Dual<double, Tangents3<double>>>(1.01), s_point);
        FailedModes(result).ShouldBe(["Forward.Jacobian"]);
        result.WorstIndex.ShouldBe([1]);
    }

    [Test]
    public void Gradient_ReverseSlopeWrongBy1Percent_FailsOnlyReverseGradient()
    {
        GradCheckResult result = GradCheck.Gradient(new Skewed<Var<double>>(1.01), s_point);
        result.WorstMode.ShouldBe("Reverse.Gradient");
        result.WorstIndex.ShouldBe([1]);
        FailedModes(result).ShouldBe(["Reverse.Gradient"]);
    }

    [Test]
    public void Gradient_ForwardOverReverseSlopeWrongBy1Percent_FailsOnlyHvpGradientPart()
    {
        GradCheckResult result = GradCheck.Gradient(new Skewed<Var<Dual<double>>>(1.01), s_point);
        FailedModes(result).ShouldBe(["Hvp.ValueGradientAndHvp"]);
        result.ToString().ShouldContain("FAILED: worst Hvp.ValueGradientAndHvp at [1]");
    }

    [Test]
    public void Gradient_SlopeWrongByOnePartIn1e5_FailsWithDefaults()
    {
        GradCheckResult result = GradCheck.Gradient(new Skewed<Var<double>>(1 + 1e-5), s_point);
        result.Passed.ShouldBeFalse(result.ToString());
        result.WorstIndex.ShouldBe([1]);
    }

    [Test]
    public void Gradient_SlopeWrongByOnePartIn1e5WithLooseTolerance_Passes()
    {
        // rtol 10⁻⁴ admits a relative error of 10⁻⁵: the tolerance is the option's, not a constant
        GradCheckResult result = GradCheck.Gradient(new Skewed<Var<double>>(1 + 1e-5), s_point, new GradCheckOptions { RelativeTolerance = 1e-4 });
        result.Passed.ShouldBeTrue(result.ToString());
    }

    [Test]
    public void Hvp_ReverseOverForwardCurvatureWrongBy1Percent_FailsNamingThatRouteAndEntry1()
    {
        GradCheckResult result = GradCheck.Hvp(new Bent<Dual<Var<double>>>(1.01), s_point, s_direction);

        result.Passed.ShouldBeFalse();
        FailedModes(result).ShouldBe(["ReverseOverForward", "ReverseOverForward vs ForwardOverReverse"]);
        result.WorstIndex.ShouldBe([1]);
        result.WorstMode.ShouldStartWith("ReverseOverForward");
        // ∂²g/∂x₁² = e^x₁·sin x₂ is 1.01 times that in Dual<Var<double>>, so (H·v)₁ is off by 0.01·e^x₁·sin x₂·v₁
        double shift = 0.01 * Math.Exp(-0.4) * Math.Sin(1.3) * 1.0;
        (result.Computed - result.Reference).ShouldBe(shift, 1e-9);
        result.ToString().ShouldContain($"FAILED: worst {result.WorstMode} at [1]");
    }

    [Test]
    public void Hvp_ForwardOverReverseCurvatureWrongBy1Percent_FailsItAndBothPairs()
    {
        GradCheckResult result = GradCheck.Hvp(new Bent<Var<Dual<double>>>(1.01), s_point, s_direction);
        FailedModes(result).ShouldBe(["ForwardOverReverse", "ReverseOverForward vs ForwardOverReverse", "ReverseOverReverse vs ForwardOverReverse"]);
    }

    [Test]
    public void Hvp_ReverseOverReverseCurvatureWrongBy1Percent_FailsOnlyThatRoute()
    {
        GradCheckResult result = GradCheck.Hvp(new Bent<Var<Var<double>>>(1.01), s_point, s_direction);
        FailedModes(result).ShouldBe(["ReverseOverReverse", "ReverseOverReverse vs ForwardOverReverse"]);
    }

    [Test]
    public void Hvp_WrongOnlyInTheFirstDerivative_Passes()
    {
        // A slope error (constant in x) leaves every second derivative exact: gradgradcheck is not gradcheck
        GradCheckResult result = GradCheck.Hvp(new Skewed<Var<Dual<double>>>(1.01), s_point, s_direction);
        result.Passed.ShouldBeTrue(result.ToString());
    }

    [Test]
    public void Jacobian_ReverseEntryWrongBy1Percent_FailsReverseAndTheIdentity()
    {
        GradCheckResult result = GradCheck.Jacobian(new SkewedVector<Var<double>>(), s_point);

        FailedModes(result).ShouldBe(["Reverse.Jacobian", "Forward.Jvp vs Reverse.Vjp"]);
        GradCheckModeResult reverse = result.Modes[1];
        reverse.Index.ShouldBe([1, 2]);
        // ∂y₁/∂x₂ = x₀·cos(x₀x₂) at (0.7, −0.4, 1.3), 1.01 times that in Var<double>
        double entry = 0.7 * Math.Cos(0.7 * 1.3);
        reverse.Reference.ShouldBe(entry, 1e-9);
        reverse.Computed.ShouldBe(1.01 * entry, 1e-12);
        reverse.ToString().ShouldStartWith("Reverse.Jacobian: max error");
        reverse.ToString().ShouldContain("at [1, 2]");
    }

    [Test]
    public void Hvp_RouteThrows_ReportsItsExceptionAndChecksTheOthers()
    {
        GradCheckResult result = GradCheck.Hvp(new Throwing<Var<Var<double>>>(), s_point, s_direction);

        result.Passed.ShouldBeFalse();
        result.MaxError.ShouldBe(double.PositiveInfinity);
        result.WorstMode.ShouldBe("ReverseOverReverse");
        result.Worst.Failure.ShouldBe("threw InvalidOperationException: no rule at this type");
        FailedModes(result).ShouldBe(["ReverseOverReverse", "ReverseOverReverse vs ForwardOverReverse"]);
        result.Modes[4].Failure.ShouldBe("not compared: ReverseOverReverse failed");
        result.ToString().ShouldContain("FAILED: worst ReverseOverReverse threw InvalidOperationException: no rule at this type");
    }

    [Test]
    public void Gradient_ModeThrows_ReportsItAndPassesTheOthers()
    {
        GradCheckResult result = GradCheck.Gradient(new Throwing<Dual<double>>(), s_point);
        FailedModes(result).ShouldBe(["Forward.Jvp"]);
        result.Modes.Single(m => m.Mode == "Reverse.Gradient").Passed.ShouldBeTrue();
    }

    [Test]
    public void Gradient_ReferenceThrows_Propagates()
    {
        // Without f at double there is no reference: ExtendedRosenbrock rejects an odd dimension
        Should.Throw<ArgumentException>(() => GradCheck.Gradient(ExtendedRosenbrock.Instance, [1.0, 2.0, 3.0]));
    }

    [Test]
    public void ToString_PassingCheck_OneLinePerModeThenPassedLine()
    {
        GradCheckResult result = GradCheck.Gradient(new ExpLogTrig(), [0.3, -0.7, 1.1]);
        string[] lines = result.ToString().Split('\n');

        lines.Length.ShouldBe(s_gradientModes.Length + 2);
        lines[0].ShouldStartWith("GradCheck.Gradient, n = 3, rtol 1E-06, atol 1E-09, step scale 1");
        for (int k = 0; k < s_gradientModes.Length; k++)
        {
            lines[k + 1].ShouldStartWith($"  ok    {s_gradientModes[k]}: max error ");
        }

        lines[^1].ShouldStartWith($"PASSED: worst {result.WorstMode} at {result.Worst.Entry}: computed ");
        lines[^1].ShouldContain("≤ tolerance");
    }

    [Test]
    public void Hvp_ZeroDirection_PassesWithZeroReference()
    {
        GradCheckResult result = GradCheck.Hvp(ChainedRosenbrock.Instance, [-1.2, 1.0, 0.5], [0.0, 0.0, 0.0]);
        result.Passed.ShouldBeTrue(result.ToString());
        // H·0 = 0 exactly in every route
        result.MaxError.ShouldBe(0);
    }

    [Test]
    public void Gradient_InputsOfScale1eMinus8And1e8_PerInputStepIsAccurateWhereMaxNormStepIsNot()
    {
        // f = e^x₀ + (1 + x₀)·ln x₁ at (2·10⁻⁸, 3·10⁸): ∂f/∂x₀ = e^x₀ + ln x₁, ∂f/∂x₁ = (1 + x₀)/x₁
        double[] x = [2e-8, 3e8];
        var f = new ExpAndLog();
        double[] exact = [Math.Exp(x[0]) + Math.Log(x[1]), (1 + x[0]) / x[1]];
        double maxNormStep = s_cubeRootEpsilon * 3e8;
        for (int j = 0; j < x.Length; j++)
        {
            // rounding, about ε·|f|/hⱼ, is 10⁻⁸ of the small ∂f/∂x₁ ≈ 3·10⁻⁹ (f ≈ 20.5, h₁ ≈ 1800)
            double perInput = FourPointDifference(f, x, j, GradCheck.Step(x[j]));
            Math.Abs(perInput - exact[j]).ShouldBeLessThanOrEqualTo(1e-7 * Math.Abs(exact[j]), $"per-input step, entry {j}");
        }

        // the ‖x‖∞-scaled step moves x₀ by ∛ε·3·10⁸ ≈ 1800, and e^±1800 overflows: no digit of ∂f/∂x₀ survives
        double uniform = FourPointDifference(f, x, 0, maxNormStep);
        (Math.Abs(uniform - exact[0]) <= 0.01 * Math.Abs(exact[0])).ShouldBeFalse($"‖x‖∞ step gives {uniform}");
        GradCheck.Gradient(f, x).Passed.ShouldBeTrue();
    }

    [Test]
    public void ComputeFiniteDifference_InputsOfScale1eMinus8And1e8_MatchesExactWhereMaxNormStepDoesNot()
    {
        double[] x = [2e-8, 3e8];
        double[] v = [1.0, 1.0];
        var f = new ExpAndLog();
        // H = [[e^x₀, 1/x₁], [1/x₁, −(1 + x₀)/x₁²]], so H·(1, 1) = (e^x₀ + 1/x₁, 1/x₁ − (1 + x₀)/x₁²)
        double[] exact = [Math.Exp(x[0]) + (1 / x[1]), (1 / x[1]) - ((1 + x[0]) / (x[1] * x[1]))];
        double[] differences = global::DualAutodiff.Hvp.Compute(f, x, v, HvpMethod.FiniteDifference);
        for (int i = 0; i < x.Length; i++)
        {
            Math.Abs(differences[i] - exact[i]).ShouldBeLessThanOrEqualTo(1e-6 * Math.Abs(exact[i]), $"(H·v)[{i}]");
        }

        // the former step ∛ε·max(1, ‖x‖∞)/‖v‖∞ moves x₀ by ∛ε·3·10⁸ ≈ 1800, and e^1800 overflows
        double[] maxNorm = TwoPointGradientDifference(f, x, v, s_cubeRootEpsilon * 3e8);
        (Math.Abs(maxNorm[0] - exact[0]) <= 0.01 * Math.Abs(exact[0])).ShouldBeFalse($"‖x‖∞ step gives {maxNorm[0]}");
        GradCheck.Hvp(f, x, v).Passed.ShouldBeTrue();
    }

    [Test]
    public void StepAlong_ScaledDirection_IsCubeRootEpsilonOverLargestRelativeRate()
    {
        // |vᵢ|/max(|xᵢ|, 1) = (0.5/1, 4/8, 3/100) at x = (0.25, −8, 100), v = (0.5, 4, −3): largest 0.5, so t = 2∛ε
        GradCheck.StepAlong<double>([0.25, -8, 100], [0.5, 4, -3]).ShouldBe(2 * s_cubeRootEpsilon, 1e-22);
        // eᵢ reduces it to the gradient's per-input step ∛ε·max(|xᵢ|, 1) = 8∛ε
        GradCheck.StepAlong<double>([0.25, -8, 100], [0, 1, 0]).ShouldBe(GradCheck.Step(-8.0));
        GradCheck.Step(-8.0).ShouldBe(8 * s_cubeRootEpsilon, 1e-21);
        // v = 0 has no step; NaN or ∞ in v gives a NaN step
        GradCheck.StepAlong<double>([1, 2], [0, 0]).ShouldBe(0);
        double.IsNaN(GradCheck.StepAlong<double>([1, 2], [double.PositiveInfinity, 0])).ShouldBeTrue();
        double.IsNaN(GradCheck.StepAlong<double>([1, 2], [double.NaN, 0])).ShouldBeTrue();
    }

    public static IEnumerable<TestCaseData> BadInput()
    {
        IScalarFunction f = new ExpLogTrig();
        double[] x = [0.3, -0.7, 1.1];
        double[] v = [1.0, 0.5, -2.0];
        yield return Case("Gradient null f", () => GradCheck.Gradient(null!, x), "f");
        yield return Case("Gradient null x", () => GradCheck.Gradient(f, null!), "x");
        yield return Case("Gradient empty x", () => GradCheck.Gradient(f, []), "x");
        yield return Case("Gradient NaN in x", () => GradCheck.Gradient(f, [0.3, double.NaN, 1.1]), "x");
        yield return Case("Gradient infinity in x", () => GradCheck.Gradient(f, [double.NegativeInfinity, 0.1, 1.1]), "x");
        yield return Case("Jacobian null f", () => GradCheck.Jacobian(null!, x), "f");
        yield return Case("Jacobian NaN in x", () => GradCheck.Jacobian(new TestFunctions.Polar(), [double.NaN, 1.0]), "x");
        yield return Case("Hvp null f", () => GradCheck.Hvp(null!, x, v), "f");
        yield return Case("Hvp null x", () => GradCheck.Hvp(f, null!, v), "x");
        yield return Case("Hvp NaN in x", () => GradCheck.Hvp(f, [0.3, -0.7, double.NaN], v), "x");
        yield return Case("Hvp null v", () => GradCheck.Hvp(f, x, null!), "v");
        yield return Case("Hvp short v", () => GradCheck.Hvp(f, x, [1.0, 2.0]), "v");
        yield return Case("Hvp NaN in v", () => GradCheck.Hvp(f, x, [1.0, double.NaN, 0.0]), "v");
        yield return Case("negative rtol", () => GradCheck.Gradient(f, x, new GradCheckOptions { RelativeTolerance = -1 }), "options");
        yield return Case("NaN atol", () => GradCheck.Gradient(f, x, new GradCheckOptions { AbsoluteTolerance = double.NaN }), "options");
        yield return Case("zero step scale", () => GradCheck.Hvp(f, x, v, new GradCheckOptions { StepScale = 0 }), "options");
    }

    [TestCaseSource(nameof(BadInput))]
    public void Check_BadInput_ThrowsArgumentExceptionNamingParameter(Action call, string parameter)
    {
        ArgumentException e = Should.Throw<ArgumentException>(call);
        e.ParamName.ShouldBe(parameter);
    }

    private static TestCaseData Case(string name, Action call, string parameter) => new TestCaseData(call, parameter).SetName($"{{m}}({name.Replace(' ', '_')})");

    private static string[] FailedModes(GradCheckResult result) => [.. result.Modes.Where(m => !m.Passed).Select(m => m.Mode)];

    /// <summary>∂f/∂xⱼ by the four-point stencil with step h, written out here independently of GradCheck.</summary>
    private static double FourPointDifference(IScalarFunction f, double[] x, int j, double h)
    {
        double At(double s)
        {
            double[] p = [.. x];
            p[j] += s;
            return f.Evaluate<double>(p);
        }

        return ((8 * (At(h) - At(-h))) - (At(2 * h) - At(-2 * h))) / (12 * h);
    }

    /// <summary>(∇f(x + tv) − ∇f(x − tv)) / 2t, the FiniteDifference route with a given step.</summary>
    private static double[] TwoPointGradientDifference(IScalarFunction f, double[] x, double[] v, double t)
    {
        double[] plus = Reverse.Gradient<double>(f, [.. x.Select((xi, i) => xi + (t * v[i]))]);
        double[] minus = Reverse.Gradient<double>(f, [.. x.Select((xi, i) => xi - (t * v[i]))]);
        return [.. plus.Select((p, i) => (p - minus[i]) / (2 * t))];
    }

    /// <summary>g(x) = x₀²x₁ + e^x₁·sin x₂ at <typeparamref name="TWrong"/> gets the extra term
    /// (factor − 1)·∂g/∂x₁(p)·(x₁ − p₁), p = <see cref="s_point"/>: zero in value at p, but ∂/∂x₁ is factor times the
    /// true one, and only in that scalar type (a wrong rule in one mode). Its second derivatives stay exact.</summary>
    private sealed class Skewed<TWrong>(double factor) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T g = (x[0] * x[0] * x[1]) + (T.Exp(x[1]) * T.Sin(x[2]));
            if (typeof(T) != typeof(TWrong))
            {
                return g;
            }

            // ∂g/∂x₁ = x₀² + e^x₁·sin x₂ at p
            double slope = (s_point[0] * s_point[0]) + (Math.Exp(s_point[1]) * Math.Sin(s_point[2]));
            return g + (T.CreateChecked((factor - 1) * slope) * (x[1] - T.CreateChecked(s_point[1])));
        }
    }

    /// <summary>g as in <see cref="Skewed{TWrong}"/>, at <typeparamref name="TWrong"/> plus
    /// ½(factor − 1)·∂²g/∂x₁²(p)·(x₁ − p₁)²: value and gradient exact at p, ∂²/∂x₁² factor times the true one.</summary>
    private sealed class Bent<TWrong>(double factor) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T g = (x[0] * x[0] * x[1]) + (T.Exp(x[1]) * T.Sin(x[2]));
            if (typeof(T) != typeof(TWrong))
            {
                return g;
            }

            // ∂²g/∂x₁² = e^x₁·sin x₂ at p
            double curvature = Math.Exp(s_point[1]) * Math.Sin(s_point[2]);
            T d = x[1] - T.CreateChecked(s_point[1]);
            return g + (T.CreateChecked(0.5 * (factor - 1) * curvature) * d * d);
        }
    }

    /// <summary>y = (x₀·e^x₁, sin(x₀x₂)), at <typeparamref name="TWrong"/> with ∂y₁/∂x₂ 1.01 times the true
    /// x₀·cos(x₀x₂) at p.</summary>
    private sealed class SkewedVector<TWrong> : IVectorFunction
    {
        public int OutputLength(int inputLength) => 2;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            y[0] = x[0] * T.Exp(x[1]);
            y[1] = T.Sin(x[0] * x[2]);
            if (typeof(T) == typeof(TWrong))
            {
                double slope = s_point[0] * Math.Cos(s_point[0] * s_point[2]);
                y[1] += T.CreateChecked(0.01 * slope) * (x[2] - T.CreateChecked(s_point[2]));
            }
        }
    }

    /// <summary>g as in <see cref="Skewed{TWrong}"/>, throwing at <typeparamref name="TThrow"/>.</summary>
    private sealed class Throwing<TThrow> : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(TThrow))
            {
                throw new InvalidOperationException("no rule at this type");
            }

            return (x[0] * x[0] * x[1]) + (T.Exp(x[1]) * T.Sin(x[2]));
        }
    }

    /// <summary>f(x) = e^x₀ + (1 + x₀)·ln x₁, natural at x₀ ~ 10⁻⁸ and x₁ ~ 10⁸.</summary>
    private sealed class ExpAndLog : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => T.Exp(x[0]) + ((T.One + x[0]) * T.Log(x[1]));
    }

    /// <summary>f(x) = x₀² + 10⁶·sin(x₁/10⁶)·e^x₂ + x₀·ln x₃: inputs of scale 1, 10⁶, 1 and 10⁸, and a value near
    /// 10⁶ whose rounding noise the differences must allow for.</summary>
    private sealed class MixedScales : IScalarFunction
    {
        public static double[] Point => [1.5, 2e6, 0.3, 5e7];

        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T million = T.CreateChecked(1e6);
            return (x[0] * x[0]) + (million * T.Sin(x[1] / million) * T.Exp(x[2])) + (x[0] * T.Log(x[3]));
        }
    }

    /// <summary>y = (x₀x₁, 10⁶·sin(x₁/10⁶), x₀·ln x₂): inputs of scale 1, 10⁶ and 10⁸.</summary>
    private sealed class MixedScalesVector : IVectorFunction
    {
        public int OutputLength(int inputLength) => 3;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            T million = T.CreateChecked(1e6);
            y[0] = x[0] * x[1];
            y[1] = million * T.Sin(x[1] / million);
            y[2] = x[0] * T.Log(x[2]);
        }
    }
}
