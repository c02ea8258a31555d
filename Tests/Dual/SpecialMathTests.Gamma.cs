using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

public partial class SpecialMathTests
{
    //
    // LogGamma, Gamma
    //

    [TestCase(1e-8, 18.42068073818021)] // lgamma x = −ln x − γx + (π²/12)x² − …: 18.420680738180209…
    [TestCase(0.5, 0.5723649429247001)] // ln Γ(½) = ln √π = 0.57236494292470008707…
    [TestCase(3.0, 0.6931471805599453)] // ln Γ(3) = ln 2
    [TestCase(100.0, 359.1342053695754)] // ln 99! = 359.13420536957539878…
    [TestCase(1e10, 220258509288.81058)] // Stirling: (x − ½)ln x − x + ln√(2π) + 1/(12x)
    [TestCase(1.4616321449683622, -0.12148629053584961)] // the minimum of Γ on x > 0: ln Γ = −0.1214862905358496…
    [TestCase(0.999999, 5.772164873855652e-07)] // near the zero at 1: ≈ γ·10⁻⁶ + (π²/12)·10⁻¹²
    [TestCase(1.000001, -5.772148423874147e-07)] // ≈ −γ·10⁻⁶ + (π²/12)·10⁻¹²
    [TestCase(1.999999, -4.227840125965854e-07)] // near the zero at 2: ≈ −(1 − γ)·10⁻⁶
    [TestCase(2.000001, 4.2278465762452923e-07)] // ≈ (1 − γ)·10⁻⁶
    [TestCase(-0.5, 1.2655121234846454)] // ln|Γ(−½)| = ln 2√π = 1.2655121234846453965…
    [TestCase(-2.5, -0.056243716497674054)] // Γ(−5/2) = −8√π/15 = −0.94530872048294188…
    [TestCase(-170.5, -707.9984331450788)] // ln|Γ(−170.5)| = ln π − ln Γ(171.5) (reflection)
    public void LogGamma_PublishedValues_WithinTwoUlps(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.LogGamma(x), expected, 2, $"lgamma({x})");

    [Test]
    public void LogGamma_OneAndTwo_ExactlyZero()
    {
        SpecialMath.LogGamma(1.0).ShouldBe(0.0); // Γ(1) = 0! = 1
        SpecialMath.LogGamma(2.0).ShouldBe(0.0); // Γ(2) = 1! = 1
    }

    [Test]
    public void LogGamma_Recurrence_LogGammaOfXPlusOneIsLogGammaPlusLogX()
    {
        // lgamma(x + 1) = lgamma(x) + ln x, for x ≥ 2 where neither side cancels (x + 1 exact on this grid)
        for (double x = 2; x < 200; x += 0.625)
        {
            double expected = SpecialMath.LogGamma(x) + Math.Log(x);
            ShouldBeWithinUlps(SpecialMath.LogGamma(x + 1), expected, 3, $"x = {x}");
        }
    }

    [TestCase(2.5, 1)] // Γ(5/2) = 3√π/4 > 0
    [TestCase(-0.5, -1)] // Γ(−½) = −2√π < 0
    [TestCase(-1.5, 1)] // Γ(−3/2) = 4√π/3 > 0
    [TestCase(-2.5, -1)] // Γ(−5/2) = −8√π/15 < 0
    public void LogGamma_Sign_IsSignOfGamma(double x, int expected)
    {
        SpecialMath.LogGamma(x, out int sign);
        sign.ShouldBe(expected);
        Math.Sign(SpecialMath.Gamma(x)).ShouldBe(expected);
    }

    [Test]
    public void Gamma_Integers_AreExactFactorials()
    {
        // Γ(n) = (n − 1)!: 22! = 2¹⁹·(an odd 51-bit number) is exact in double, and 23! = 22!·23 is one correct
        // rounding of the exact value, which Γ(24) must also be
        double factorial = 1;
        for (int n = 1; n <= 24; n++)
        {
            if (n > 1)
            {
                factorial *= n - 1;
            }

            SpecialMath.Gamma(n).ShouldBe(factorial, $"Γ({n}) = {n - 1}!");
        }

        ShouldBeWithinUlps(SpecialMath.Gamma(171), 7.257415615307999e306, 1, "Γ(171) = 170!"); // 170! = 7.25741561530799896739…e306
    }

