using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

public partial class SpecialMathTests
{
    private const double Nan = double.NaN;
    private const double Inf = double.PositiveInfinity;

    private static readonly Dictionary<string, Func<double, double>> s_unary = new()
    {
        ["Erf"] = SpecialMath.Erf,
        ["Erfc"] = SpecialMath.Erfc,
        ["ErfInv"] = SpecialMath.ErfInv,
        ["NormalCdf"] = SpecialMath.NormalCdf,
        ["InverseNormalCdf"] = SpecialMath.InverseNormalCdf,
        ["LogGamma"] = SpecialMath.LogGamma,
        ["Gamma"] = SpecialMath.Gamma,
        ["Digamma"] = SpecialMath.Digamma,
        ["Trigamma"] = SpecialMath.Trigamma,
        ["Softplus"] = SpecialMath.Softplus,
        ["Sigmoid"] = SpecialMath.Sigmoid,
        ["Logit"] = SpecialMath.Logit,
    };

    /// <summary>Every edge: (function, argument, expected); the sign of a zero result is part of the expectation.</summary>
    private static IEnumerable<TestCaseData> Edges()
    {
        static TestCaseData E(string f, double x, double y, string why) =>
            new TestCaseData(f, x, y).SetName($"Edge_{f}({x:R})_Is{y:R}").SetDescription(why);

        foreach (string f in s_unary.Keys)
        {
            yield return E(f, Nan, Nan, "NaN in, NaN out");
        }

        yield return E("Erf", 0.0, 0.0, "erf is odd: erf(+0) = +0");
        yield return E("Erf", -0.0, -0.0, "erf(−0) = −0");
        yield return E("Erf", Inf, 1, "erf(+∞) = 1");
        yield return E("Erf", -Inf, -1, "erf(−∞) = −1");
        yield return E("Erf", double.Epsilon, double.Epsilon, "erf x ≈ 1.128x: the smallest subnormal rounds to itself");
        yield return E("Erfc", 0.0, 1, "erfc 0 = 1");
        yield return E("Erfc", Inf, 0, "erfc(+∞) = 0");
        yield return E("Erfc", -Inf, 2, "erfc(−∞) = 2");
        yield return E("Erfc", 30, 0, "erfc 30 ≈ 2.6e−393 underflows");
        yield return E("Erfc", -30, 2, "erfc(−30) = 2 − 2.6e−393 rounds to 2");
        yield return E("ErfInv", 1, Inf, "erf(+∞) = 1");
        yield return E("ErfInv", -1, -Inf, "erf(−∞) = −1");
        yield return E("ErfInv", 0.0, 0.0, "erfinv(+0) = +0");
        yield return E("ErfInv", -0.0, -0.0, "erfinv is odd: erfinv(−0) = −0");
        yield return E("ErfInv", Math.BitIncrement(1.0), Nan, "|x| > 1 is outside the range of erf");
        yield return E("ErfInv", -2, Nan, "|x| > 1 is outside the range of erf");
        yield return E("ErfInv", Inf, Nan, "+∞ is outside [−1, 1]");
        yield return E("NormalCdf", Inf, 1, "Φ(+∞) = 1");
        yield return E("NormalCdf", -Inf, 0, "Φ(−∞) = 0");
        yield return E("NormalCdf", -39, 0, "Φ(−39) ≈ 1.4e−334 underflows");
        yield return E("NormalCdf", 0.0, 0.5, "Φ(0) = ½");
        yield return E("InverseNormalCdf", 0.0, -Inf, "Φ(−∞) = 0");
        yield return E("InverseNormalCdf", 1, Inf, "Φ(+∞) = 1");
        yield return E("InverseNormalCdf", 0.5, 0.0, "Φ(0) = ½");
        yield return E("InverseNormalCdf", -1e-300, Nan, "p < 0 is not a probability");
        yield return E("InverseNormalCdf", Math.BitIncrement(1.0), Nan, "p > 1 is not a probability");
        yield return E("LogGamma", 0.0, Inf, "pole at 0");
        yield return E("LogGamma", -0.0, Inf, "pole at 0");
        yield return E("LogGamma", -1, Inf, "pole at −1");
        yield return E("LogGamma", -1e20, Inf, "every |x| ≥ 2⁵² is a negative integer: a pole");
        yield return E("LogGamma", Inf, Inf, "lgamma(+∞) = +∞");
        yield return E("LogGamma", -Inf, Inf, "lgamma(−∞) = +∞ (C99)");
        yield return E("LogGamma", 1e306, Inf, "ln Γ(1e306) ≈ 1e306·(ln 1e306 − 1) = 7.04e308 overflows");
        yield return E("LogGamma", double.MaxValue, Inf, "lgamma(max) ≈ 1.27e311 overflows");
        yield return E("Gamma", 0.0, Inf, "Γ(+0) = +∞");
        yield return E("Gamma", -0.0, -Inf, "Γ(−0) = −∞");
        yield return E("Gamma", -1, Nan, "pole at −1: the one-sided limits ±∞ differ");
        yield return E("Gamma", -2, Nan, "pole at −2");
        yield return E("Gamma", -1e20, Nan, "every |x| ≥ 2⁵² is a negative integer");
        yield return E("Gamma", Inf, Inf, "Γ(+∞) = +∞");
        yield return E("Gamma", -Inf, Nan, "Γ(−∞) has no limit");
        yield return E("Gamma", 172, Inf, "Γ(172) = 171! ≈ 1.24e309 overflows");
        yield return E("Gamma", double.Epsilon, Inf, "Γ(x) ≈ 1/x = 2.0e323 overflows");
        yield return E("Gamma", 1, 1, "Γ(1) = 0! = 1");
        yield return E("Digamma", 0.0, Nan, "pole at 0: limits −∞ (right) and +∞ (left) differ; NaN by convention");
        yield return E("Digamma", -0.0, Nan, "pole at 0, NaN by convention");
        yield return E("Digamma", -3, Nan, "pole at −3, NaN by convention");
        yield return E("Digamma", Inf, Inf, "ψ(x) ≈ ln x → +∞");
        yield return E("Digamma", -Inf, Nan, "ψ(−∞) has no limit");
        yield return E("Digamma", double.Epsilon, -Inf, "ψ(x) ≈ −1/x overflows to −∞");
        yield return E("Trigamma", 0.0, Inf, "pole at 0: +∞ from both sides");
        yield return E("Trigamma", -0.0, Inf, "pole at 0");
        yield return E("Trigamma", -4, Inf, "pole at −4");
        yield return E("Trigamma", Inf, 0, "ψ′(x) ≈ 1/x → 0");
        yield return E("Trigamma", 1e-160, Inf, "ψ′(x) ≈ 1/x² = 1e320 overflows");
        yield return E("Trigamma", double.Epsilon, Inf, "ψ′(x) ≈ 1/x² overflows");
        yield return E("Trigamma", -Inf, Nan, "ψ′(−∞) has no limit");
        yield return E("Softplus", Inf, Inf, "log(1 + e^∞) = ∞");
        yield return E("Softplus", -Inf, 0, "log(1 + 0) = 0");
        yield return E("Softplus", 1000, 1000, "1000 + log1p(e⁻¹⁰⁰⁰) rounds to 1000");
        yield return E("Softplus", -1000, 0, "e⁻¹⁰⁰⁰ underflows to 0");
        yield return E("Softplus", -745, double.Epsilon, "e⁻⁷⁴⁵ = 4.94…e−324 rounds to the smallest subnormal");
        yield return E("Sigmoid", Inf, 1, "1/(1 + 0)");
        yield return E("Sigmoid", -Inf, 0, "0/(1 + 0)");
        yield return E("Sigmoid", 0.0, 0.5, "σ(0) = ½");
        yield return E("Sigmoid", 40, 1, "1 − e⁻⁴⁰ ≈ 1 − 4.2e−18 rounds to 1");
        yield return E("Sigmoid", -745, double.Epsilon, "σ(−745) ≈ e⁻⁷⁴⁵: the smallest subnormal");
        yield return E("Logit", 0.0, -Inf, "log(0/1)");
        yield return E("Logit", 1, Inf, "log(1/0)");
        yield return E("Logit", 0.5, 0.0, "log 1 = 0");
        yield return E("Logit", -0.1, Nan, "p < 0 is not a probability");
        yield return E("Logit", 1.5, Nan, "p > 1 is not a probability");
        yield return E("Logit", Inf, Nan, "+∞ is not a probability");
    }

