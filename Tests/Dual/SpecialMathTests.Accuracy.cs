using MathNet.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

public partial class SpecialMathTests
{
    /// <summary>
    /// Hard points for each function with their correctly rounded values, computed with mpmath 1.3 at 60
    /// significant digits (erf, erfc, erfinv, ncdf, loggamma, gamma, psi(0, x), psi(1, x) of the double argument)
    /// and rounded once to double. Each row says why the point is hard.
    /// </summary>
    private static IEnumerable<TestCaseData> References()
    {
        static TestCaseData R(string f, double x, double y, double ulps, string why) =>
            new TestCaseData(f, x, y, ulps).SetName($"Reference_{f}({x:R})").SetDescription(why);

        yield return R("Erf", 0.84375, 0.7672256612323416, 1, "the boundary between fdlibm's first two ranges");
        yield return R("Erf", 1.25, 0.9229001282564583, 1, "the boundary of the erx + P/Q range");
        yield return R("Erf", 5.9, 0.9999999999999999, 1, "1 − erfc(5.9) = 1 − 1.6e−17");
        yield return R("Erfc", 0.84, 0.23485728854500548, 2, "½ − (x·y + (x − ½)) branch");
        yield return R("Erfc", -5.5, 1.9999999999999927, 1, "2 − erfc(5.5)");
        yield return R("Erfc", 26.6, 1.088512588544227e-309, 1, "subnormal result; ulps counted on the subnormal grid");
        yield return R("ErfInv", 1e-300, 8.86226925452758e-301, 1, "erfinv x = (√π/2)x for tiny x");
        yield return R("ErfInv", 0.84, 0.9935356283473041, 2, "just below the switch to AS241's tail form (0.85)");
        yield return R("ErfInv", 0.86, 1.0435418436397588, 2, "just above it, with the erfc residual");
        yield return R("NormalCdf", -38, 2.88542835e-316, 2, "subnormal lower tail");
        yield return R("NormalCdf", 5, 0.9999997133484281, 1, "upper tail 1 − Φ(−5)");
        yield return R("InverseNormalCdf", 0.5000000001, 2.506628482030354e-10, 2, "Φ⁻¹(½ + q) ≈ √(2π)·q: q = 1.00000008e−10 exactly");
        yield return R("InverseNormalCdf", 0.075, -1.439531470938456, 2, "the boundary of AS241's central region");
        yield return R("InverseNormalCdf", 2.2250738585072014e-308, -37.5193793471445, 2, "the smallest normal p, unpolished AS241");
        yield return R("LogGamma", 0.9, 0.06637623973474295, 2, "the boundary between lgamma(1 + x) − log x and the direct kernel");
        yield return R("LogGamma", 2.5, 0.2846828704729192, 2, "the rational form on [2, 3]");
        yield return R("LogGamma", 1e300, 6.897755278982137e302, 1, "x(ln x − 1) beyond 2⁵⁸");
        yield return R("LogGamma", -1e-300, 690.7755278982137, 1, "−ln|x| for tiny negative x");
        yield return R("LogGamma", -3.2, -0.37243213612996867, 2, "negative: ln Γ(b) − ln|∏(x + k)| in double-double");
        yield return R("LogGamma", -1000.3, -5912.844034778521, 2, "negative, below −170: the sin πx reflection");
        yield return R("Gamma", 0.999999, 1.000000577216654, 1, "Γ(1 − h) ≈ 1 + γh");
        yield return R("Gamma", 2.000001, 1.000000422784747, 1, "Γ(2 + h) ≈ 1 + (1 − γ)h");
        yield return R("Gamma", -1e-300, -9.999999999999999e299, 1, "Γ(x) ≈ 1/x for tiny negative x");
        yield return R("Digamma", 100, 4.600161852738087, 1, "asymptotic series");
        yield return R("Digamma", 1.5, 0.03648997397857652, 2, "ψ(3/2) = 2 − γ − 2 ln 2, small but away from the root");
        yield return R("Digamma", -2.3, 3.3173231575618227, 2, "negative, double-double recurrence");
        yield return R("Digamma", 3.7, 1.1671535393615113, 2, "recurrence down to [1, 2)");
        yield return R("Trigamma", 100, 0.010050166663333571, 1, "asymptotic series");
        yield return R("Trigamma", -2.3, 14.725912160961292, 2, "negative, all-positive recurrence");
        yield return R("Trigamma", 3.7, 0.3100378576700383, 1, "recurrence up to 20");
    }

