namespace DualAutodiff;

/// <content>The error function family: erf, erfc (fdlibm <c>s_erf.c</c>) and the inverse error function.</content>
internal static partial class SpecialMath
{
    // erx = 0.84506291151 rounded to 24 bits: erf(1 + s) = erx + P(s)/Q(s) on [0.84375, 1.25].
    private const double Erx = 8.45062911510467529297e-01;

    // erf(x) = x + efx·x for |x| < 2⁻²⁸; efx8 = 8·efx for subnormal-safe scaling.
    private const double Efx = 1.28379167095512586316e-01;
    private const double Efx8 = 1.02703333676410069053e+00;

    // erf(x) = x + x·R(x²) on [0, 0.84375].
    private const double Pp0 = 1.28379167095512558561e-01;
    private const double Pp1 = -3.25042107247001499370e-01;
    private const double Pp2 = -2.84817495755985104766e-02;
    private const double Pp3 = -5.77027029648944159157e-03;
    private const double Pp4 = -2.37630166566501626084e-05;
    private const double Qq1 = 3.97917223959155352819e-01;
    private const double Qq2 = 6.50222499887672944485e-02;
    private const double Qq3 = 5.08130628187576562776e-03;
    private const double Qq4 = 1.32494738004321644526e-04;
    private const double Qq5 = -3.96022827877536812320e-06;

    // erf(1 + s) − erx = P1(s)/Q1(s) on [0.84375, 1.25].
    private const double Pa0 = -2.36211856075265944077e-03;
    private const double Pa1 = 4.14856118683748331666e-01;
    private const double Pa2 = -3.72207876035701323847e-01;
    private const double Pa3 = 3.18346619901161753674e-01;
    private const double Pa4 = -1.10894694282396677476e-01;
    private const double Pa5 = 3.54783043256182359371e-02;
    private const double Pa6 = -2.16637559486879084300e-03;
    private const double Qa1 = 1.06420880400844228286e-01;
    private const double Qa2 = 5.40397917702171048937e-01;
    private const double Qa3 = 7.18286544141962662868e-02;
    private const double Qa4 = 1.26171219808761642112e-01;
    private const double Qa5 = 1.36370839120290507362e-02;
    private const double Qa6 = 1.19844998467991074170e-02;

    // erfc(x) = exp(−x² − 0.5625 + R1/S1)/x on [1.25, 1/0.35], z = 1/x².
    private const double Ra0 = -9.86494403484714822705e-03;
    private const double Ra1 = -6.93858572707181764372e-01;
    private const double Ra2 = -1.05586262253232909814e+01;
    private const double Ra3 = -6.23753324503260060396e+01;
    private const double Ra4 = -1.62396669462573470355e+02;
    private const double Ra5 = -1.84605092906711035994e+02;
    private const double Ra6 = -8.12874355063065934246e+01;
    private const double Ra7 = -9.81432934416914548592e+00;
    private const double Sa1 = 1.96512716674392571292e+01;
    private const double Sa2 = 1.37657754143519042600e+02;
    private const double Sa3 = 4.34565877475229228821e+02;
    private const double Sa4 = 6.45387271733267880336e+02;
    private const double Sa5 = 4.29008140027567833386e+02;
    private const double Sa6 = 1.08635005541779435134e+02;
    private const double Sa7 = 6.57024977031928170135e+00;
    private const double Sa8 = -6.04244152148580987438e-02;

    // erfc(x) = exp(−x² − 0.5625 + R2/S2)/x on [1/0.35, 28], z = 1/x².
    private const double Rb0 = -9.86494292470009928597e-03;
    private const double Rb1 = -7.99283237680523006574e-01;
    private const double Rb2 = -1.77579549177547519889e+01;
    private const double Rb3 = -1.60636384855821916062e+02;
    private const double Rb4 = -6.37566443368389627722e+02;
    private const double Rb5 = -1.02509513161107724954e+03;
    private const double Rb6 = -4.83519191608651397019e+02;
    private const double Sb1 = 3.03380607434824582924e+01;
    private const double Sb2 = 3.25792512996573918826e+02;
    private const double Sb3 = 1.53672958608443695994e+03;
    private const double Sb4 = 3.19985821950859553908e+03;
    private const double Sb5 = 2.55305040643316442583e+03;
    private const double Sb6 = 4.74528541206955367215e+02;
    private const double Sb7 = -2.24409524465858183362e+01;

