using System.Numerics;

namespace DualAutodiff.Tests.Hvp.Mgh;

// Problems 1–19 of Moré, Garbow and Hillstrom (1981), fixed dimension, in the paper's notation (i and j from 1).
// f* from the paper (six digits) unless a longer source is named: NIST StRD certifies Meyer (MGH10),
// Kowalik–Osborne (MGH09) and Osborne 1 (MGH17) to eleven digits.

/// <summary>1. Rosenbrock: f₁ = 10(x₂ − x₁²), f₂ = 1 − x₁.</summary>
internal sealed class Rosenbrock() : MghProblem(1, "Rosenbrock", 2, 2)
{
    public override double[] Start => [-1.2, 1];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        f[0] = C<T>(10) * (x[1] - x[0] * x[0]);
        f[1] = T.One - x[0];
    }
}

/// <summary>2. Freudenstein and Roth: f₁ = −13 + x₁ + ((5 − x₂)x₂ − 2)x₂, f₂ = −29 + x₁ + ((x₂ + 1)x₂ − 14)x₂.</summary>
internal sealed class FreudensteinRoth() : MghProblem(2, "Freudenstein and Roth", 2, 2)
{
    public override double[] Start => [0.5, -2];

    // 0 at (5, 4); the local minimum 48.9842… at (11.41…, −0.8968…) is where Newton methods go from x₀
    public override MghMinimum[] Minima => [new(0, 0, "exact"), new(48.984253679240, 1e-8, "paper 48.9842…; 48.98425367924", Local: true)];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        f[0] = C<T>(-13) + x[0] + ((C<T>(5) - x[1]) * x[1] - C<T>(2)) * x[1];
        f[1] = C<T>(-29) + x[0] + ((x[1] + T.One) * x[1] - C<T>(14)) * x[1];
    }
}

/// <summary>3. Powell badly scaled: f₁ = 10⁴x₁x₂ − 1, f₂ = e^(−x₁) + e^(−x₂) − 1.0001.</summary>
internal sealed class PowellBadlyScaled() : MghProblem(3, "Powell badly scaled", 2, 2)
{
    public override double[] Start => [0, 1];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        f[0] = C<T>(1e4) * x[0] * x[1] - T.One;
        f[1] = T.Exp(-x[0]) + T.Exp(-x[1]) - C<T>(1.0001);
    }
}

/// <summary>4. Brown badly scaled: f₁ = x₁ − 10⁶, f₂ = x₂ − 2·10⁻⁶, f₃ = x₁x₂ − 2.</summary>
internal sealed class BrownBadlyScaled() : MghProblem(4, "Brown badly scaled", 2, 3)
{
    public override double[] Start => [1, 1];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        f[0] = x[0] - C<T>(1e6);
        f[1] = x[1] - C<T>(2e-6);
        f[2] = x[0] * x[1] - C<T>(2);
    }
}

/// <summary>5. Beale: fᵢ = yᵢ − x₁(1 − x₂ⁱ), y = (1.5, 2.25, 2.625).</summary>
internal sealed class Beale() : MghProblem(5, "Beale", 2, 3)
{
    private static readonly double[] s_y = [1.5, 2.25, 2.625];

    public override double[] Start => [1, 1];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T power = T.One;
        for (int i = 0; i < 3; i++)
        {
            power *= x[1];
            f[i] = C<T>(s_y[i]) - x[0] * (T.One - power);
        }
    }
}

/// <summary>6. Jennrich and Sampson, m = 10: fᵢ = 2 + 2i − (e^(ix₁) + e^(ix₂)).</summary>
internal sealed class JennrichSampson() : MghProblem(6, "Jennrich and Sampson", 2, 10)
{
    public override double[] Start => [0.3, 0.4];

    public override MghMinimum[] Minima => [new(124.36218235561, 1e-8, "paper 124.362; 124.3621823556 at x₁ = x₂ = 0.25782521")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            f[i - 1] = C<T>(2 + 2 * i) - (T.Exp(C<T>(i) * x[0]) + T.Exp(C<T>(i) * x[1]));
        }
    }
}

/// <summary>7. Helical valley: f₁ = 10(x₃ − 10θ), f₂ = 10(√(x₁² + x₂²) − 1), f₃ = x₃, with
/// 2πθ = arctan(x₂/x₁) (+π when x₁ &lt; 0).</summary>
internal sealed class HelicalValley() : MghProblem(7, "Helical valley", 3, 3)
{
    public override double[] Start => [-1, 0, 0];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T theta = T.Atan(x[1] / x[0]) / C<T>(2 * Math.PI) + (x[0] < T.Zero ? C<T>(0.5) : T.Zero);
        f[0] = C<T>(10) * (x[2] - C<T>(10) * theta);
        f[1] = C<T>(10) * (T.Sqrt(x[0] * x[0] + x[1] * x[1]) - T.One);
        f[2] = x[2];
    }
}