    [TestCaseSource(nameof(References))]
    public void Reference_HardPoint_WithinStatedUlps(string function, double x, double expected, double ulps) =>
        ShouldBeWithinUlps(s_unary[function](x), expected, ulps, $"{function}({x:R})");

    //
    // Dense comparisons with MathNet.Numerics 5.0 (which is itself accurate to ~1e−15 on these ranges)
    //

    /// <summary>The largest ulp distance between two functions on a grid, with where it happens.</summary>
    private static (double Ulps, double At) MaxUlps(Func<double, double> ours, Func<double, double> theirs, double from, double to, int count)
    {
        double worst = 0;
        double at = from;
        for (int i = 0; i < count; i++)
        {
            double x = from + ((to - from) * (i + 0.5) / count);
            if (x < 0 && x == Math.Floor(x))
            {
                continue; // the poles of Γ: NaN here, ±∞ or a huge number in MathNet
            }

            double d = UlpDistance(ours(x), theirs(x));
            if (d > worst)
            {
                worst = d;
                at = x;
            }
        }

        TestContext.Out.WriteLine($"max {worst} ulps at {at:R}");
        return (worst, at);
    }

    /// <summary>
    /// The bound of each comparison is our measured worst error plus MathNet's own, both measured against 50-digit
    /// references on the same grid: where MathNet is loose (GammaLn 61 ulps, Gamma ~2000 and ~60000, DiGamma 49), so is
    /// the bound, and the tight checks are the reference values and identities instead.
    /// </summary>
    private static IEnumerable<TestCaseData> MathNetComparisons()
    {
        static TestCaseData C(string name, Func<double, double> ours, Func<double, double> theirs, double from, double to, double bound) =>
            new TestCaseData(ours, theirs, from, to, bound).SetName($"MathNet_{name}_On_{from}_{to}_WithinBound");

        yield return C("Erf", SpecialMath.Erf, SpecialFunctions.Erf, -6, 6, 3); // ours ≤ 1, MathNet's (Boost's) ≤ 1.1
        yield return C("Erfc", SpecialMath.Erfc, SpecialFunctions.Erfc, -6, 4, 11); // ours ≤ 2, MathNet's 8.7 (30 near 6, ~500 beyond 20)
        yield return C("ErfInv", SpecialMath.ErfInv, SpecialFunctions.ErfInv, -0.999999, 0.999999, 4); // 1.5 + 2.2
        yield return C("GammaLn", SpecialMath.LogGamma, SpecialFunctions.GammaLn, 2.5, 1000, 64); // 2 + MathNet's 61.2 (at 2.724)
        yield return C("GammaLnSmall", SpecialMath.LogGamma, SpecialFunctions.GammaLn, 0.001, 0.5, 16); // away from the zeros at 1, 2
        yield return C("Gamma", SpecialMath.Gamma, SpecialFunctions.Gamma, 0.01, 160, 2200); // MathNet's Lanczos: ~2100 ulps (5e−13)
        yield return C("GammaNegative", SpecialMath.Gamma, SpecialFunctions.Gamma, -9.99, -0.01, 61000); // MathNet: 60743 (8.5e−12) near −6
        yield return C("DiGamma", SpecialMath.Digamma, SpecialFunctions.DiGamma, 2, 1000, 52); // 2 + MathNet's 49.2 (at 2.075)
        yield return C("Logistic", SpecialMath.Sigmoid, SpecialFunctions.Logistic, -30, 30, 4); // 1.7 + 1.5
        yield return C("Logit", SpecialMath.Logit, SpecialFunctions.Logit, 0.001, 0.2, 3); // 1.2 + 1.1
    }

    [TestCaseSource(nameof(MathNetComparisons))]
    public void MathNet_DenseGrid_AgreesWithinBound(Func<double, double> ours, Func<double, double> theirs, double from, double to, double bound) =>
        MaxUlps(ours, theirs, from, to, 20011).Ulps.ShouldBeLessThanOrEqualTo(bound);

    [Test]
    public void MathNet_BetaLn_AgreesInAbsoluteTerms()
    {
        // MathNet's BetaLn is the plain lgamma difference: up to ~300ε absolute on (0.05, 5) × {2.75}, and its
        // value crosses 0 (B(a, 2.75) = 1 near a = 0.539), so the distance is absolute, not in ulps
        for (double a = 0.05; a < 5; a += 0.00137)
        {
            double difference = Math.Abs(SpecialMath.LogBeta(a, 2.75) - SpecialFunctions.BetaLn(a, 2.75));
            difference.ShouldBeLessThanOrEqualTo(320 * 2.2e-16, $"a = {a}");
        }
    }
}