    /// <summary>The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erf(x) in [−1, 1].</returns>
    /// <remarks>
    /// fdlibm's four ranges: x + x·R(x²) below 0.84375, erx + P/Q up to 1.25, 1 − erfc(x) up to 6, ±1 beyond.
    /// erf(±0) = ±0, erf(±∞) = ±1. Measured ≤ 1 ulp.
    /// </remarks>
    public static double Erf(double x)
    {
        int hx = HighWord(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7ff00000)
        {
            return double.IsNaN(x) ? x : Math.Sign(x);
        }

        if (ix < 0x3feb0000)
        {
            // |x| < 0.84375
            if (ix < 0x3e300000)
            {
                // |x| < 2⁻²⁸: erf(x) = x·2/√π to within 2⁻⁸⁴; the ·8 keeps precision for subnormal x
                return ix < 0x00800000 ? ((8 * x) + (Efx8 * x)) / 8 : x + (Efx * x);
            }

            return x + (x * ErfSmallRatio(x * x));
        }

        if (ix < 0x3ff40000)
        {
            // 0.84375 ≤ |x| < 1.25
            double pq = ErfNearOneRatio(Math.Abs(x) - 1);
            return hx >= 0 ? Erx + pq : -Erx - pq;
        }

        if (ix >= 0x40180000)
        {
            // |x| ≥ 6: erfc(6) < 2⁻⁵⁴, so erf rounds to ±1
            return hx >= 0 ? 1.0 : -1.0;
        }

        double r = ErfcLarge(Math.Abs(x), ix < 0x4006DB6E);
        return hx >= 0 ? 1 - r : r - 1;
    }

    /// <summary>The complementary error function erfc(x) = 1 − erf(x), accurate in the right tail.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erfc(x) in [0, 2].</returns>
    /// <remarks>
    /// For x ≥ 1.25 it is exp(−x² − 0.5625 + R/S)/x with x² split exactly (x = z + (x − z), z with 21 bits),
    /// so the tail keeps its relative accuracy: erfc(10) = 2.088487583762545e−45; the result is subnormal from
    /// about x = 26.55 and 0 beyond about 27.23. erfc(−x) = 2 − erfc(x); erfc(+∞) = 0, erfc(−∞) = 2.
    /// Measured ≤ 2.1 ulps (normal results; subnormal ones to within an ulp of the subnormal grid).
    /// </remarks>
    public static double Erfc(double x)
    {
        int hx = HighWord(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7ff00000)
        {
            return double.IsNaN(x) ? x : (x > 0 ? 0.0 : 2.0);
        }

        if (ix < 0x3feb0000)
        {
            // |x| < 0.84375
            if (ix < 0x3c700000)
            {
                return 1 - x; // |x| < 2⁻⁵⁶
            }

            double y = ErfSmallRatio(x * x);
            if (hx < 0x3fd00000)
            {
                return 1 - (x + (x * y)); // x < 1/4
            }

            // erfc(x) = 0.5 − (x·y + (x − 0.5)): x − 0.5 is exact here
            return 0.5 - ((x * y) + (x - 0.5));
        }

        if (ix < 0x3ff40000)
        {
            // 0.84375 ≤ |x| < 1.25
            double pq = ErfNearOneRatio(Math.Abs(x) - 1);
            return hx >= 0 ? (1 - Erx) - pq : 1 + (Erx + pq);
        }

        if (ix < 0x403c0000)
        {
            // |x| < 28
            if (hx < 0 && ix >= 0x40180000)
            {
                return 2.0; // x ≤ −6: 2 − erfc(6) rounds to 2
            }

            double r = ErfcLarge(Math.Abs(x), ix < 0x4006DB6D);
            return hx > 0 ? r : 2 - r;
        }

        // x ≥ 28 underflows (erfc(28) ≈ 6.6e−343); x ≤ −28 is 2
        return hx > 0 ? 0.0 : 2.0;
    }