/// <summary>8. Bard: fᵢ = yᵢ − (x₁ + uᵢ/(vᵢx₂ + wᵢx₃)), uᵢ = i, vᵢ = 16 − i, wᵢ = min(uᵢ, vᵢ).</summary>
internal sealed class Bard() : MghProblem(8, "Bard", 3, 15)
{
    private static readonly double[] s_y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39];

    public override double[] Start => [1, 1, 1];

    public override MghMinimum[] Minima => [new(8.2148773065e-3, 1e-8, "paper 8.21487…e−3; 8.21487730657e−3")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            double u = i;
            double v = 16 - i;
            double w = Math.Min(u, v);
            f[i - 1] = C<T>(s_y[i - 1]) - (x[0] + C<T>(u) / (C<T>(v) * x[1] + C<T>(w) * x[2]));
        }
    }
}

/// <summary>9. Gaussian: fᵢ = x₁·exp(−x₂(tᵢ − x₃)²/2) − yᵢ, tᵢ = (8 − i)/2.</summary>
internal sealed class Gaussian() : MghProblem(9, "Gaussian", 3, 15)
{
    private static readonly double[] s_y = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009];

    public override double[] Start => [0.4, 1, 0];

    public override MghMinimum[] Minima => [new(1.12793276962e-8, 1e-8, "paper 1.12793…e−8; 1.1279327696e−8")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            T d = C<T>((8 - i) / 2.0) - x[2];
            f[i - 1] = x[0] * T.Exp(-x[1] * d * d / C<T>(2)) - C<T>(s_y[i - 1]);
        }
    }
}

/// <summary>10. Meyer: fᵢ = x₁·exp(x₂/(tᵢ + x₃)) − yᵢ, tᵢ = 45 + 5i.</summary>
internal sealed class Meyer() : MghProblem(10, "Meyer", 3, 16)
{
    private static readonly double[] s_y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];

    public override double[] Start => [0.02, 4000, 250];

    public override MghMinimum[] Minima => [new(87.945855171, 1e-8, "NIST StRD MGH10 certified 8.7945855171E+01 (paper 87.9458)")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            f[i - 1] = x[0] * T.Exp(x[1] / (C<T>(45 + 5 * i) + x[2])) - C<T>(s_y[i - 1]);
        }
    }
}

/// <summary>11. Gulf research and development, m = 99: fᵢ = exp(−|yᵢ − x₂|^x₃ / x₁) − tᵢ, tᵢ = i/100,
/// yᵢ = 25 + (−50 ln tᵢ)^(2/3).</summary>
internal sealed class Gulf() : MghProblem(11, "Gulf research and development", 3, 99)
{
    public override double[] Start => [5, 2.5, 0.15];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            double t = i / 100.0;
            double y = 25 + Math.Pow(-50 * Math.Log(t), 2.0 / 3.0);
            f[i - 1] = T.Exp(-T.Pow(T.Abs(C<T>(y) - x[1]), x[2]) / x[0]) - C<T>(t);
        }
    }
}

/// <summary>12. Box three-dimensional, m = 10: fᵢ = e^(−tᵢx₁) − e^(−tᵢx₂) − x₃(e^(−tᵢ) − e^(−10tᵢ)), tᵢ = 0.1i.</summary>
internal sealed class Box3D() : MghProblem(12, "Box three-dimensional", 3, 10)
{
    public override double[] Start => [0, 10, 20];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            double t = 0.1 * i;
            f[i - 1] = T.Exp(C<T>(-t) * x[0]) - T.Exp(C<T>(-t) * x[1]) - x[2] * C<T>(Math.Exp(-t) - Math.Exp(-10 * t));
        }
    }
}

/// <summary>13. Powell singular: f₁ = x₁ + 10x₂, f₂ = √5(x₃ − x₄), f₃ = (x₂ − 2x₃)², f₄ = √10(x₁ − x₄)².</summary>
internal sealed class PowellSingular() : MghProblem(13, "Powell singular", 4, 4)
{
    public override double[] Start => [3, -1, 0, 1];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f) => ExtendedPowell.Block(x, f);
}

/// <summary>14. Wood: f₁ = 10(x₂ − x₁²), f₂ = 1 − x₁, f₃ = √90(x₄ − x₃²), f₄ = 1 − x₃, f₅ = √10(x₂ + x₄ − 2),
/// f₆ = (x₂ − x₄)/√10.</summary>
internal sealed class Wood() : MghProblem(14, "Wood", 4, 6)
{
    public override double[] Start => [-3, -1, -3, -1];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        f[0] = C<T>(10) * (x[1] - x[0] * x[0]);
        f[1] = T.One - x[0];
        f[2] = C<T>(Math.Sqrt(90)) * (x[3] - x[2] * x[2]);
        f[3] = T.One - x[2];
        f[4] = C<T>(Math.Sqrt(10)) * (x[1] + x[3] - C<T>(2));
        f[5] = (x[1] - x[3]) / C<T>(Math.Sqrt(10));
    }
}

