namespace DualAutodiff;

/// <content>The polygamma functions ψ (digamma) and ψ′ (trigamma).</content>
internal static partial class SpecialMath
{
    // Boost's ψ on [1, 2]: ψ(x) = (x − x₀)(Y + P(x − 1)/Q(x − 1)), x₀ = Root1 + Root2 + Root3 the positive root.
    private const float DigammaY = 0.99558162689208984f;
    private const double Root1 = 1569415565.0 / 1073741824.0;
    private const double Root2 = 381566830.0 / 1073741824.0 / 1073741824.0;
    private const double Root3 = 0.9016312093258695918615325266959189453125e-19;
    private const double Dp0 = 0.25479851061131551;
    private const double Dp1 = -0.32555031186804491;
    private const double Dp2 = -0.65031853770896507;
    private const double Dp3 = -0.28919126444774784;
    private const double Dp4 = -0.045251321448739056;
    private const double Dp5 = -0.0020713321167745952;
    private const double Dq1 = 2.0767117023730469;
    private const double Dq2 = 1.4606242909763515;
    private const double Dq3 = 0.43593529692665969;
    private const double Dq4 = 0.054151797245674225;
    private const double Dq5 = 0.0021284987017821144;
    private const double Dq6 = -0.55789841321675513e-6;

    /// <summary>The digamma function ψ(x) = Γ′(x)/Γ(x).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ψ(x).</returns>
    /// <remarks>
    /// x ≥ 10: ψ(x) = ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ) (eight terms). 1 ≤ x &lt; 10: ψ(x) = ψ(b) + Σ 1/(x − k)
    /// down to b in [1, 2) (exact x − k, reciprocals in double-double), and on [1, 2) Boost's root-factored form
    /// (x − x₀)(Y + R(x − 1)) with x₀ = 1.4616321449683623… carried in three parts, so ψ keeps its relative
    /// accuracy through the root. 0 &lt; x &lt; 1: ψ(x) = ψ(1 + x) − 1/x with ψ(1 + x) from the same form at
    /// offset x (1 + x is never rounded). −40 &lt; x &lt; −1: ψ(x) = ψ(b) − Σ_{k&lt;n} 1/(x + k) with b = x + n in
    /// (1, 2), exact x + k and a double-double sum. Otherwise for x &lt; 0: ψ(x) = ψ(1 − x) − π·cot(πx) with an
    /// exactly reduced cot, ψ(1 − x) = ψ(1 + t) at t = −x on (−1, 0) and ψ(−x) − 1/x below −40.
    /// Convention: NaN at every non-positive integer (±0 included), where the one-sided limits are ∓∞ and
    /// differ; ψ(+∞) = +∞, ψ(−∞) = NaN. ψ(1) = −γ. Measured ≤ 2.3 ulps for x &gt; 0 (also at the root, where the
    /// value is 1e−16), ≤ 2.2 ulps for −40 &lt; x &lt; 0 where |ψ| ≥ ⅛; next to the negative roots (x ≈ −0.5040,
    /// −1.5734, −2.6107, …) the error is a few 2⁻⁵⁶ absolute, so relative error grows as ψ → 0 there. Below −40
    /// the reflection subtracts two terms of size ln|x|: a few ε·ln|x| absolute (19 ulps of ψ = 0.11 at −40.76).
    /// </remarks>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (x > 0)
        {
            return DigammaPositive(x);
        }

        if (x == Math.Floor(x))
        {
            return double.NaN; // 0 or a negative integer: a pole with limits −∞ and +∞ on its two sides
        }

        if (x < -1 && x > -40)
        {
            // ψ(x) = ψ(b) − Σ_{k=0}^{n−1} 1/(x + k), b = x + n in (1, 2): exact x + k, double-double sum
            int n = (int)(1 - Math.Floor(x));
            double hi = 0;
            double lo = 0;
            for (int k = 0; k < n; k++)
            {
                double s = x + k;
                double inv = 1 / s;
                AddDoubleDouble(ref hi, ref lo, inv);
                lo += Math.FusedMultiplyAdd(-s, inv, 1) / s;
            }

            return DigammaOnePlus(x + n - 1) - hi - lo;
        }

