using System.Numerics;

namespace DualAutodiff.Tests.Hvp.Mgh;

// Problems 20–35 of Moré, Garbow and Hillstrom (1981), variable dimension, at the dimensions the paper quotes
// f* for (Watson n = 6, Penalty n = 10, Chebyquad n = 8) or n = 10 where f* does not depend on n.

/// <summary>20. Watson, m = 31: fᵢ = Σⱼ₌₂ⁿ (j − 1)xⱼtᵢ^(j−2) − (Σⱼ₌₁ⁿ xⱼtᵢ^(j−1))² − 1, tᵢ = i/29 (i ≤ 29);
/// f₃₀ = x₁, f₃₁ = x₂ − x₁² − 1.</summary>
internal sealed class Watson(int n = 6) : MghProblem(20, "Watson", n, 31)
{
    public override double[] Start => new double[N];

    public override MghMinimum[] Minima => N switch
    {
        6 => [new(2.28767005355e-3, 1e-8, "paper 2.28767…e−3; 2.2876700536e−3")],
        9 => [new(1.39976e-6, 5e-6, "paper 1.39976…e−6")],
        _ => [new(4.72238e-10, 5e-6, "paper 4.72238…e−10 (n = 12)")],
    };

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 1; i <= 29; i++)
        {
            T t = C<T>(i / 29.0);
            T sum1 = T.Zero;
            T power = T.One;
            for (int j = 2; j <= N; j++)
            {
                sum1 += C<T>(j - 1) * x[j - 1] * power;
                power *= t;
            }

            T sum2 = T.Zero;
            power = T.One;
            for (int j = 1; j <= N; j++)
            {
                sum2 += x[j - 1] * power;
                power *= t;
            }

            f[i - 1] = sum1 - sum2 * sum2 - T.One;
        }

        f[29] = x[0];
        f[30] = x[1] - x[0] * x[0] - T.One;
    }
}

/// <summary>21. Extended Rosenbrock: f₂ᵢ₋₁ = 10(x₂ᵢ − x₂ᵢ₋₁²), f₂ᵢ = 1 − x₂ᵢ₋₁.</summary>
internal sealed class ExtendedRosenbrockMgh(int n = 10) : MghProblem(21, "Extended Rosenbrock", n, n)
{
    public override double[] Start => ExtendedRosenbrock.StandardStart(N);

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 0; i < N; i += 2)
        {
            f[i] = C<T>(10) * (x[i + 1] - x[i] * x[i]);
            f[i + 1] = T.One - x[i];
        }
    }
}

/// <summary>22. Extended Powell singular: blocks of four as problem 13.</summary>
internal sealed class ExtendedPowell(int n = 12) : MghProblem(22, "Extended Powell singular", n, n)
{
    public override double[] Start
    {
        get
        {
            var x = new double[N];
            for (int i = 0; i < N; i += 4)
            {
                (x[i], x[i + 1], x[i + 2], x[i + 3]) = (3, -1, 0, 1);
            }

            return x;
        }
    }

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 0; i < N; i += 4)
        {
            Block(x.Slice(i, 4), f.Slice(i, 4));
        }
    }

    /// <summary>f₁ = x₁ + 10x₂, f₂ = √5(x₃ − x₄), f₃ = (x₂ − 2x₃)², f₄ = √10(x₁ − x₄)².</summary>
    internal static void Block<T>(ReadOnlySpan<T> x, Span<T> f)
        where T : IFloatingPointIeee754<T>
    {
        T b = x[1] - C<T>(2) * x[2];
        T d = x[0] - x[3];
        f[0] = x[0] + C<T>(10) * x[1];
        f[1] = C<T>(Math.Sqrt(5)) * (x[2] - x[3]);
        f[2] = b * b;
        f[3] = C<T>(Math.Sqrt(10)) * d * d;
    }
}

/// <summary>23. Penalty I, m = n + 1: fᵢ = √a(xᵢ − 1), fₙ₊₁ = Σxⱼ² − 1/4, a = 10⁻⁵; x₀ = (1, 2, …, n).</summary>
internal sealed class PenaltyI(int n = 10) : MghProblem(23, "Penalty I", n, n + 1)
{
    public override double[] Start => [.. Enumerable.Range(1, N).Select(j => (double)j)];

    public override MghMinimum[] Minima => N switch
    {
        4 => [new(2.24997e-5, 5e-6, "paper 2.24997…e−5")],
        _ => [new(7.08765146709e-5, 1e-8, "paper 7.08765…e−5; 7.0876514671e−5")],
    };

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T root = C<T>(Math.Sqrt(1e-5));
        T sum = T.Zero;
        for (int i = 0; i < N; i++)
        {
            f[i] = root * (x[i] - T.One);
            sum += x[i] * x[i];
        }

