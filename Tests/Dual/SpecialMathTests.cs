using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>
/// <see cref="SpecialMath"/>: published values, identities and the IEEE edges (this file); 50-digit reference
/// tables and dense comparisons with MathNet.Numerics (<c>SpecialMathTests.Accuracy.cs</c>).
/// </summary>
public partial class SpecialMathTests
{
    private const double EulerGamma = 0.5772156649015329; // γ = 0.57721566490153286…

    /// <summary>The distance in ulps between two finite doubles (ordered by their bit patterns, ±0 equal).</summary>
    private static double UlpDistance(double a, double b)
    {
        static long Ordered(double x)
        {
            long bits = BitConverter.DoubleToInt64Bits(x);
            return bits < 0 ? long.MinValue - bits : bits;
        }

        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.IsNaN(a) && double.IsNaN(b) ? 0 : double.PositiveInfinity;
        }

        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return a == b ? 0 : double.PositiveInfinity;
        }

        return (double)Int128.Abs((Int128)Ordered(a) - Ordered(b)); // Int128: the span of all doubles exceeds long
    }

    private static void ShouldBeWithinUlps(double actual, double expected, double ulps, string what) =>
        UlpDistance(actual, expected).ShouldBeLessThanOrEqualTo(ulps, $"{what}: expected {expected:R}, got {actual:R}");

    //
    // UlpDistance (the measuring stick must itself be right)
    //

    [Test]
    public void UlpDistance_NeighboursAndSignedZero_CountsRepresentableSteps()
    {
        UlpDistance(1.0, Math.BitIncrement(1.0)).ShouldBe(1); // next double above 1
        UlpDistance(-double.Epsilon, double.Epsilon).ShouldBe(2); // −min subnormal, ±0, +min subnormal
        UlpDistance(0.0, -0.0).ShouldBe(0);
        UlpDistance(2.0, 1.0).ShouldBe(1L << 52); // one binade holds 2⁵² doubles
    }

    //
    // Erf, Erfc, ErfInv
    //

    [TestCase(0.5, 0.5204998778130465)] // A&S Table 7.1: erf 0.5 = 0.5204998778…
    [TestCase(1.0, 0.8427007929497149)] // erf 1 = 0.84270079294971486934…
    [TestCase(2.0, 0.9953222650189527)] // erf 2 = 0.99532226501895273416…
    [TestCase(-1.0, -0.8427007929497149)] // erf is odd
    [TestCase(1e-10, 1.1283791670955126e-10)] // erf x = (2/√π)x − …, 2/√π = 1.1283791670955125739…
    public void Erf_PublishedValues_WithinOneUlp(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.Erf(x), expected, 1, $"erf({x})");

    [TestCase(5.0, 1.537459794428035e-12)] // erfc 5 = 1.5374597944280348502e−12 (DLMF 7.2.2)
    [TestCase(10.0, 2.088487583762545e-45)] // erfc 10 = 2.0884875837625447570e−45
    [TestCase(15.0, 7.212994172451207e-100)] // erfc 15 = 7.2129941724512066666e−100
    [TestCase(26.5, 2.2109076642637343e-307)] // erfc 26.5 ≈ e^(−702.25)/(26.5√π)·(1 − 1/(2·26.5²)): still normal
    public void Erfc_FarTail_KeepsRelativeAccuracy(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.Erfc(x), expected, 2, $"erfc({x})");

    [Test]
    public void Erfc_UnderflowEdge_SubnormalThenZero()
    {
        // erfc 27 = 5.23705…e−319 is subnormal (below 2⁻¹⁰²² ≈ 2.2e−308); erfc 27.3 ≈ 1.8e−325 < 2⁻¹⁰⁷⁵: 0
        ShouldBeWithinUlps(SpecialMath.Erfc(27.0), 5.23705e-319, 1, "erfc(27)");
        SpecialMath.Erfc(27.3).ShouldBe(0.0);
    }

    [Test]
    public void Erfc_NegativeArgument_IsTwoMinusErfc()
    {
        // erfc(−x) = 2 − erfc(x); the rounding of 2 − erfc(x) is the only difference allowed
        for (double x = 0.01; x < 8; x += 0.037)
        {
            ShouldBeWithinUlps(SpecialMath.Erfc(-x), 2 - SpecialMath.Erfc(x), 1, $"erfc(−{x})");
        }
    }

    [Test]
    public void ErfPlusErfc_Grid_IsOne()
    {
        // erf x + erfc x = 1; both near ½ at x ≈ 0.477 so the sum has absolute error of a few ε
        for (double x = -6; x < 6; x += 0.0113)
        {
            Math.Abs(SpecialMath.Erf(x) + SpecialMath.Erfc(x) - 1).ShouldBeLessThanOrEqualTo(4e-16, $"x = {x}");
        }
    }

    [TestCase(0.5, 0.4769362762044699)] // erfinv ½ = 0.47693627620446987338…
    [TestCase(0.9, 1.1630871536766743)] // erfinv 0.9 = 1.1630871536766740867…, the double 0.9 is 0.900000000000000022…
    [TestCase(0.999, 2.3267537655135246)] // erfinv 0.999 = 2.3267537655135246…
    [TestCase(0.999999999999999, 5.675915739744713)] // erfinv(1 − 1e−15): erfc(5.6759…) = 1e−15 (rounded 1 − 1e−15)
    [TestCase(0.9999999999999999, 5.8635847487551676)] // erfinv(1 − 2⁻⁵³), the last double below 1
    [TestCase(-0.99999, -3.123413274341571)] // erfinv is odd
    public void ErfInv_PublishedValues_WithinTwoUlps(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.ErfInv(x), expected, 2, $"erfinv({x})");

    [Test]
    public void ErfOfErfInv_Grid_IsIdentity()
    {
        // erf(erfinv x) = x to within erf′(y)·δy + rounding, with δy = 2 ulps of y = erfinv x
        for (double x = -0.999; x < 1; x += 0.00731)
        {
            double y = SpecialMath.ErfInv(x);
            double tolerance = (2 * Ulp(x)) + (2 * Ulp(y) * ErfDerivative(y));
            Math.Abs(SpecialMath.Erf(y) - x).ShouldBeLessThanOrEqualTo(tolerance, $"x = {x}");
        }

        // near 1 it is erfc(erfinv(1 − d)) = d, which keeps d's relative precision; 1 − 2⁻ᵏ is exact
        for (int k = 2; k <= 53; k++)
        {
            double d = Math.ScaleB(1, -k);
            double y = SpecialMath.ErfInv(1 - d);
            double tolerance = (2 * Ulp(d)) + (2 * Ulp(y) * ErfDerivative(y));
            Math.Abs(SpecialMath.Erfc(y) - d).ShouldBeLessThanOrEqualTo(tolerance, $"d = 2^-{k}");
        }
    }

    private static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);

    private static double ErfDerivative(double y) => 1.1283791670955126 * Math.Exp(-y * y); // (2/√π)e^(−y²)

    //
    // NormalCdf, InverseNormalCdf
    //

    [TestCase(0.0, 0.5)] // Φ(0) = ½
    [TestCase(1.96, 0.9750021048517795)] // Φ(1.96) = 0.97500210485177952…
    [TestCase(-1.0, 0.15865525393145705)] // Φ(−1) = 0.15865525393145705142… (DLMF 7.18 via erfc(1/√2)/2)
    [TestCase(-8.0, 6.220960574271784e-16)] // Φ(−8) = 6.2209605742717841235e−16
    [TestCase(-20.0, 2.7536241186062337e-89)] // Φ(−20) = 2.7536241186062336951e−89
    [TestCase(-30.0, 4.906713927148187e-198)] // Φ(−30) = 4.9067139271481871…e−198
    [TestCase(-37.0, 5.725571222524577e-300)] // Φ(−37) = 5.7255712225245773…e−300
    public void NormalCdf_PublishedValues_LowerTailWithinTwoUlps(double x, double expected) =>
        ShouldBeWithinUlps(SpecialMath.NormalCdf(x), expected, 2, $"Φ({x})");

    [Test]
    public void NormalCdf_LowerTail_BeatsTheRoundedArgument()
    {
        // the naive erfc(−x·(1/√2))/2 is off by about x²·ε relative: at x = −37 that is hundreds of ulps
        double naive = 0.5 * SpecialMath.Erfc(37 * 0.7071067811865476);
        UlpDistance(naive, 5.725571222524577e-300).ShouldBeGreaterThan(100); // Φ(−37) as above
        ShouldBeWithinUlps(SpecialMath.NormalCdf(-37), 5.725571222524577e-300, 2, "Φ(−37)");
    }

    [TestCase(0.975, 1.9599639845400538)] // Φ⁻¹(0.975) = 1.95996398454005423552… (of the double 0.975)
    [TestCase(0.025, -1.9599639845400543)] // Φ⁻¹(0.025) = −1.9599639845400542…
    [TestCase(0.3, -0.5244005127080408)] // Φ⁻¹(0.3) = −0.52440051270804076…
    [TestCase(1e-10, -6.361340902404057)] // Φ⁻¹(1e−10) = −6.3613409024040566…
    [TestCase(1e-20, -9.262340089798407)] // Φ⁻¹(1e−20) = −9.2623400897984071…
    [TestCase(1e-300, -37.0470962993612)] // Φ⁻¹(1e−300) = −37.047096299361199…
    [TestCase(0.999999999999999, 7.941444487415978)] // Φ⁻¹(1 − 1e−15): −Φ⁻¹ of the exact 1 − p
    [TestCase(0.0749, -1.4402382675279637)] // just inside AS241's tail region (p < 0.075)
    public void InverseNormalCdf_PublishedValues_WithinTwoUlps(double p, double expected) =>
        ShouldBeWithinUlps(SpecialMath.InverseNormalCdf(p), expected, 2, $"Φ⁻¹({p})");

    [Test]
    public void NormalCdfOfInverse_Grid_IsIdentity()
    {
        // Φ(Φ⁻¹(p)) = p to within φ(z)·δz + rounding, δz = 2 ulps of z: relative in p down to 1e−300
        static void Check(double p)
        {
            double z = SpecialMath.InverseNormalCdf(p);
            double density = 0.3989422804014327 * Math.Exp(-0.5 * z * z); // φ(z) = e^(−z²/2)/√(2π)
            double tolerance = (2 * Ulp(p)) + (2 * Ulp(z) * density);
            Math.Abs(SpecialMath.NormalCdf(z) - p).ShouldBeLessThanOrEqualTo(tolerance, $"p = {p:R}");
        }

        for (double p = 0.001; p < 1; p += 0.00377)
        {
            Check(p);
        }

        for (int e = -300; e <= -1; e++)
        {
            Check(Math.Pow(10, e));
        }
    }
}
