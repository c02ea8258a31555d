using System.Numerics;
using MathNet.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Rules;

/// <summary>The special functions through <see cref="Special"/>: values at published points and in the tails, and
/// first, second and third derivatives against closed forms in every mode and nesting.</summary>
[TestFixture]
public class SpecialTests
{
    private static readonly double s_twoOverSqrtPi = 2 / Math.Sqrt(Math.PI);
    private static readonly double s_sqrtTwoPi = Math.Sqrt(2 * Math.PI);

    /// <summary>One special function as a generic unary function, with closed forms of f′, f″ and f‴ (NaN: not checked).</summary>
    public sealed record Case(string Name, Func<double, double> D1, Func<double, double> D2, Func<double, double> D3, double[] Points) : IUnary
    {
        public T Eval<T>(T x)
            where T : IFloatingPointIeee754<T> => Name switch
            {
                "Erf" => Special.Erf(x),
                "Erfc" => Special.Erfc(x),
                "ErfInv" => Special.ErfInv(x),
                "NormalCdf" => Special.NormalCdf(x),
                "InverseNormalCdf" => Special.InverseNormalCdf(x),
                "LogGamma" => Special.LogGamma(x),
                "Gamma" => Special.Gamma(x),
                "Digamma" => Special.Digamma(x),
                "Trigamma" => Special.Trigamma(x),
                "Sigmoid" => Special.Sigmoid(x),
                "Logit" => Special.Logit(x),
                "Softplus" => Special.Softplus(x),
                _ => throw new ArgumentOutOfRangeException(nameof(x), Name),
            };

        public override string ToString() => Name;
    }

    private static double Phi(double x) => Math.Exp(-x * x / 2) / s_sqrtTwoPi;

    private static double Psi(int n, double x) => n == 0 ? SpecialFunctions.DiGamma(x) : SpecialMath.Polygamma(n, x);

    private static double Sigma(double x) => 1 / (1 + Math.Exp(-x));

    public static IEnumerable<Case> Cases()
    {
        yield return new Case("Erf", x => s_twoOverSqrtPi * Math.Exp(-x * x), x => -2 * x * s_twoOverSqrtPi * Math.Exp(-x * x), x => ((4 * x * x) - 2) * s_twoOverSqrtPi * Math.Exp(-x * x), [-1.2, 0.3, 2]);
        yield return new Case("Erfc", x => -s_twoOverSqrtPi * Math.Exp(-x * x), x => 2 * x * s_twoOverSqrtPi * Math.Exp(-x * x), x => -((4 * x * x) - 2) * s_twoOverSqrtPi * Math.Exp(-x * x), [-0.5, 1, 4]);
        // y = erf⁻¹ x: y′ = (√π/2)e^(y²), y″ = 2y·y′², y‴ = 2y′³(1 + 4y²)
        yield return new Case("ErfInv", x => D1ErfInv(x), x => 2 * SpecialFunctions.ErfInv(x) * Math.Pow(D1ErfInv(x), 2), x => 2 * Math.Pow(D1ErfInv(x), 3) * (1 + (4 * Math.Pow(SpecialFunctions.ErfInv(x), 2))), [-0.7, 0.1, 0.95]);
        // Φ′ = φ, Φ″ = −xφ, Φ‴ = (x² − 1)φ
        yield return new Case("NormalCdf", Phi, x => -x * Phi(x), x => ((x * x) - 1) * Phi(x), [-8, -1, 0.5]);
        // q = Φ⁻¹ p: q′ = 1/φ(q), q″ = q·q′², q‴ = q′³(1 + 2q²)
        yield return new Case("InverseNormalCdf", p => 1 / Phi(Quantile(p)), p => Quantile(p) / Math.Pow(Phi(Quantile(p)), 2), p => (1 + (2 * Math.Pow(Quantile(p), 2))) / Math.Pow(Phi(Quantile(p)), 3), [0.02, 0.3, 0.9]);
        yield return new Case("LogGamma", x => Psi(0, x), x => Psi(1, x), x => Psi(2, x), [-2.5, 0.25, 1, 7.5, 40]);
        // Γ′ = Γψ, Γ″ = Γ(ψ² + ψ′), Γ‴ = Γ(ψ³ + 3ψψ′ + ψ″)
        yield return new Case("Gamma", x => SpecialFunctions.Gamma(x) * Psi(0, x), x => SpecialFunctions.Gamma(x) * ((Psi(0, x) * Psi(0, x)) + Psi(1, x)), x => SpecialFunctions.Gamma(x) * (Math.Pow(Psi(0, x), 3) + (3 * Psi(0, x) * Psi(1, x)) + Psi(2, x)), [-0.5, 0.75, 4.5]);
        yield return new Case("Digamma", x => Psi(1, x), x => Psi(2, x), x => Psi(3, x), [-1.5, 0.5, 3, 50]);
        yield return new Case("Trigamma", x => Psi(2, x), x => Psi(3, x), x => Psi(4, x), [0.5, 2, 20]);
        // σ′ = σ(1 − σ), σ″ = σ′(1 − 2σ), σ‴ = σ′(1 − 6σ′)
        yield return new Case("Sigmoid", x => Sigma(x) * Sigma(-x), x => Sigma(x) * Sigma(-x) * (1 - (2 * Sigma(x))), x => Sigma(x) * Sigma(-x) * (1 - (6 * Sigma(x) * Sigma(-x))), [-3, 0, 1.5]);
        // logit′ = 1/(p(1−p)), logit″ = (2p − 1)/(p(1−p))², logit‴ = 2(1 − 3p + 3p²)/(p(1−p))³
        yield return new Case("Logit", p => 1 / (p * (1 - p)), p => ((2 * p) - 1) / Math.Pow(p * (1 - p), 2), p => 2 * (1 - (3 * p) + (3 * p * p)) / Math.Pow(p * (1 - p), 3), [0.125, 0.5, 0.75]);
        yield return new Case("Softplus", Sigma, x => Sigma(x) * Sigma(-x), x => Sigma(x) * Sigma(-x) * (1 - (2 * Sigma(x))), [-4, 0.5, 3]);
    }