        f[N] = sum - C<T>(0.25);
    }
}

/// <summary>24. Penalty II, m = 2n: f₁ = x₁ − 0.2; fᵢ = √a(e^(xᵢ/10) + e^(xᵢ₋₁/10) − yᵢ) for 2 ≤ i ≤ n;
/// fᵢ = √a(e^(xᵢ₋ₙ₊₁/10) − e^(−1/10)) for n &lt; i &lt; 2n; f₂ₙ = Σ(n − j + 1)xⱼ² − 1; a = 10⁻⁵,
/// yᵢ = e^(i/10) + e^((i−1)/10); x₀ = (½, …, ½).</summary>
internal sealed class PenaltyII(int n = 10) : MghProblem(24, "Penalty II", n, 2 * n)
{
    public override double[] Start => Enumerable.Repeat(0.5, N).ToArray();

    public override MghMinimum[] Minima => N switch
    {
        4 => [new(9.37629e-6, 5e-6, "paper 9.37629…e−6")],
        _ => [new(2.93660e-4, 5e-6, "paper 2.93660…e−4 (six digits)")],
    };

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T root = C<T>(Math.Sqrt(1e-5));
        T tenth = C<T>(0.1);
        f[0] = x[0] - C<T>(0.2);
        for (int i = 2; i <= N; i++)
        {
            double y = Math.Exp(i / 10.0) + Math.Exp((i - 1) / 10.0);
            f[i - 1] = root * (T.Exp(x[i - 1] * tenth) + T.Exp(x[i - 2] * tenth) - C<T>(y));
        }

        for (int i = N + 1; i < 2 * N; i++)
        {
            f[i - 1] = root * (T.Exp(x[i - N] * tenth) - C<T>(Math.Exp(-0.1)));
        }

        T sum = T.Zero;
        for (int j = 1; j <= N; j++)
        {
            sum += C<T>(N - j + 1) * x[j - 1] * x[j - 1];
        }

        f[2 * N - 1] = sum - T.One;
    }
}

/// <summary>25. Variably dimensioned, m = n + 2: fᵢ = xᵢ − 1, fₙ₊₁ = Σj(xⱼ − 1), fₙ₊₂ = (Σj(xⱼ − 1))²;
/// x₀ⱼ = 1 − j/n.</summary>
internal sealed class VariablyDimensioned(int n = 10) : MghProblem(25, "Variably dimensioned", n, n + 2)
{
    public override double[] Start => [.. Enumerable.Range(1, N).Select(j => 1 - (double)j / N)];

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T sum = T.Zero;
        for (int j = 1; j <= N; j++)
        {
            f[j - 1] = x[j - 1] - T.One;
            sum += C<T>(j) * (x[j - 1] - T.One);
        }

        f[N] = sum;
        f[N + 1] = sum * sum;
    }
}

/// <summary>26. Trigonometric: fᵢ = n − Σcos xⱼ + i(1 − cos xᵢ) − sin xᵢ; x₀ = (1/n, …).</summary>
internal sealed class Trigonometric(int n = 10) : MghProblem(26, "Trigonometric", n, n)
{
    public override double[] Start => Enumerable.Repeat(1.0 / N, N).ToArray();

    // 0 is the global minimum; for n = 10 methods from x₀ usually stop at the local minimum 2.79506…e−5
    public override MghMinimum[] Minima => [new(0, 0, "exact"), new(2.79506e-5, 5e-6, "2.79506…e−5 (n = 10), reported by Moré, Garbow and Hillstrom's FORTRAN tests", Local: true)];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T sum = T.Zero;
        foreach (T xj in x)
        {
            sum += T.Cos(xj);
        }

        for (int i = 1; i <= N; i++)
        {
            f[i - 1] = C<T>(N) - sum + C<T>(i) * (T.One - T.Cos(x[i - 1])) - T.Sin(x[i - 1]);
        }
    }
}

/// <summary>27. Brown almost-linear: fᵢ = xᵢ + Σxⱼ − (n + 1) for i &lt; n, fₙ = Πxⱼ − 1; x₀ = (½, …).</summary>
internal sealed class BrownAlmostLinear(int n = 10) : MghProblem(27, "Brown almost-linear", n, n)
{
    public override double[] Start => Enumerable.Repeat(0.5, N).ToArray();

    // 0 at (α, …, α, α¹⁻ⁿ); 1 at (0, …, 0, n + 1)
    public override MghMinimum[] Minima => [new(0, 0, "exact"), new(1, 0, "exact", Local: true)];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T sum = T.Zero;
        T product = T.One;
        foreach (T xj in x)
        {
            sum += xj;
            product *= xj;
        }

        for (int i = 0; i + 1 < N; i++)
        {
            f[i] = x[i] + sum - C<T>(N + 1);
        }