    [TestCaseSource(nameof(Edges))]
    public void Edge_Argument_GivesTheIeeeResult(string function, double x, double expected)
    {
        double actual = s_unary[function](x);
        if (double.IsNaN(expected))
        {
            double.IsNaN(actual).ShouldBeTrue($"{function}({x:R}) = {actual:R}");
            return;
        }

        actual.ShouldBe(expected, $"{function}({x:R})");
        double.IsNegative(actual).ShouldBe(double.IsNegative(expected), $"{function}({x:R}): sign of the result");
    }

    //
    // Softplus, Sigmoid, Logit
    //

    [TestCase(0.0, 0.6931471805599453)] // ln 2
    [TestCase(1.0, 1.3132616875182228)] // ln(1 + e) = 1.31326168751822283…
    [TestCase(-1.0, 0.3132616875182228)] // ln(1 + 1/e) = softplus(1) − 1
    [TestCase(-36.0, 2.319522830243569e-16)] // log1p(e⁻³⁶) ≈ e⁻³⁶ − e⁻⁷²/2
    [TestCase(40.0, 40.0)] // 40 + 4.2e−18 rounds to 40
    public void Softplus_PublishedValues_WithinOneUlp(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.Softplus(x), expected, 1, $"softplus({x})");

    [Test]
    public void Softplus_Symmetry_SoftplusMinusSoftplusOfMinusXIsX()
    {
        // softplus(x) − softplus(−x) = x: both sides accurate, the difference exact up to its rounding
        for (double x = -30; x < 30; x += 0.173)
        {
            double difference = SpecialMath.Softplus(x) - SpecialMath.Softplus(-x);
            Math.Abs(difference - x).ShouldBeLessThanOrEqualTo(4 * Ulp(SpecialMath.Softplus(Math.Abs(x))), $"x = {x}");
        }
    }

