namespace DualAutodiff;

/// <summary>
/// Special functions in plain <see cref="double"/>, each accurate to a few ulps over its whole domain, tails
/// included, with IEEE behaviour at the edges: NaN in gives NaN out, and ±∞, ±0 and poles are decided per function.
/// </summary>
/// <remarks>
/// The error function family is a port of the fdlibm/FreeBSD msun <c>s_erf.c</c> algorithm, log-gamma of its
/// <c>e_lgamma_r.c</c>, the inverse normal of Wichura's AS241 (PPND16), the digamma kernel on [1, 2] of Boost's
/// root-factored rational approximation. Coefficients are the published ones; the code is ours.
/// Each function states its measured worst error in its remarks (in ulps, measured against 50-digit references).
/// This file holds the small functions of the logistic family and the helpers the other files share.
/// </remarks>
internal static partial class SpecialMath
{
    /// <summary>1/√2 rounded to double.</summary>
    private const double InvSqrt2 = 0.7071067811865476;

    /// <summary>1/√2 − <see cref="InvSqrt2"/>, so that 1/√2 = InvSqrt2 + InvSqrt2Lo to about 2⁻¹⁰⁶.</summary>
    private const double InvSqrt2Lo = -4.833646656726457e-17;

    /// <summary>2/√π rounded to double.</summary>
    private const double TwoOverSqrtPi = 1.1283791670955126;

    /// <summary>1/√(2π) rounded to double.</summary>
    private const double InvSqrt2Pi = 0.3989422804014327;

    /// <summary>The tail of π: π = Math.PI + PiLo to about 2⁻¹⁰⁶.</summary>
    private const double PiLo = 1.2246467991473532e-16;

    /// <summary>Softplus: softplus(x) = log(1 + eˣ), without overflow and accurate in both tails.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log(1 + eˣ).</returns>
    /// <remarks>
    /// For x &gt; 0 it is x + log1p(e⁻ˣ) (exactly x once e⁻ˣ is below half an ulp of x), otherwise log1p(eˣ), which
    /// is eˣ in the far left tail: softplus(−745) is the subnormal e⁻⁷⁴⁵, softplus(−1000) underflows to 0.
    /// softplus(+∞) = +∞, softplus(−∞) = 0. Measured ≤ 1.4 ulps.
    /// </remarks>
    public static double Softplus(double x) => x > 0 ? x + Log1p(Math.Exp(-x)) : Log1p(Math.Exp(x));

    /// <summary>The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1].</returns>
    /// <remarks>
    /// For x &lt; 0 it is eˣ/(1 + eˣ), so the left tail keeps its relative accuracy instead of rounding 1 + e⁻ˣ.
    /// σ(+∞) = 1, σ(−∞) = 0. Measured ≤ 2 ulps.
    /// </remarks>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }

        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>The logit, logit(p) = log(p/(1 − p)), the inverse of <see cref="Sigmoid"/>.</summary>
    /// <param name="p">A probability in [0, 1].</param>
    /// <returns>logit(p); −∞ at 0, +∞ at 1, NaN outside [0, 1].</returns>
    /// <remarks>
    /// Near ½ the quotient form cancels, so there it is 2·atanh(2p − 1), where 2p − 1 is exact.
    /// Elsewhere one rounding of p/(1 − p) costs at most half an ulp of a logit of magnitude ≥ ln 3. Measured ≤ 2 ulps.
    /// </remarks>
    public static double Logit(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            return double.NaN;
        }