    /// <summary>The inverse error function: erfinv(erf(y)) = y.</summary>
    /// <param name="x">The argument in [−1, 1].</param>
    /// <returns>y with erf(y) = x; ±∞ at ±1; NaN outside [−1, 1].</returns>
    /// <remarks>
    /// Start from erfinv(x) = Φ⁻¹((1 + x)/2)/√2 with AS241 (central form with q = x/2; tail form with the exact
    /// (1 − |x|)/2), then one Halley step on f(y) = erf(y) − |x|, f′ = (2/√π)e^(−y²), f″ = −2y·f′.
    /// For |x| &gt; ½ the residual is (1 − |x|) − erfc(y), where 1 − |x| is exact, so erfinv(1 − 1e−15) keeps its
    /// accuracy. erfinv(±0) = ±0. Measured ≤ 2 ulps.
    /// </remarks>
    public static double ErfInv(double x)
    {
        double a = Math.Abs(x);
        if (!(a <= 1))
        {
            return double.NaN;
        }

        if (a == 1)
        {
            return x > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        if (a < 1e-150)
        {
            // erfinv(x) = (√π/2)(x + πx³/12 + …): the cubic term is below 2⁻⁹⁹⁰ of x
            return x * 0.886226925452758;
        }

        double y = a <= 0.85
            ? InverseNormalCentral(0.5 * a) * InvSqrt2
            : -InverseNormalTail(0.5 * (1 - a)) * InvSqrt2;

        double residual = a <= 0.5 ? Erf(y) - a : (1 - a) - Erfc(y);
        double delta = residual / (TwoOverSqrtPi * Math.Exp(-y * y));
        y -= delta / (1 + (y * delta));
        return x < 0 ? -y : y;
    }

    /// <summary>R(z) = P(z)/Q(z) with erf(x) = x + x·R(x²) on [0, 0.84375].</summary>
    /// <param name="z">x².</param>
    /// <returns>R(z).</returns>
    private static double ErfSmallRatio(double z)
    {
        double r = Pp0 + (z * (Pp1 + (z * (Pp2 + (z * (Pp3 + (z * Pp4)))))));
        double s = 1 + (z * (Qq1 + (z * (Qq2 + (z * (Qq3 + (z * (Qq4 + (z * Qq5)))))))));
        return r / s;
    }

    /// <summary>P1(s)/Q1(s) = erf(1 + s) − erx on s ∈ [−0.15625, 0.25].</summary>
    /// <param name="s">|x| − 1 (exact).</param>
    /// <returns>erf(1 + s) − erx.</returns>
    private static double ErfNearOneRatio(double s)
    {
        double p = Pa0 + (s * (Pa1 + (s * (Pa2 + (s * (Pa3 + (s * (Pa4 + (s * (Pa5 + (s * Pa6)))))))))));
        double q = 1 + (s * (Qa1 + (s * (Qa2 + (s * (Qa3 + (s * (Qa4 + (s * (Qa5 + (s * Qa6)))))))))));
        return p / q;
    }

    /// <summary>erfc(x) for 1.25 ≤ x &lt; 28 as exp(−x² − 0.5625 + R/S)/x.</summary>
    /// <param name="x">The argument, positive.</param>
    /// <param name="nearRange">Whether x is below about 1/0.35, where R1/S1 applies (R2/S2 above).</param>
    /// <returns>erfc(x).</returns>
    /// <remarks>
    /// −x² = −z² + (z − x)(z + x) with z = x cut to 21 bits: z² and −z² − 0.5625 are exact, so the large
    /// exponent carries no rounding error and the second exp has an argument of order 1.
    /// </remarks>
    private static double ErfcLarge(double x, bool nearRange)
    {
        double s = 1 / (x * x);
        double r;
        double q;
        if (nearRange)
        {
            r = Ra0 + (s * (Ra1 + (s * (Ra2 + (s * (Ra3 + (s * (Ra4 + (s * (Ra5 + (s * (Ra6 + (s * Ra7)))))))))))));
            q = 1 + (s * (Sa1 + (s * (Sa2 + (s * (Sa3 + (s * (Sa4 + (s * (Sa5 + (s * (Sa6 + (s * (Sa7 + (s * Sa8)))))))))))))));
        }
        else
        {
            r = Rb0 + (s * (Rb1 + (s * (Rb2 + (s * (Rb3 + (s * (Rb4 + (s * (Rb5 + (s * Rb6)))))))))));
            q = 1 + (s * (Sb1 + (s * (Sb2 + (s * (Sb3 + (s * (Sb4 + (s * (Sb5 + (s * (Sb6 + (s * Sb7)))))))))))));
        }

        double z = ClearLowWord(x);
        double e = Math.Exp((-z * z) - 0.5625) * Math.Exp(((z - x) * (z + x)) + (r / q));
        return e / x;
    }
}