        f[N - 1] = product - T.One;
    }
}

/// <summary>28. Discrete boundary value: fᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2, h = 1/(n + 1), tᵢ = ih,
/// x₀ = xₙ₊₁ = 0; start ξⱼ = tⱼ(tⱼ − 1).</summary>
internal sealed class DiscreteBoundaryValue(int n = 10) : MghProblem(28, "Discrete boundary value", n, n)
{
    public override double[] Start => DiscreteStart(N);

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        double h = 1.0 / (N + 1);
        for (int i = 1; i <= N; i++)
        {
            T left = i > 1 ? x[i - 2] : T.Zero;
            T right = i < N ? x[i] : T.Zero;
            T c = x[i - 1] + C<T>(i * h + 1);
            f[i - 1] = C<T>(2) * x[i - 1] - left - right + C<T>(h * h / 2) * c * c * c;
        }
    }

    internal static double[] DiscreteStart(int n)
    {
        double h = 1.0 / (n + 1);
        return [.. Enumerable.Range(1, n).Select(j => j * h * (j * h - 1))];
    }
}

/// <summary>29. Discrete integral equation: fᵢ = xᵢ + h[(1 − tᵢ)Σⱼ≤ᵢ tⱼ(xⱼ + tⱼ + 1)³ + tᵢΣⱼ&gt;ᵢ (1 − tⱼ)(xⱼ + tⱼ + 1)³]/2.</summary>
internal sealed class DiscreteIntegralEquation(int n = 10) : MghProblem(29, "Discrete integral equation", n, n)
{
    public override double[] Start => DiscreteBoundaryValue.DiscreteStart(N);

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        double h = 1.0 / (N + 1);
        var cube = new T[N];
        for (int j = 0; j < N; j++)
        {
            T c = x[j] + C<T>((j + 1) * h + 1);
            cube[j] = c * c * c;
        }

        for (int i = 1; i <= N; i++)
        {
            double ti = i * h;
            T below = T.Zero;
            T above = T.Zero;
            for (int j = 1; j <= N; j++)
            {
                double tj = j * h;
                if (j <= i)
                {
                    below += C<T>(tj) * cube[j - 1];
                }
                else
                {
                    above += C<T>(1 - tj) * cube[j - 1];
                }
            }

            f[i - 1] = x[i - 1] + C<T>(h / 2) * (C<T>(1 - ti) * below + C<T>(ti) * above);
        }
    }
}

/// <summary>30. Broyden tridiagonal: fᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1, x₀ = xₙ₊₁ = 0; start (−1, …).</summary>
internal sealed class BroydenTridiagonal(int n = 10) : MghProblem(30, "Broyden tridiagonal", n, n)
{
    public override double[] Start => Enumerable.Repeat(-1.0, N).ToArray();

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 0; i < N; i++)
        {
            T left = i > 0 ? x[i - 1] : T.Zero;
            T right = i + 1 < N ? x[i + 1] : T.Zero;
            f[i] = (C<T>(3) - C<T>(2) * x[i]) * x[i] - left - C<T>(2) * right + T.One;
        }
    }
}

/// <summary>31. Broyden banded: fᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σⱼ∈Jᵢ xⱼ(1 + xⱼ), Jᵢ = {j ≠ i : max(1, i − 5) ≤ j ≤ min(n, i + 1)};
/// start (−1, …).</summary>
internal sealed class BroydenBanded(int n = 10) : MghProblem(31, "Broyden banded", n, n)
{
    public override double[] Start => Enumerable.Repeat(-1.0, N).ToArray();

    public override MghMinimum[] Minima => Zero;

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        for (int i = 0; i < N; i++)
        {
            T sum = T.Zero;
            for (int j = Math.Max(0, i - 5); j <= Math.Min(N - 1, i + 1); j++)
            {
                if (j != i)
                {
                    sum += x[j] * (T.One + x[j]);
                }
            }

            f[i] = x[i] * (C<T>(2) + C<T>(5) * x[i] * x[i]) + T.One - sum;
        }
    }
}

/// <summary>32. Linear function, full rank, n = 5, m = 10: fᵢ = xᵢ − (2/m)Σxⱼ − 1 (i ≤ n), −(2/m)Σxⱼ − 1 (i &gt; n);
/// f* = m − n at xⱼ = −1.</summary>
internal sealed class LinearFullRank(int n = 5, int m = 10) : MghProblem(32, "Linear function - full rank", n, m)
{
    public override double[] Start => Enumerable.Repeat(1.0, N).ToArray();

    public override MghMinimum[] Minima => [new(M - N, 1e-8, "exact, m − n")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T sum = T.Zero;
        foreach (T xj in x)
        {
            sum += xj;
        }

        T common = C<T>(2.0 / M) * sum + T.One;
        for (int i = 0; i < M; i++)
        {
            f[i] = (i < N ? x[i] : T.Zero) - common;
        }
    }
}