    [TestCase(0.5, 1.772453850905516)] // Γ(½) = √π = 1.7724538509055160273…
    [TestCase(1.5, 0.886226925452758)] // Γ(3/2) = √π/2
    [TestCase(5.5, 52.34277778455352)] // Γ(11/2) = (945/32)√π = 52.342777784553520…
    [TestCase(-0.5, -3.544907701811032)] // Γ(−½) = −2√π
    [TestCase(-1.5, 2.363271801207355)] // Γ(−3/2) = 4√π/3
    [TestCase(-10.1, -2.2134165830856185e-06)] // reflection through 11 exact factors
    [TestCase(30.25, 2.0628053137753467e+31)] // far from exp(lgamma): |lgamma| ≈ 72 would cost ~70 ulps
    [TestCase(100.1, 1.478454494651475e+156)] // |lgamma| ≈ 360
    [TestCase(170.5, 5.56209241456e+305)] // Γ(170.5) = 5.5620924145599997…e305
    [TestCase(171.6, 1.5858969096672565e+308)] // just below the overflow at 171.6243769563027
    [TestCase(1e-300, 9.999999999999999e+299)] // Γ(x) = 1/x − γ + …
    [TestCase(-170.5, -3.3127395215386074e-308)] // Γ(−170.5) = π/(sin(−170.5π)·Γ(171.5)): just below 2⁻¹⁰²²
    [TestCase(-175.5, 2.1075e-319)] // subnormal: Γ(−175.5) = 2.10750…e−319
    public void Gamma_PublishedValues_WithinTwoUlps(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.Gamma(x), expected, 2, $"Γ({x})");

    [Test]
    public void Gamma_OverflowAndUnderflow_AtTheRightPlaces()
    {
        double.IsFinite(SpecialMath.Gamma(171.62437695630272)).ShouldBeTrue(); // Γ(171.624376956302…) = 1.7976…e308
        SpecialMath.Gamma(171.625).ShouldBe(double.PositiveInfinity);
        SpecialMath.Gamma(-182.5).ShouldBe(-0.0); // |Γ(−182.5)| ≈ 1.6e−324 rounds to 0, Γ < 0 on (−183, −182)
        double.IsNegative(SpecialMath.Gamma(-182.5)).ShouldBeTrue();
        SpecialMath.Gamma(-1e6 - 0.5).ShouldBe(0.0); // Γ > 0 on (−1000001, −1000000)
    }

    [Test]
    public void Gamma_Recurrence_GammaOfXPlusOneIsXTimesGamma()
    {
        // Γ(x + 1) = x·Γ(x): each side within 2 ulps, x·Γ(x) adds one rounding; x + 1 is exact on this grid
        for (double x = -20.4375; x < 170; x += 0.4375)
        {
            ShouldBeWithinUlps(SpecialMath.Gamma(x + 1), x * SpecialMath.Gamma(x), 5, $"x = {x}");
        }
    }

    //
    // Digamma, Trigamma
    //

    [TestCase(1.0, -0.5772156649015329)] // ψ(1) = −γ
    [TestCase(0.5, -1.9635100260214235)] // ψ(½) = −γ − 2 ln 2
    [TestCase(2.0, 0.42278433509846713)] // ψ(2) = 1 − γ
    [TestCase(10.0, 2.251752589066721)] // ψ(10) = H₉ − γ = 7129/2520 − γ
    [TestCase(1e10, 23.025850929890456)] // ψ(x) = ln x − 1/(2x) − …
    [TestCase(1e-300, -9.999999999999999e+299)] // ψ(x) = −1/x − γ + …
    [TestCase(1.4616321449683622, -9.241265521729427e-17)] // the double just below the root x₀ = 1.46163214496836234…
    [TestCase(1.4616321449683625, 1.2245374622004068e-16)] // the double just above the root
    [TestCase(1.46163214, -4.807746276832806e-09)] // ψ(x₀ + h) ≈ ψ′(x₀)·h, ψ′(x₀) = 0.9672…
    [TestCase(-0.5, 0.03648997397857652)] // ψ(−½) = ψ(3/2) = 2 − γ − 2 ln 2 (reflection, cot(−π/2) = 0)
    [TestCase(-1.5, 0.7031566406452432)] // ψ(−3/2) = ψ(−½) + 2/3
    [TestCase(-50.5, 3.931841651126412)] // reflection below −40: ψ(51.5) + 1/50.5 − π·cot(−50.5π)
    public void Digamma_PublishedValues_WithinTwoUlps(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.Digamma(x), expected, 2, $"ψ({x})");

    [Test]
    public void Digamma_Recurrence_PsiOfXPlusOneIsPsiPlusOneOverX()
    {
        // ψ(x + 1) = ψ(x) + 1/x, checked where the sum does not cancel (x ≥ 2; the root of ψ is at 1.46)
        for (double x = 2; x < 60; x += 0.1875)
        {
            ShouldBeWithinUlps(SpecialMath.Digamma(x + 1), SpecialMath.Digamma(x) + (1 / x), 3, $"x = {x}");
        }
    }