    private static double D1ErfInv(double x) => Math.Sqrt(Math.PI) / 2 * Math.Exp(Math.Pow(SpecialFunctions.ErfInv(x), 2));

    private static double Quantile(double p) => Math.Sqrt(2) * SpecialFunctions.ErfInv((2 * p) - 1);

    [TestCaseSource(nameof(Cases))]
    public void SpecialFunction_EveryModeAndNesting_DerivativesMatchClosedForms(Case c)
    {
        foreach (double x in c.Points)
        {
            Orders.First(c, x).ShouldAllBe(c.D1(x), 1e-13, $"{c.Name}′({x})");
            Orders.Second(c, x).ShouldAllBe(c.D2(x), 1e-12, $"{c.Name}″({x})");
            Orders.Third(c, x).ShouldAllBe(c.D3(x), 1e-11, $"{c.Name}‴({x})");
        }
    }

    private sealed class LogBetaFunction : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => Special.LogBeta(x[0], x[1]);
    }

    private sealed class XlogyFunction : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => Special.Xlogy(x[0], x[1]);
    }

    private sealed class LogSumExpFunction : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => Special.LogSumExp(x);
    }

    [Test]
    public void LogBeta_Hessian_MatchesTrigammaForm()
    {
        // ∂²lnB/∂a² = ψ′(a) − ψ′(a+b), ∂²/∂a∂b = −ψ′(a+b), ∂²/∂b² = ψ′(b) − ψ′(a+b)
        double a = 0.75;
        double b = 2.5;
        double both = Psi(1, a + b);
        double[,] expected = { { Psi(1, a) - both, -both }, { -both, Psi(1, b) - both } };
        ShouldMatchEveryRoute(new LogBetaFunction(), [a, b], expected);
        Reverse.Gradient(new LogBetaFunction(), [a, b]).ShouldBe([Psi(0, a) - Psi(0, a + b), Psi(0, b) - Psi(0, a + b)], tolerance: 1e-14);
    }

    [TestCase(100.0)]
    [TestCase(1e3)]
    [TestCase(1e6)]
    [TestCase(1e9)]
    public void LogBeta_LargeFirstArgument_PartialsKeepTheirDigits(double a)
    {
        // ψ(a + 1) = ψ(a) + 1/a, so ∂lnB(a, 1)/∂a = ψ(a) − ψ(a + 1) = −1/a and ∂²/∂a² = ψ′(a) − ψ′(a + 1) = 1/a² exactly,
        // where ψ(a) and ψ(a + 1) share their leading digits (differenced, at a = 10⁶ they would keep only eight)
        var f = new LogBetaFunction();
        double[] x = [a, 1.0];
        Reverse.Gradient(f, x)[0].ShouldBe(-1 / a, 1e-14 / a);
        Forward.Jvp(f, x, [1.0, 0.0]).Tangent.ShouldBe(-1 / a, 1e-14 / a);
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            global::DualAutodiff.Hvp.Compute(f, x, [1.0, 0.0], method)[0].ShouldBe(1 / (a * a), 1e-13 / (a * a), method.ToString());
        }
    }

    [Test]
    public void Xlogy_Hessian_MatchesClosedForm()
    {
        // ∂²(x ln y): xx 0, xy 1/y, yy −x/y²
        double x = 1.5;
        double y = 0.4;
        ShouldMatchEveryRoute(new XlogyFunction(), [x, y], new[,] { { 0, 1 / y }, { 1 / y, -x / (y * y) } });
    }

    [Test]
    public void Xlogy_AtZero_ValueZeroAndSlopeLogY()
    {
        // 0·ln 0 = 0 and 0·ln ∞ = 0; ∂/∂x = ln y, ∂/∂y = 0 along x = 0
        Special.Xlogy(0.0, 0.0).ShouldBe(0.0);
        Special.Xlogy(0.0, double.PositiveInfinity).ShouldBe(0.0);
        Reverse.Gradient(new XlogyFunction(), [0.0, 2.0]).ShouldBe([Math.Log(2), 0.0]);
        Reverse.Gradient(new XlogyFunction(), [0.0, 0.0]).ShouldBe([double.NegativeInfinity, 0.0]);
        double.IsNaN(Special.Xlogy(double.NaN, 1.0)).ShouldBeTrue();
    }

    [Test]
    public void LogSumExp_TenThousandVariables_OneRecordGradientSoftmaxHessianDiagPMinusPPt()
    {
        const int n = 10_000;
        double[] x = [.. Enumerable.Range(0, n).Select(i => Math.Sin(i) * 3)];
        double max = x.Max();
        double[] p = [.. x.Select(xi => Math.Exp(xi - max))];
        double total = p.Sum();
        for (int i = 0; i < n; i++)
        {
            p[i] /= total;
        }

        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] v = [.. x.Select(tape.Variable)];
            int before = tape.Count;
            Var<double> y = Special.LogSumExp<Var<double>>(v);
            tape.Count.ShouldBe(before + 1);
            y.Value.ShouldBe(max + Math.Log(total), tolerance: 1e-12);
            tape.Backward(y);
            for (int i = 0; i < n; i += 97)
            {
                tape.Adjoint(v[i]).ShouldBe(p[i], tolerance: 1e-15);
            }
        }

        // (diag(p) − ppᵀ)·w = p∘w − p(pᵀw)
        double[] w = [.. Enumerable.Range(0, n).Select(i => Math.Cos(i))];
        double pw = p.Zip(w, (a, b) => a * b).Sum();
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            double[] hv = global::DualAutodiff.Hvp.Compute(new LogSumExpFunction(), x, w, method);
            for (int i = 0; i < n; i += 97)
            {
                hv[i].ShouldBe((p[i] * w[i]) - (p[i] * pw), tolerance: 1e-15, $"{method} (H·w)[{i}]");
            }
        }
    }

    [Test]
    public void LogSumExp_SmallHessian_IsDiagPMinusPPtInEveryRoute()
    {
        double[] x = [0.5, -1, 2];
        double[] p = [.. x.Select(Math.Exp)];
        double total = p.Sum();
        p = [.. p.Select(e => e / total)];
        var expected = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                expected[i, j] = (i == j ? p[i] : 0) - (p[i] * p[j]);
            }
        }

        ShouldMatchEveryRoute(new LogSumExpFunction(), x, expected);
    }

    [Test]
    public void LogSumExp_HugeAndInfiniteValues_OverflowSafe()
    {
        // ln(e¹⁰⁰⁰ + e¹⁰⁰⁰) = 1000 + ln 2; gradient (1/2, 1/2)
        Special.LogSumExp<double>([1000, 1000]).ShouldBe(1000 + Math.Log(2));
        Reverse.Gradient(new LogSumExpFunction(), [1000.0, 1000.0]).ShouldBe([0.5, 0.5]);
        Reverse.Gradient(new LogSumExpFunction(), [-1e308, 0]).ShouldBe([0.0, 1.0]);
        Special.LogSumExp<double>([]).ShouldBe(double.NegativeInfinity);
        Special.LogSumExp<double>([double.PositiveInfinity, 1]).ShouldBe(double.PositiveInfinity);
        Reverse.Gradient(new LogSumExpFunction(), [double.PositiveInfinity, 1.0]).ShouldBe([1.0, 0.0]);
        Reverse.Gradient(new LogSumExpFunction(), [double.NegativeInfinity, double.NegativeInfinity]).ShouldBe([0.5, 0.5]);
        double.IsNaN(Special.LogSumExp<double>([double.NaN, 1])).ShouldBeTrue();
        Forward.Jvp(new LogSumExpFunction(), [1000.0, 1000.0], [1.0, 3.0]).Tangent.ShouldBe(2.0);
    }

    [Test]
    public void Tails_ValuesAndDerivatives_NoOverflowNoNaN()
    {
        Special.Erfc(10.0).ShouldBe(2.0884875837625446e-45, tolerance: 1e-59);        // erfc 10 (DLMF 7.2)
        Special.NormalCdf(-8.0).ShouldBe(6.2209605742717841e-16, tolerance: 1e-29);    // Φ(−8)
        Special.LogGamma(1e-8).ShouldBe(18.420680738180209, tolerance: 1e-14);        // −ln 1e−8 − γ·1e−8
        Special.Softplus(1000.0).ShouldBe(1000.0);
        Special.Softplus(-1000.0).ShouldBe(0.0);
        Special.Sigmoid(-800.0).ShouldBe(0.0);
        Special.Sigmoid(800.0).ShouldBe(1.0);
        // slopes in the tails: σ′(±1000) = 0, softplus′(1000) = 1, Φ′(−40) = φ(−40) = 0 (underflow), erfc′(30) = −0
        Forward.Derivative<double>(Special.Sigmoid, 1000).ShouldBe(0.0);
        Forward.Derivative<double>(Special.Softplus, 1000).ShouldBe(1.0);
        Reverse.Derivative<double>(Special.Softplus, -1000).ShouldBe(0.0);
        Reverse.Derivative<double>(Special.NormalCdf, -40).ShouldBe(0.0);
        Forward.Derivative<double>(Special.Erfc, 30).ShouldBe(-0.0);
        // lgamma′(1e−8) = ψ(1e−8) ≈ −1/1e−8 − γ
        Reverse.Derivative<double>(Special.LogGamma, 1e-8).ShouldBe(-1e8 - 0.5772156649015329, tolerance: 1e-6);
    }

    [Test]
    public void Float_Values_AreTheDoubleValuesRounded()
    {
        foreach (float x in new[] { -2.5f, -0.3f, 0.7f, 3f })
        {
            Special.Erf(x).ShouldBe((float)SpecialMath.Erf(x));
            Special.Softplus(x).ShouldBe((float)SpecialMath.Softplus(x));
            Special.LogGamma(x).ShouldBe((float)SpecialMath.LogGamma(x));
            Forward.Derivative<float>(Special.Erf, x).ShouldBe((float)(s_twoOverSqrtPi * Math.Exp(-x * (double)x)), tolerance: 1e-6f);
        }
    }

    /// <summary>The Hessian through Hvp.Hessian and every exact H·v route equals <paramref name="expected"/>.</summary>
    private static void ShouldMatchEveryRoute(IScalarFunction f, double[] x, double[,] expected)
    {
        int n = x.Length;
        double[,] h = global::DualAutodiff.Hvp.Hessian(f, x);
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            for (int j = 0; j < n; j++)
            {
                double[] e = new double[n];
                e[j] = 1;
                double[] column = global::DualAutodiff.Hvp.Compute(f, x, e, method);
                for (int i = 0; i < n; i++)
                {
                    column[i].ShouldBeClose(expected[i, j], 1e-14, $"{method} H[{i},{j}]");
                    h[i, j].ShouldBeClose(expected[i, j], 1e-14, $"Hessian H[{i},{j}]");
                }
            }
        }
    }
}
