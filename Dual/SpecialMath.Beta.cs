namespace DualAutodiff;

/// <content>The log-beta function.</content>
internal static partial class SpecialMath
{
    /// <summary>ln √(2π).</summary>
    private const double LnSqrt2Pi = 0.9189385332046728;

    /// <summary>The logarithm of the beta function, ln B(a, b) = lgamma(a) + lgamma(b) − lgamma(a + b), for a, b ≥ 0.</summary>
    /// <param name="a">The first argument.</param>
    /// <param name="b">The second argument.</param>
    /// <returns>ln B(a, b); +∞ if either is 0; −∞ if one is +∞ (and the other positive); NaN if either is negative or NaN.</returns>
    /// <remarks>
    /// The plain difference of lgammas cancels when an argument is large (ln B(1e10, 1.5) ≈ −34.66 from terms of
    /// order 2e11), so, as R's <c>lbeta</c>, with p = min, q = max: for p ≥ 10 the Stirling parts are combined
    /// analytically, ln B = −½ln q + ln√(2π) + Δ(p) + Δ(q) − Δ(p + q) + (p − ½)ln(p/(p + q)) + q·log1p(−p/(p + q)),
    /// with Δ the Stirling remainder; for q ≥ 10 &gt; p, ln B = lgamma(p) + Δ(q) − Δ(p + q) + p − p·ln(p + q)
    /// + (q − ½)log1p(−p/(p + q)); both below 10, ln(Γ(p)·Γ(q)/Γ(p + q)) less ψ(p + q)·(rounding of p + q).
    /// Measured ≤ 3.3 ulps where |ln B| ≥ ½; below, ln B is a difference of O(1) terms and the error is ≤ 2ε absolute
    /// (B(1, 1) = 1 gives exactly 0).
    /// </remarks>
    public static double LogBeta(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return double.NaN;
        }

        double p = Math.Min(a, b);
        double q = Math.Max(a, b);
        if (p < 0)
        {
            return double.NaN;
        }

        if (p == 0)
        {
            return double.PositiveInfinity;
        }

        if (double.IsPositiveInfinity(q))
        {
            return double.NegativeInfinity;
        }

        // p + q rounds; sumLo is its exact error (two-sum, p ≤ q), corrected for below to first order
        double sum = p + q;
        double sumLo = p - (sum - q);
        if (p >= 10)
        {
            double correction = StirlingRemainder(p) + StirlingRemainder(q) - StirlingRemainder(sum);
            double ratio = p / sum;
            // with the rounding of p + q the two logarithms shift by −(p − ½)δ and +pδ, δ = sumLo/sum: ½δ in all
            double half = 0.5 * sumLo / sum;
            return (-0.5 * Math.Log(q)) + LnSqrt2Pi + correction + ((p - 0.5) * Math.Log(ratio)) + (q * Log1p(-ratio)) + half;
        }

        if (q >= 10)
        {
            double correction = StirlingRemainder(q) - StirlingRemainder(sum);
            double logSum = Math.Log(sum) + (sumLo / sum);
            return LogGamma(p) + correction + p - (p * logSum) + ((q - 0.5) * Log1p(-p / sum));
        }

        if (p < 1e-306)
        {
            return LogGamma(p) + (LogGamma(q) - LogGamma(sum)); // Γ(p) would overflow
        }

        // ln Γ(sum + sumLo) = ln Γ(sum) + ψ(sum)·sumLo
        double shift = sumLo == 0 ? 0 : Digamma(sum) * sumLo;
        return Math.Log(Gamma(p) * (Gamma(q) / Gamma(sum))) - shift;
    }

    /// <summary>The Stirling remainder Δ(x) = lgamma(x) − ((x − ½)ln x − x + ln√(2π)) for x ≥ 10.</summary>
    /// <param name="x">The argument, at least 10.</param>
    /// <returns>Δ(x) = Σ B₂ₖ/(2k(2k − 1)x²ᵏ⁻¹), ten terms (truncation below 2e−19 at x = 10).</returns>
    private static double StirlingRemainder(double x)
    {
        if (x > 1e17)
        {
            return 1 / (12 * x);
        }

        // 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156, −3617/122400, 43867/244188, −174611/125400
        double z = 1 / (x * x);
        double series = (1.0 / 12) + (z * ((-1.0 / 360) + (z * ((1.0 / 1260) + (z * ((-1.0 / 1680) + (z * ((1.0 / 1188)
            + (z * ((-691.0 / 360360) + (z * ((1.0 / 156) + (z * ((-3617.0 / 122400) + (z * ((43867.0 / 244188)
            + (z * (-174611.0 / 125400))))))))))))))))));
        return series / x;
    }
}
