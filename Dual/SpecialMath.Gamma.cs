namespace DualAutodiff;

/// <content>Log-gamma (fdlibm <c>e_lgamma_r.c</c>) and gamma.</content>
internal static partial class SpecialMath
{
    // lgamma(2 − y) = a-series on [1.7316, 2] (and lgamma(1 + x) for x in [0.7316, 0.9]), y = 2 − x.
    private const double La0 = 7.72156649015328655494e-02;
    private const double La1 = 3.22467033424113591611e-01;
    private const double La2 = 6.73523010531292681824e-02;
    private const double La3 = 2.05808084325167332806e-02;
    private const double La4 = 7.38555086081402883957e-03;
    private const double La5 = 2.89051383673415629091e-03;
    private const double La6 = 1.19270763183362067845e-03;
    private const double La7 = 5.10069792153511336608e-04;
    private const double La8 = 2.20862790713908385557e-04;
    private const double La9 = 1.08011567247583939954e-04;
    private const double La10 = 2.52144565451257326939e-05;
    private const double La11 = 4.48640949618915160150e-05;

    // Around the minimum tc = 1.4616…: lgamma(tc + y) = tf + y²·T(y), tt = −(tail of tf).
    private const double Tc = 1.46163214496836224576e+00;
    private const double Tf = -1.21486290535849611461e-01;
    private const double Tt = -3.63867699703950536541e-18;
    private const double Lt0 = 4.83836122723810047042e-01;
    private const double Lt1 = -1.47587722994593911752e-01;
    private const double Lt2 = 6.46249402391333854778e-02;
    private const double Lt3 = -3.27885410759859649565e-02;
    private const double Lt4 = 1.79706750811820387126e-02;
    private const double Lt5 = -1.03142241298341437450e-02;
    private const double Lt6 = 6.10053870246291332635e-03;
    private const double Lt7 = -3.68452016781138256760e-03;
    private const double Lt8 = 2.25964780900612472250e-03;
    private const double Lt9 = -1.40346469989232843813e-03;
    private const double Lt10 = 8.81081882437654011382e-04;
    private const double Lt11 = -5.38595305356740546715e-04;
    private const double Lt12 = 3.15632070903625950361e-04;
    private const double Lt13 = -3.12754168375120860518e-04;
    private const double Lt14 = 3.35529192635519073543e-04;

    // lgamma(1 + y) = −y/2 + U(y)/V(y) on [−0.2316, 0.2316].
    private const double Lu0 = -7.72156649015328655494e-02;
    private const double Lu1 = 6.32827064025093366517e-01;
    private const double Lu2 = 1.45492250137234768737e+00;
    private const double Lu3 = 9.77717527963372745603e-01;
    private const double Lu4 = 2.28963728064692451092e-01;
    private const double Lu5 = 1.33810918536787660377e-02;
    private const double Lv1 = 2.45597793713041134822e+00;
    private const double Lv2 = 2.12848976379893395361e+00;
    private const double Lv3 = 7.69285150456672783825e-01;
    private const double Lv4 = 1.04222645593369134254e-01;
    private const double Lv5 = 3.21709242282423911810e-03;

    // lgamma(2 + s) = s/2 + s·P(s)/Q(s) on [0, 1].
    private const double Ls0 = -7.72156649015328655494e-02;
    private const double Ls1 = 2.14982415960608852501e-01;
    private const double Ls2 = 3.25778796408930981787e-01;
    private const double Ls3 = 1.46350472652464452805e-01;
    private const double Ls4 = 2.66422703033638609560e-02;
    private const double Ls5 = 1.84028451407337715652e-03;
    private const double Ls6 = 3.19475326584100867617e-05;
    private const double Lr1 = 1.39200533467621045958e+00;
    private const double Lr2 = 7.21935547567138069525e-01;
    private const double Lr3 = 1.71933865632803078993e-01;
    private const double Lr4 = 1.86459191715652901344e-02;
    private const double Lr5 = 7.77942496381893596434e-04;
    private const double Lr6 = 7.32668430744625636189e-06;

    // x ≥ 8: lgamma(x) = (x − ½)(log x − 1) + W(1/x).
    private const double Lw0 = 4.18938533204672725052e-01;
    private const double Lw1 = 8.33333333333329678849e-02;
    private const double Lw2 = -2.77777777728775536470e-03;
    private const double Lw3 = 7.93650558643019558500e-04;
    private const double Lw4 = -5.95187557450339963135e-04;
    private const double Lw5 = 8.36339918996282139126e-04;
    private const double Lw6 = -1.63092934096575273989e-03;