        // ψ(1 − x) − ψ(x) = π·cot(πx), with ψ(1 − x) = ψ(1 + t) at t = −x on (−1, 0) and ψ(−x) − 1/x below −40
        double oneMinusX = x > -1 ? DigammaOnePlus(-x) : DigammaPositive(-x) - (1 / x);
        return oneMinusX - PiCotPi(x);
    }

    /// <summary>The trigamma function ψ′(x) = Σₖ 1/(x + k)².</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ψ′(x).</returns>
    /// <remarks>
    /// x ≥ 20: ψ′(x) = 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹ (eight terms). 0 &lt; x &lt; 20: ψ′(x) = Σ_{k&lt;n} 1/(x + k)² +
    /// ψ′(x + n) with every term (including the rounding of x + k) in double-double. −40 &lt; x &lt; 0: the same
    /// all-positive sum down from x, Σ_{k&lt;n} 1/(x + k)² + ψ′(x + n) with x + n in (0, 1]. Below −40 the reflection
    /// ψ′(x) = π²/sin²(πx) − ψ′(1 − x) with an exactly reduced sin πx and π/sin πx squared in double-double.
    /// Poles (0 and the negative integers, ±0 included) give +∞, the limit from both sides; ψ′(+∞) = 0,
    /// ψ′(−∞) = NaN. ψ′(1) = π²/6. Measured ≤ 1 ulp for x &gt; 0, ≤ 1.2 ulps on (−40, 0), ≤ 2.7 below −40.
    /// </remarks>
    public static double Trigamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (x > 0)
        {
            if (x < 1e-150)
            {
                double inv = 1 / x;
                return inv * inv; // ψ′(x) = 1/x² + π²/6 − …, and π²/6 is below an ulp of 1/x² > 1e300
            }

            return double.IsPositiveInfinity(x) ? 0.0 : TrigammaPositive(x);
        }

        if (x == Math.Floor(x))
        {
            return double.PositiveInfinity;
        }

        if (x > -40)
        {
            // ψ′(x) = Σ_{k=0}^{n−1} 1/(x + k)² + ψ′(x + n), x + n in (0, 1]: all terms positive; x + k is
            // exact for |x| ≥ 1, and on (−1, 0) the only sum is x + 1, whose rounding ψ′(x + 1) ≤ π²/6 barely feels
            int n = (int)(-Math.Floor(x));
            double hi = 0;
            double lo = 0;
            for (int k = 0; k < n; k++)
            {
                double t = x + k;
                double inv = 1 / t;
                double invLo = Math.FusedMultiplyAdd(-t, inv, 1) / t;
                double square = inv * inv;
                AddDoubleDouble(ref hi, ref lo, square);
                lo += Math.FusedMultiplyAdd(inv, inv, -square) + (2 * inv * invLo);
            }

            return hi + (lo + TrigammaPositive(x + n));
        }

        // ψ′(1 − x) + ψ′(x) = π²/sin²(πx), with c = π/sin(πx) and c² in double-double; ψ′(1 − x) ≤ π²/6
        // weighs little against π²/sin² ≥ π², so the rounding of 1 − x does not matter
        double s = SinPiPrecise(x);
        double c = Math.PI / s;
        double cLo = (Math.FusedMultiplyAdd(-c, s, Math.PI) + PiLo) / s;
        double sq = c * c;
        double sqLo = Math.FusedMultiplyAdd(c, c, -sq) + (2 * c * cLo);
        return sq + (sqLo - TrigammaPositive(1 - x));
    }

    /// <summary>ψ(x) for x &gt; 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ψ(x).</returns>
    private static double DigammaPositive(double x)
    {
        if (x >= 10)
        {
            return DigammaAsymptotic(x);
        }

        if (x < 1)
        {
            // ψ(x) = ψ(1 + x) − 1/x, with 1/x as hi + lo (and −∞ once 1/x overflows)
            double inv = 1 / x;
            if (double.IsInfinity(inv))
            {
                return double.NegativeInfinity;
            }

            double invLo = Math.FusedMultiplyAdd(-x, inv, 1) / x;
            return (DigammaOnePlus(x) - inv) - invLo;
        }

        // ψ(x) = ψ(x − n) + Σ_{k=1}^{n} 1/(x − k): x − k is exact, the smallest terms are added first
        double hi = 0;
        double lo = 0;
        while (x >= 2)
        {
            x -= 1;
            double inv = 1 / x;
            double invLo = Math.FusedMultiplyAdd(-x, inv, 1) / x;
            AddDoubleDouble(ref hi, ref lo, inv);
            lo += invLo;
        }

        return hi + (lo + DigammaOnePlus(x - 1));
    }

    /// <summary>ψ(1 + t) for 0 ≤ t &lt; 1, Boost's root-factored rational form, without rounding 1 + t.</summary>
    /// <param name="t">The offset.</param>
    /// <returns>ψ(1 + t).</returns>
    private static double DigammaOnePlus(double t)
    {
        // g = (1 + t) − x₀ = t − (Root1 − 1) − Root2 − Root3; Root1 − 1 is exact
        double g = t - (Root1 - 1);
        g -= Root2;
        g -= Root3;
        double p = Dp0 + (t * (Dp1 + (t * (Dp2 + (t * (Dp3 + (t * (Dp4 + (t * Dp5)))))))));
        double q = 1 + (t * (Dq1 + (t * (Dq2 + (t * (Dq3 + (t * (Dq4 + (t * (Dq5 + (t * Dq6)))))))))));
        return (g * DigammaY) + (g * (p / q));
    }

    /// <summary>ψ(x) for x ≥ 10 by the asymptotic series.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ψ(x).</returns>
    private static double DigammaAsymptotic(double x)
    {
        if (x > 1e17)
        {
            return Math.Log(x) - (0.5 / x);
        }

        // Σ B₂ₖ/(2k)·z^k, z = 1/x²: 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12, −3617/8160
        double z = 1 / (x * x);
        double series = z * ((1.0 / 12) + (z * ((-1.0 / 120) + (z * ((1.0 / 252) + (z * ((-1.0 / 240)
            + (z * ((1.0 / 132) + (z * ((-691.0 / 32760) + (z * ((1.0 / 12) + (z * (-3617.0 / 8160)))))))))))))));
        return Math.Log(x) - ((0.5 / x) + series);
    }

    /// <summary>ψ′(x) for x &gt; 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ψ′(x).</returns>
    private static double TrigammaPositive(double x)
    {
        // ψ′(x) = Σ_{k=0}^{n−1} 1/(x + k)² + ψ′(x + n), x + n ≥ 20; the terms are summed smallest first
        int n = x < 20 ? (int)Math.Ceiling(20 - x) : 0;
        double hi = 0;
        double lo = 0;
        for (int k = n - 1; k >= 0; k--)
        {
            // s + e = x + k exactly; 1/(s + e) ≈ inv + invLo − e·inv²
            double s = x + k;
            double e = k > x ? x - (s - k) : k - (s - x);
            double inv = 1 / s;
            double u = (Math.FusedMultiplyAdd(-s, inv, 1) / s) - (e * inv * inv);
            double sq = inv * inv;
            double sqLo = Math.FusedMultiplyAdd(inv, inv, -sq) + (2 * inv * u);
            AddDoubleDouble(ref hi, ref lo, sq);
            lo += sqLo;
        }

        double y = x + n;
        double yLo = n == 0 ? 0 : (n > x ? x - (y - n) : n - (y - x));
        return hi + (lo + TrigammaAsymptotic(y, yLo));
    }

    /// <summary>ψ′(y + yLo) for y ≥ 20 by the asymptotic series.</summary>
    /// <param name="y">The argument.</param>
    /// <param name="yLo">The rounding error of <paramref name="y"/> (ψ′ changes by ψ″·yLo ≈ −yLo/y²).</param>
    /// <returns>ψ′(y + yLo).</returns>
    private static double TrigammaAsymptotic(double y, double yLo)
    {
        double inv = 1 / y;
        double invLo = Math.FusedMultiplyAdd(-y, inv, 1) / y;
        if (y > 1e17)
        {
            return inv + (invLo + (0.5 * inv * inv));
        }

        // 1/(2y²) + (1/y³)·Σ B₂ₖ·z^(k−1), z = 1/y²: 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730, 7/6, −3617/510
        double z = inv * inv;
        double series = (1.0 / 6) + (z * ((-1.0 / 30) + (z * ((1.0 / 42) + (z * ((-1.0 / 30) + (z * ((5.0 / 66)
            + (z * ((-691.0 / 2730) + (z * ((7.0 / 6) + (z * (-3617.0 / 510))))))))))))));
        double rest = (0.5 * z) + (z * inv * series) - (yLo * z);
        return inv + (invLo + rest);
    }
}