    [Test]
    public void Sigmoid_Symmetry_SigmoidOfMinusXIsOneMinusSigmoid()
    {
        // σ(−x) = 1 − σ(x) and σ(x)·(1 + e⁻ˣ) = 1
        for (double x = -30; x < 30; x += 0.173)
        {
            Math.Abs(SpecialMath.Sigmoid(-x) - (1 - SpecialMath.Sigmoid(x))).ShouldBeLessThanOrEqualTo(2.3e-16, $"x = {x}");
        }

        ShouldBeWithinUlps(SpecialMath.Sigmoid(-700), Math.Exp(-700), 2, "σ(−700) = e⁻⁷⁰⁰/(1 + e⁻⁷⁰⁰)"); // relative, not absolute
    }

    [TestCase(0.75, 1.0986122886681098)] // ln 3
    [TestCase(0.25, -1.0986122886681098)] // −ln 3
    [TestCase(0.6, 0.4054651081081643)] // ln(3/2) = 0.40546510810816438…, less 2.2e−17/0.24 for the double 0.6 = 0.59999999999999997780…
    [TestCase(1e-300, -690.7755278982137)] // ln 1e−300 − log1p(−1e−300)
    [TestCase(0.9999999999999999, 36.7368005696771)] // ln((1 − 2⁻⁵³)/2⁻⁵³) = 53 ln 2 + log1p(−2⁻⁵³)
    public void Logit_PublishedValues_WithinTwoUlps(double p, double expected) =>
        ShouldBeWithinUlps(SpecialMath.Logit(p), expected, 2, $"logit({p})");

    [Test]
    public void Logit_OfSigmoid_IsIdentity()
    {
        // logit(σ(x)) = x for |x| ≤ 30: σ has relative error ≤ 2 ulps and logit′(p) = 1/(p(1 − p))
        for (double x = -30; x < 30; x += 0.173)
        {
            double p = SpecialMath.Sigmoid(x);
            double tolerance = (2 * Ulp(x)) + (4 * Ulp(p) / (p * (1 - p)));
            Math.Abs(SpecialMath.Logit(p) - x).ShouldBeLessThanOrEqualTo(tolerance, $"x = {x}");
        }
    }

    //
    // Xlogy, LogSumExp
    //

    [TestCase(0.0, 0.0, 0.0)] // 0·log 0 = 0 by convention
    [TestCase(0.0, Inf, 0.0)] // 0·log ∞ = 0 by convention
    [TestCase(0.0, -1.0, 0.0)] // 0·log(−1) = 0 by convention (scipy)
    [TestCase(0.0, Nan, Nan)] // NaN propagates
    [TestCase(Nan, 1.0, Nan)] // NaN propagates even with log 1 = 0
    [TestCase(2.0, Math.E, 2.0)] // 2·ln e
    [TestCase(1.0, 0.0, double.NegativeInfinity)] // 1·log 0
    [TestCase(-3.0, 0.0, Inf)] // −3·log 0
    [TestCase(2.0, -1.0, Nan)] // log of a negative
    public void Xlogy_Cases_FollowScipy(double x, double y, double expected)
    {
        double actual = SpecialMath.Xlogy(x, y);
        if (double.IsNaN(expected))
        {
            double.IsNaN(actual).ShouldBeTrue();
        }
        else
        {
            actual.ShouldBe(expected);
        }
    }

    [Test]
    public void LogSumExp_Cases_AreOverflowSafe()
    {
        SpecialMath.LogSumExp([1000, 1000]).ShouldBe(1000.6931471805599); // 1000 + ln 2
        SpecialMath.LogSumExp([-1000, -1000]).ShouldBe(-999.3068528194401); // −1000 + ln 2
        SpecialMath.LogSumExp([0, Math.Log(2), Math.Log(3)]).ShouldBe(Math.Log(6), 4e-16); // ln(1 + 2 + 3)
        SpecialMath.LogSumExp([0, -40]).ShouldBe(4.248354255291589e-18); // log1p(e⁻⁴⁰): the small term survives
        SpecialMath.LogSumExp([7.5]).ShouldBe(7.5); // one term: exactly itself
        SpecialMath.LogSumExp([]).ShouldBe(double.NegativeInfinity); // log of an empty sum, log 0
        SpecialMath.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]).ShouldBe(double.NegativeInfinity); // log(0 + 0)
        SpecialMath.LogSumExp([double.NegativeInfinity, 3]).ShouldBe(3); // log(0 + e³)
        SpecialMath.LogSumExp([1, Inf, 2]).ShouldBe(Inf); // a +∞ term dominates
        double.IsNaN(SpecialMath.LogSumExp([Inf, Nan])).ShouldBeTrue(); // NaN wins over +∞
        double.IsNaN(SpecialMath.LogSumExp([Nan, double.NegativeInfinity])).ShouldBeTrue(); // NaN wins over −∞
    }
}
