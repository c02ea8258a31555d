namespace DualAutodiff;

internal static partial class SpecialMath
{
    // (2j)!/B₂ⱼ for j = 1 … 12: the Euler–Maclaurin coefficients of the Hurwitz zeta function (as in Cephes' zeta.c).
    private static readonly double[] s_eulerMaclaurin =
    [
        12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
        -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17,
        -7.1661652561756670113e18,
    ];

    /// <summary>ψ⁽ⁿ⁾(x) = (−1)ⁿ⁺¹·n!·ζ(n + 1, x) for n ≥ 1.</summary>
    /// <remarks>At the poles 0, −1, −2, … the value is +∞ for odd n (both sides go to +∞) and NaN for even n.</remarks>
    public static double Polygamma(int n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x <= 0 && x == Math.Floor(x))
        {
            return n % 2 == 1 ? double.PositiveInfinity : double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        if (double.IsNegativeInfinity(x))
        {
            return double.NaN;
        }

        double factorial = 1;
        for (int k = 2; k <= n; k++)
        {
            factorial *= k;
        }

        double zeta = HurwitzZeta(n + 1, x);
        return (n % 2 == 1 ? factorial : -factorial) * zeta;
    }

    /// <summary>ζ(s, q) = Σₖ (q + k)⁻ˢ for an integer s ≥ 2 and any q that is not a non-positive integer: the terms
    /// summed directly until q + k &gt; 15, then the Euler–Maclaurin tail.</summary>
    private static double HurwitzZeta(int s, double q)
    {
        double sum = Math.Pow(q, -s);
        double a = q;
        double b = 0;
        int i = 0;
        while (i < 9 || a <= 15)
        {
            i++;
            a += 1;
            b = Math.Pow(a, -s);
            sum += b;
            if (Math.Abs(b / sum) < 1e-17)
            {
                return sum;
            }
        }

        double w = a;
        sum += b * w / (s - 1);
        sum -= 0.5 * b;
        double factor = 1;
        double k = 0;
        foreach (double c in s_eulerMaclaurin)
        {
            factor *= s + k;
            b /= w;
            double t = factor * b / c;
            sum += t;
            if (Math.Abs(t / sum) < 1e-17)
            {
                break;
            }

            k += 1;
            factor *= s + k;
            b /= w;
            k += 1;
        }

        return sum;
    }
}