/// <summary>15. Kowalik and Osborne: fᵢ = yᵢ − x₁(uᵢ² + uᵢx₂)/(uᵢ² + uᵢx₃ + x₄).</summary>
internal sealed class KowalikOsborne() : MghProblem(15, "Kowalik and Osborne", 4, 11)
{
    private static readonly double[] s_y = [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
    private static readonly double[] s_u = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];

    public override double[] Start => [0.25, 0.39, 0.415, 0.39];

    public override MghMinimum[] Minima => [new(3.0750560385e-4, 1e-8, "NIST StRD MGH09 certified 3.0750560385E−04 (paper 3.07505…e−4)")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 0; i < M; i++)
        {
            T u = C<T>(s_u[i]);
            f[i] = C<T>(s_y[i]) - x[0] * (u * u + u * x[1]) / (u * u + u * x[2] + x[3]);
        }
    }
}

/// <summary>16. Brown and Dennis, m = 20: fᵢ = (x₁ + tᵢx₂ − e^tᵢ)² + (x₃ + x₄ sin tᵢ − cos tᵢ)², tᵢ = i/5.</summary>
internal sealed class BrownDennis() : MghProblem(16, "Brown and Dennis", 4, 20)
{
    public override double[] Start => [25, 5, -5, -1];

    public override MghMinimum[] Minima => [new(85822.201626356, 1e-8, "paper 85822.2…; 85822.20162636")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            double t = i / 5.0;
            T a = x[0] + C<T>(t) * x[1] - C<T>(Math.Exp(t));
            T b = x[2] + x[3] * C<T>(Math.Sin(t)) - C<T>(Math.Cos(t));
            f[i - 1] = a * a + b * b;
        }
    }
}

/// <summary>17. Osborne 1: fᵢ = yᵢ − (x₁ + x₂e^(−tᵢx₄) + x₃e^(−tᵢx₅)), tᵢ = 10(i − 1).</summary>
internal sealed class Osborne1() : MghProblem(17, "Osborne 1", 5, 33)
{
    private static readonly double[] s_y =
    [
        0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.580,
        0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406,
    ];

    public override double[] Start => [0.5, 1.5, -1, 0.01, 0.02];

    public override MghMinimum[] Minima => [new(5.4648946975e-5, 1e-8, "NIST StRD MGH17 certified 5.4648946975E−05 (paper 5.46489…e−5)")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 0; i < M; i++)
        {
            T t = C<T>(10.0 * i);
            f[i] = C<T>(s_y[i]) - (x[0] + x[1] * T.Exp(-t * x[3]) + x[2] * T.Exp(-t * x[4]));
        }
    }
}

/// <summary>18. Biggs EXP6, m = 13: fᵢ = x₃e^(−tᵢx₁) − x₄e^(−tᵢx₂) + x₆e^(−tᵢx₅) − yᵢ, tᵢ = 0.1i,
/// yᵢ = e^(−tᵢ) − 5e^(−10tᵢ) + 3e^(−4tᵢ).</summary>
internal sealed class BiggsExp6() : MghProblem(18, "Biggs EXP6", 6, 13)
{
    public override double[] Start => [1, 2, 1, 1, 1, 1];

    // 0 at (1, 10, 1, 5, 4, 3); the paper also lists the local minimum 5.65565…e−3
    public override MghMinimum[] Minima => [new(0, 0, "exact"), new(5.6556499255e-3, 1e-8, "paper 5.65565…e−3; 5.65564992550e−3", Local: true)];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= M; i++)
        {
            double t = 0.1 * i;
            double y = Math.Exp(-t) - 5 * Math.Exp(-10 * t) + 3 * Math.Exp(-4 * t);
            T tt = C<T>(t);
            f[i - 1] = x[2] * T.Exp(-tt * x[0]) - x[3] * T.Exp(-tt * x[1]) + x[5] * T.Exp(-tt * x[4]) - C<T>(y);
        }
    }
}

/// <summary>19. Osborne 2: fᵢ = yᵢ − (x₁e^(−tᵢx₅) + x₂e^(−(tᵢ − x₉)²x₆) + x₃e^(−(tᵢ − x₁₀)²x₇) + x₄e^(−(tᵢ − x₁₁)²x₈)),
/// tᵢ = (i − 1)/10.</summary>
internal sealed class Osborne2() : MghProblem(19, "Osborne 2", 11, 65)
{
    private static readonly double[] s_y =
    [
        1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606, 0.602,
        0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375,
        0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591,
        0.559, 0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054,
    ];

    public override double[] Start => [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5];

    public override MghMinimum[] Minima => [new(4.01377362935e-2, 1e-8, "paper 4.01377…e−2; 4.0137736294e−2")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 0; i < M; i++)
        {
            T t = C<T>(i / 10.0);
            T a = t - x[8];
            T b = t - x[9];
            T c = t - x[10];
            f[i] = C<T>(s_y[i]) - (x[0] * T.Exp(-t * x[4]) + x[1] * T.Exp(-a * a * x[5]) + x[2] * T.Exp(-b * b * x[6]) + x[3] * T.Exp(-c * c * x[7]));
        }
    }
}