    /// <summary>2⁻⁵⁰⁰, the step by which the negative-argument product is rescaled.</summary>
    private const double TwoToMinus500 = 3.054936363499605e-151;

    /// <summary>The logarithm of the absolute value of the gamma function, ln|Γ(x)|.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln|Γ(x)|.</returns>
    /// <remarks><inheritdoc cref="LogGamma(double, out int)" path="/remarks"/></remarks>
    public static double LogGamma(double x) => LogGamma(x, out _);

    /// <summary>The logarithm of the absolute value of the gamma function, ln|Γ(x)|, and the sign of Γ(x).</summary>
    /// <param name="x">The argument.</param>
    /// <param name="sign">The sign of Γ(x): +1 or −1 (−1 for x = −0 and on the negative intervals where Γ &lt; 0).</param>
    /// <returns>ln|Γ(x)|.</returns>
    /// <remarks>
    /// fdlibm's ranges: exact zeros at 1 and 2 and polynomials around them and around the minimum 1.4616…, a
    /// rational form on [2, 3] with lgamma(x + 1) = lgamma(x) + log x up to 8, Stirling beyond. For −170 &lt; x &lt; −1,
    /// ln|Γ(x)| = ln Γ(b) − ln|∏_{k&lt;n}(x + k)| with b = x + n in (1, 2), exact factors and a double-double
    /// product, so next to the zeros of ln|Γ| (x ≈ −2.457, −2.747, −3.144, …) only terms of size ≤ 0.12 are left;
    /// elsewhere the reflection ln|Γ(x)| = ln(π/|x·sin πx|) − ln Γ(−x) with an exactly reduced sin πx. Poles (0 and
    /// the negative integers) give +∞, as does ±∞; lgamma(1e−8) = 18.420680738180209. Measured ≤ 1.9 ulps for
    /// x &gt; 0 and ≤ 1.8 ulps for x &lt; 0 where |ln|Γ|| ≥ ⅛; right at the negative zeros the error is about 2⁻⁵⁶
    /// absolute (34 ulps of a result of 0.0038 at x = −2.4545).
    /// </remarks>
    public static double LogGamma(double x, out int sign)
    {
        sign = 1;
        if (double.IsNaN(x))
        {
            return x;
        }

        if (double.IsInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x == 0)
        {
            sign = double.IsNegative(x) ? -1 : 1;
            return double.PositiveInfinity;
        }

        double ax = Math.Abs(x);
        if (ax < 8.470329472543003e-22)
        {
            // |x| < 2⁻⁷⁰: lgamma(x) = −log|x| − γx, and γx is below half an ulp
            sign = x < 0 ? -1 : 1;
            return -Math.Log(ax);
        }

        if (x > 0)
        {
            return LogGammaPositive(x);
        }

        if (x == Math.Floor(x))
        {
            return double.PositiveInfinity; // a negative integer (every |x| ≥ 2⁵²), a pole
        }

        if (x < -1 && x > -170)
        {
            // ln|Γ(x)| = ln Γ(b) − ln|∏_{k=0}^{n−1}(x + k)|, b = x + n in (1, 2): the factors are exact and the
            // product is double-double, so near the zeros of ln|Γ| (x ≈ −2.457, …) only small terms are left
            int n = (int)(1 - Math.Floor(x));
            double hi = 1;
            double lo = 0;
            for (int k = 0; k < n; k++)
            {
                MultiplyDoubleDouble(ref hi, ref lo, x + k);
            }

            sign = hi < 0 ? -1 : 1;
            return LogGammaPositive(x + n) - (Math.Log(Math.Abs(hi)) + (lo / hi));
        }

        // Γ(x)·Γ(−x) = −π/(x·sin πx), Γ(−x) > 0: sign Γ(x) = sign sin πx
        double t = SinPiPrecise(x);
        sign = t < 0 ? -1 : 1;
        return Math.Log(Math.PI / Math.Abs(t * x)) - LogGammaPositive(ax);
    }