/// <summary>33. Linear function, rank 1, n = 5, m = 10: fᵢ = i·Σj·xⱼ − 1; f* = m(m − 1)/(2(2m + 1)).</summary>
internal sealed class LinearRank1(int n = 5, int m = 10) : MghProblem(33, "Linear function - rank 1", n, m)
{
    public override double[] Start => Enumerable.Repeat(1.0, N).ToArray();

    // 10·9/(2·21) = 15/7
    public override MghMinimum[] Minima => [new(M * (M - 1) / (2.0 * (2 * M + 1)), 1e-8, "exact, m(m − 1)/(2(2m + 1))")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T sum = T.Zero;
        for (int j = 1; j <= N; j++)
        {
            sum += C<T>(j) * x[j - 1];
        }

        for (int i = 1; i <= M; i++)
        {
            f[i - 1] = C<T>(i) * sum - T.One;
        }
    }
}

/// <summary>34. Linear function, rank 1 with zero columns and rows, n = 5, m = 10: f₁ = fₘ = −1,
/// fᵢ = (i − 1)Σⱼ₌₂ⁿ⁻¹ j·xⱼ − 1; f* = (m² + 3m − 6)/(2(2m − 3)).</summary>
internal sealed class LinearRank1ZeroColumns(int n = 5, int m = 10) : MghProblem(34, "Linear function - rank 1 with zero columns and rows", n, m)
{
    public override double[] Start => Enumerable.Repeat(1.0, N).ToArray();

    // (100 + 30 − 6)/(2·17) = 62/17
    public override MghMinimum[] Minima => [new((M * M + 3 * M - 6) / (2.0 * (2 * M - 3)), 1e-8, "exact, (m² + 3m − 6)/(2(2m − 3))")];

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        T sum = T.Zero;
        for (int j = 2; j < N; j++)
        {
            sum += C<T>(j) * x[j - 1];
        }

        f[0] = -T.One;
        for (int i = 2; i < M; i++)
        {
            f[i - 1] = C<T>(i - 1) * sum - T.One;
        }

        f[M - 1] = -T.One;
    }
}

/// <summary>35. Chebyquad, m = n: fᵢ = (1/n)Σⱼ Tᵢ(xⱼ) − ∫₀¹Tᵢ, Tᵢ the shifted Chebyshev polynomial on [0, 1],
/// ∫₀¹Tᵢ = −1/(i² − 1) for even i, 0 for odd i; x₀ⱼ = j/(n + 1).</summary>
internal sealed class Chebyquad(int n = 8) : MghProblem(35, "Chebyquad", n, n)
{
    public override double[] Start => [.. Enumerable.Range(1, N).Select(j => j / (N + 1.0))];

    public override MghMinimum[] Minima => N switch
    {
        8 => [new(3.51687372568e-3, 1e-8, "paper 3.51687…e−3; 3.5168737257e−3")],
        10 => [new(6.50395e-3, 5e-6, "paper 6.50395…e−3")],
        _ => Zero,
    };

    public override void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
    {
        f.Clear();
        foreach (T xj in x)
        {
            T y = C<T>(2) * xj - T.One;
            T previous = T.One;
            T current = y;
            for (int i = 1; i <= M; i++)
            {
                f[i - 1] += current;
                (previous, current) = (current, C<T>(2) * y * current - previous);
            }
        }

        for (int i = 1; i <= M; i++)
        {
            f[i - 1] /= C<T>(N);
            if (i % 2 == 0)
            {
                f[i - 1] += C<T>(1.0 / (i * i - 1));
            }
        }
    }
}

/// <summary>The 35 problems at their standard dimensions.</summary>
internal static class MghProblems
{
    public static IReadOnlyList<MghProblem> All { get; } =
    [
        new Rosenbrock(), new FreudensteinRoth(), new PowellBadlyScaled(), new BrownBadlyScaled(), new Beale(),
        new JennrichSampson(), new HelicalValley(), new Bard(), new Gaussian(), new Meyer(), new Gulf(), new Box3D(),
        new PowellSingular(), new Wood(), new KowalikOsborne(), new BrownDennis(), new Osborne1(), new BiggsExp6(),
        new Osborne2(), new Watson(), new ExtendedRosenbrockMgh(), new ExtendedPowell(), new PenaltyI(), new PenaltyII(),
        new VariablyDimensioned(), new Trigonometric(), new BrownAlmostLinear(), new DiscreteBoundaryValue(),
        new DiscreteIntegralEquation(), new BroydenTridiagonal(), new BroydenBanded(), new LinearFullRank(),
        new LinearRank1(), new LinearRank1ZeroColumns(), new Chebyquad(),
    ];
}