        return p < 0.25 || p > 0.75 ? Math.Log(p / (1 - p)) : 2 * Math.Atanh((2 * p) - 1);
    }

    /// <summary>x·log y, defined as 0 when x = 0 (as <c>scipy.special.xlogy</c>).</summary>
    /// <param name="x">The factor.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>x·log y; 0 when x = 0 and y is not NaN; NaN when either is NaN.</returns>
    /// <remarks>The convention 0·log 0 = 0 (also for y = +∞ and y &lt; 0) is the entropy convention.</remarks>
    public static double Xlogy(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        return x == 0 ? 0.0 : x * Math.Log(y);
    }

    /// <summary>log Σ exp(xᵢ), without overflow: m + log1p(Σ_{i≠k} exp(xᵢ − m)) with m = x_k the maximum.</summary>
    /// <param name="x">The values.</param>
    /// <returns>log Σ exp(xᵢ); −∞ for an empty span or all −∞; +∞ if any is +∞; NaN if any is NaN.</returns>
    /// <remarks>
    /// The largest term contributes exactly 1 and is left out of the sum, so log1p keeps the accuracy when the
    /// others are small: LogSumExp([1000, 1000]) = 1000 + ln 2.
    /// </remarks>
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        int top = -1;
        double max = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]))
            {
                return double.NaN;
            }

            if (top < 0 || x[i] > max)
            {
                top = i;
                max = x[i];
            }
        }

        if (double.IsInfinity(max))
        {
            return max; // empty or all −∞ gives −∞; any +∞ gives +∞
        }

        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (i != top)
            {
                sum += Math.Exp(x[i] - max);
            }
        }

        return max + Log1p(sum);
    }

    /// <summary>log(1 + x), accurate for small x.</summary>
    /// <param name="x">The argument, ≥ −1.</param>
    /// <returns>log(1 + x).</returns>
    /// <remarks>
    /// <c>double.LogP1</c> is not used: it may be computed as log(x + 1), which loses x below ε.
    /// With u = fl(1 + x) the rounding error c = (u − 1) − x is exact, and log(1 + x) = log(u − c) ≈ log u − c/u.
    /// </remarks>
    internal static double Log1p(double x)
    {
        double u = 1 + x;
        if (u == 1)
        {
            return x; // |x| < ε/2: log1p(x) = x to double precision (keeps the sign of ±0)
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        return Math.Log(u) - (((u - 1) - x) / u);
    }

    /// <summary>sin(πx) for finite x to about half an ulp (within the accuracy of <see cref="Math.Sin"/>).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>sin(πx); ±0 at the integers.</returns>
    /// <remarks>
    /// x = n + r with n the nearest integer and |r| ≤ ½ (both exact); πr = h + l in double-double and
    /// sin(πx) = (−1)ⁿ(sin h + l·cos h). <c>double.SinPi</c> measures about 1 ulp, which squared or divided into
    /// a reflection formula doubles; this halves it.
    /// </remarks>
    internal static double SinPiPrecise(double x)
    {
        double n = Math.Round(x);
        double r = x - n;
        double h = Math.PI * r;
        double l = Math.FusedMultiplyAdd(Math.PI, r, -h) + (PiLo * r);
        double s = Math.Sin(h) + (l * Math.Cos(h));
        return IsOdd(n) ? -s : s;
    }

    /// <summary>π·cot(πx) for finite non-integer x, from the exact reduction of <see cref="SinPiPrecise"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>π·cos(πx)/sin(πx).</returns>
    /// <remarks>cot has period 1, so only r = x − round(x) matters: π·cos(πr)/sin(πr).</remarks>
    private static double PiCotPi(double x)
    {
        double r = x - Math.Round(x);
        double h = Math.PI * r;
        double l = Math.FusedMultiplyAdd(Math.PI, r, -h) + (PiLo * r);
        double sin = Math.Sin(h);
        double cos = Math.Cos(h);
        return Math.PI * ((cos - (l * sin)) / (sin + (l * cos)));
    }

    /// <summary>Whether an integer-valued double is odd.</summary>
    /// <param name="n">An integer value; every double of magnitude ≥ 2⁵³ is even.</param>
    /// <returns>True for odd n.</returns>
    private static bool IsOdd(double n) => Math.Abs(n) < 9007199254740992.0 && (((long)n) & 1) != 0;

    /// <summary>The high 32 bits of the representation of <paramref name="x"/>, as fdlibm's GET_HIGH_WORD.</summary>
    /// <param name="x">The value.</param>
    /// <returns>Sign, exponent and the top 20 bits of the significand.</returns>
    private static int HighWord(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);

    /// <summary><paramref name="x"/> with the low 32 bits of its significand cleared (fdlibm's SET_LOW_WORD(x, 0)).</summary>
    /// <param name="x">The value.</param>
    /// <returns>x truncated to 21 significant bits, so that its square is exact.</returns>
    private static double ClearLowWord(double x) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFF00000000UL));

    /// <summary>(hi + lo) ← (hi + lo) + b, adding the exact rounding error of hi + b (Knuth's two-sum) to lo.</summary>
    /// <param name="hi">The leading part.</param>
    /// <param name="lo">The accumulated trailing part.</param>
    /// <param name="b">The addend.</param>
    private static void AddDoubleDouble(ref double hi, ref double lo, double b)
    {
        double s = hi + b;
        double bb = s - hi;
        lo += (hi - (s - bb)) + (b - bb);
        hi = s;
    }

    /// <summary>(hi + lo) ← (hi + lo)·f in double-double arithmetic (relative error about 2⁻¹⁰⁴ per step).</summary>
    /// <param name="hi">The leading part.</param>
    /// <param name="lo">The trailing part, |lo| ≤ ulp(hi)/2.</param>
    /// <param name="f">The factor.</param>
    private static void MultiplyDoubleDouble(ref double hi, ref double lo, double f)
    {
        double p = hi * f;
        double e = Math.FusedMultiplyAdd(hi, f, -p) + (lo * f);
        hi = p + e;
        lo = e - (hi - p);
    }
}