    [TestCase(1.0, 1.6449340668482264)] // ψ′(1) = π²/6
    [TestCase(0.5, 4.934802200544679)] // ψ′(½) = π²/2
    [TestCase(2.0, 0.6449340668482264)] // ψ′(2) = π²/6 − 1
    [TestCase(10.0, 0.10516633568168575)] // ψ′(10) = π²/6 − Σ_{k=1}^{9} 1/k²
    [TestCase(25.0, 0.04081066325722558)] // ψ′(x) ≈ 1/x + 1/(2x²) + 1/(6x³)
    [TestCase(1e10, 1.00000000005e-10)] // 1/x + 1/(2x²)
    [TestCase(1e-100, 1e+200)] // 1/x² + π²/6
    [TestCase(-0.5, 8.934802200544679)] // ψ′(−½) = π²/2 + 4
    [TestCase(-1.5, 9.379246644989124)] // ψ′(−3/2) = π²/2 + 4 + 4/9
    [TestCase(-50.5, 9.849997186082485)] // reflection: π²/sin²(50.5π) − ψ′(51.5) = π² − 0.0195…
    public void Trigamma_PublishedValues_WithinTwoUlps(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.Trigamma(x), expected, 2, $"ψ′({x})");

    [Test]
    public void Trigamma_Recurrence_TrigammaOfXPlusOneIsTrigammaMinusOneOverXSquared()
    {
        // ψ′(x + 1) = ψ′(x) − 1/x², on x ≥ 1 where ψ′(x + 1) ≥ ψ′(x)/2.3 (mild cancellation)
        for (double x = 1; x < 60; x += 0.1875)
        {
            ShouldBeWithinUlps(SpecialMath.Trigamma(x + 1), SpecialMath.Trigamma(x) - (1 / (x * x)), 6, $"x = {x}");
        }
    }

    //
    // LogBeta
    //

    [TestCase(1e10, 1.5, -34.65955863258343)] // ln B = ln Γ(1.5) − 1.5 ln(1e10) + O(1e−10) = −34.659558632583…
    [TestCase(1.5, 1e10, -34.65955863258343)] // symmetric
    [TestCase(0.5, 0.5, 1.1447298858494002)] // B(½, ½) = π: ln π
    [TestCase(2.0, 3.0, -2.4849066497880004)] // B(2, 3) = 1/12: −ln 12
    [TestCase(1e-8, 3.0, 18.420680728952366)] // B(ε, 3) ≈ 1/ε − H₂: ln(1e8 − 1.5)
    [TestCase(50.0, 60.0, -76.52272335335051)] // both large: Stirling differences
    [TestCase(1e5, 1e5, -138633.92706134808)] // B(n, n) ≈ √(π/n)·4⁻ⁿ·2 (leading terms)
    [TestCase(0.3, 20.0, 0.20234534658033138)] // small and large argument
    [TestCase(1e300, 2.0, -1381.551055796427)] // B(a, 2) = 1/(a(a + 1)): −2 ln(1e300) to double precision
    [TestCase(7.0, 1e15, -235.19218355236472)] // ln 6! − 7 ln(1e15) + …
    public void LogBeta_PublishedValues_WithinFourUlpsOrFourEpsilon(double a, double b, double expected)
    {
        // ln B below 1 in magnitude is a difference of O(1) terms, so its error is a few ε absolute there
        double actual = SpecialMath.LogBeta(a, b);
        double tolerance = Math.Max(4 * Ulp(expected), 4 * 2.220446049250313e-16);
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(tolerance, $"lbeta({a}, {b}) = {actual:R}");
    }

    [Test]
    public void LogBeta_OneAndOne_ExactlyZero() => SpecialMath.LogBeta(1, 1).ShouldBe(0.0); // B(1, 1) = 1

    [Test]
    public void LogBeta_LargeArgument_MuchBetterThanTheLogGammaDifference()
    {
        // lgamma(1e10) ≈ 2.2e11 carries an absolute error of ~3e−5, which the plain difference keeps
        double naive = SpecialMath.LogGamma(1e10) + SpecialMath.LogGamma(1.5) - SpecialMath.LogGamma(1e10 + 1.5);
        Math.Abs(naive - -34.65955863258343).ShouldBeGreaterThan(1e-7); // ln B(1e10, 1.5) as above
        ShouldBeWithinUlps(SpecialMath.LogBeta(1e10, 1.5), -34.65955863258343, 4, "lbeta(1e10, 1.5)");
    }
}