    /// <summary>The gamma function Γ(x).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Γ(x).</returns>
    /// <remarks>
    /// Not exp(lgamma x), whose error grows like |lgamma x|·ε. For x ≥ 2, Γ(x) = Γ(b)·∏(x − k) with b in [1, 2):
    /// the factors x − k are exact and their product is kept in double-double, and Γ(b) = exp(lgamma b) with
    /// |lgamma b| ≤ 0.122, so Γ(n) = (n − 1)! exactly while it is representable. Below 0.9, Γ(x) = Γ(1 + x)/x with
    /// Γ(1 + x) from lgamma(1 + x) evaluated without forming 1 + x. For x &lt; 0: on (−1, 0)
    /// Γ(x) = π/(sin πx·Γ(1 − x)), below −1 the recurrence Γ(x) = Γ(x + n)/∏(x + k) (exact factors again),
    /// with scaling so that the subnormal results near −180 round once. Γ(±0) = ±∞, Γ at a negative integer or −∞
    /// is NaN, Γ(x) = +∞ beyond 171.6243769563027. Measured ≤ 1 ulp for x &gt; 0 and ≤ 2.5 ulps for x &lt; 0 (the worst on (−1, −0.9)).
    /// </remarks>
    public static double Gamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return 1 / x; // ±∞ by the sign of zero
        }

        if (x > 0)
        {
            return GammaPositive(x);
        }

        double m = Math.Floor(x);
        if (m == x)
        {
            return double.NaN; // a negative integer: the limits from both sides differ
        }

        if (x > -1)
        {
            return Math.PI / (SinPiPrecise(x) * GammaOnePlus(-x));
        }

        bool negative = (((long)m) & 1) != 0; // Γ < 0 on (m, m + 1) for odd m
        if (x < -200)
        {
            return negative ? -0.0 : 0.0; // |Γ(x)| < 1/|x|! underflows below about −184
        }

        // Γ(x) = Γ(b)/∏_{k=0}^{n−1}(x + k), b = x + n in (1, 2); x + k is exact for |x| ≥ 1
        int n = (int)(1 - m);
        double b = x + n;
        double hi = 1;
        double lo = 0;
        int scale = 0;
        for (int k = 0; k < n; k++)
        {
            MultiplyDoubleDouble(ref hi, ref lo, x + k);
            if (Math.Abs(hi) > 1e150)
            {
                hi *= TwoToMinus500;
                lo *= TwoToMinus500;
                scale += 500;
            }
        }

        double q = Math.Exp(LogGammaPositive(b)) / hi;
        q -= q * (lo / hi);
        return Math.ScaleB(q, -scale);
    }

    /// <summary>Γ(x) for x &gt; 0.</summary>
    /// <param name="x">The argument, positive and not NaN.</param>
    /// <returns>Γ(x).</returns>
    private static double GammaPositive(double x)
    {
        if (x > 172)
        {
            return double.PositiveInfinity;
        }

        if (HighWord(x) <= 0x3feccccc)
        {
            return Math.Exp(LogGammaOnePlusSmall(x)) / x; // x ≤ 0.9: Γ(x) = Γ(1 + x)/x
        }

        if (x < 2)
        {
            return Math.Exp(LogGammaPositive(x)); // |lgamma| ≤ 0.122 on [0.9, 2]
        }

        // Γ(x) = Γ(b)·∏_{k=1}^{n}(x − k), b = x − n in [1, 2); the product is scaled by 2⁻⁶⁴ so it cannot overflow
        int n = (int)x - 1;
        double hi = 5.421010862427522e-20; // 2⁻⁶⁴
        double lo = 0;
        for (int k = 1; k <= n; k++)
        {
            MultiplyDoubleDouble(ref hi, ref lo, x - k);
        }

        double g = Math.Exp(LogGammaPositive(x - n));
        return Math.ScaleB(Math.FusedMultiplyAdd(g, hi, g * lo), 64);
    }

    /// <summary>Γ(1 + t) for 0 &lt; t &lt; 1, without rounding 1 + t.</summary>
    /// <param name="t">The offset.</param>
    /// <returns>Γ(1 + t) in [0.885, 1].</returns>
    private static double GammaOnePlus(double t) =>
        HighWord(t) <= 0x3feccccc ? Math.Exp(LogGammaOnePlusSmall(t)) : t * Math.Exp(LogGammaPositive(t));

    /// <summary>ln Γ(x) for finite x ≥ 2⁻⁷⁰ (fdlibm's positive branch).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln Γ(x).</returns>
    private static double LogGammaPositive(double x)
    {
        if (x == 1 || x == 2)
        {
            return 0;
        }

        int ix = HighWord(x);
        if (ix < 0x40000000)
        {
            // x < 2
            if (ix <= 0x3feccccc)
            {
                return -Math.Log(x) + LogGammaOnePlusSmall(x); // lgamma(x) = lgamma(1 + x) − log x
            }

            if (ix >= 0x3FFBB4C3)
            {
                return LogGammaKernelA(2 - x); // [1.7316, 2]
            }

            return ix >= 0x3FF3B4C4 ? LogGammaKernelT(x - Tc) : LogGammaKernelU(x - 1);
        }

        if (ix < 0x40200000)
        {
            // 2 ≤ x < 8: lgamma(2 + y + j) = lgamma(2 + y) + log((y + 2)(y + 3)…(y + j + 1))
            int i = (int)x;
            double y = x - i;
            double p = y * (Ls0 + (y * (Ls1 + (y * (Ls2 + (y * (Ls3 + (y * (Ls4 + (y * (Ls5 + (y * Ls6))))))))))));
            double q = 1 + (y * (Lr1 + (y * (Lr2 + (y * (Lr3 + (y * (Lr4 + (y * (Lr5 + (y * Lr6)))))))))));
            double r = (0.5 * y) + (p / q);
            double z = 1;
            for (int k = i - 1; k >= 2; k--)
            {
                z *= y + k;
            }

            return i >= 3 ? r + Math.Log(z) : r;
        }

        if (ix < 0x43900000)
        {
            // 8 ≤ x < 2⁵⁸
            double t = Math.Log(x);
            double z = 1 / x;
            double y = z * z;
            double w = Lw0 + (z * (Lw1 + (y * (Lw2 + (y * (Lw3 + (y * (Lw4 + (y * (Lw5 + (y * Lw6)))))))))));
            return ((x - 0.5) * (t - 1)) + w;
        }

        return x * (Math.Log(x) - 1);
    }

    /// <summary>lgamma(1 + x) for 0 &lt; x ≤ 0.9, evaluated without forming 1 + x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>lgamma(1 + x) in [−0.1215, 0].</returns>
    private static double LogGammaOnePlusSmall(double x)
    {
        int ix = HighWord(x);
        if (ix >= 0x3FE76944)
        {
            return LogGammaKernelA(1 - x); // 1 + x in [1.7316, 1.9]
        }

        return ix >= 0x3FCDA661 ? LogGammaKernelT(x - (Tc - 1)) : LogGammaKernelU(x);
    }

    /// <summary>lgamma(2 − y) for y in [0, 0.27] (fdlibm case 0).</summary>
    /// <param name="y">2 − x.</param>
    /// <returns>lgamma(2 − y).</returns>
    private static double LogGammaKernelA(double y)
    {
        double z = y * y;
        double p1 = La0 + (z * (La2 + (z * (La4 + (z * (La6 + (z * (La8 + (z * La10)))))))));
        double p2 = z * (La1 + (z * (La3 + (z * (La5 + (z * (La7 + (z * (La9 + (z * La11))))))))));
        return (y * p1) + p2 - (0.5 * y);
    }

    /// <summary>lgamma(tc + y) for y in [−0.23, 0.27] around the minimum tc (fdlibm case 1).</summary>
    /// <param name="y">x − tc.</param>
    /// <returns>lgamma(tc + y).</returns>
    private static double LogGammaKernelT(double y)
    {
        double z = y * y;
        double w = z * y;
        double p1 = Lt0 + (w * (Lt3 + (w * (Lt6 + (w * (Lt9 + (w * Lt12)))))));
        double p2 = Lt1 + (w * (Lt4 + (w * (Lt7 + (w * (Lt10 + (w * Lt13)))))));
        double p3 = Lt2 + (w * (Lt5 + (w * (Lt8 + (w * (Lt11 + (w * Lt14)))))));
        double p = (z * p1) - (Tt - (w * (p2 + (y * p3))));
        return Tf + p;
    }

    /// <summary>lgamma(1 + y) for y in [−0.2316, 0.2316] (fdlibm case 2).</summary>
    /// <param name="y">x − 1.</param>
    /// <returns>lgamma(1 + y).</returns>
    private static double LogGammaKernelU(double y)
    {
        double p1 = y * (Lu0 + (y * (Lu1 + (y * (Lu2 + (y * (Lu3 + (y * (Lu4 + (y * Lu5))))))))));
        double p2 = 1 + (y * (Lv1 + (y * (Lv2 + (y * (Lv3 + (y * (Lv4 + (y * Lv5)))))))));
        return (-0.5 * y) + (p1 / p2);
    }
}
