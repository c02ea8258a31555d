using System.Numerics;

namespace DualAutodiff;

/// <summary>The chained Rosenbrock function (SciPy's <c>rosen</c>), which couples every neighbour:
/// f(x) = Σᵢ₌₁ⁿ⁻¹ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².</summary>
/// <remarks>Minimum 0 at (1, …, 1). Its Hessian is tridiagonal: Hᵢᵢ = 1200xᵢ² − 400xᵢ₊₁ + 2 (plus 200 for
/// i &gt; 1, nothing from the missing term for i = n), Hᵢ,ᵢ₊₁ = −400xᵢ. From (−1.2, 1, …) Newton methods need
/// O(n) iterations. The benchmarks and peer timings use this form.</remarks>
public sealed class ChainedRosenbrock : IScalarFunction
{
    /// <summary>The shared instance.</summary>
    public static ChainedRosenbrock Instance { get; } = new();

    /// <inheritdoc/>
    /// <remarks>The loop is written here, as users write theirs: the JIT inlines the operators into this method's
    /// loop, while a separate generic helper (itself inlined or not) exhausted its inlining budget for the nested
    /// scalar types and made forward-over-reverse about 1.4× slower (measured).</remarks>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T hundred = T.CreateChecked(100);
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            T a = x[i + 1] - x[i] * x[i];
            T b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }

        return sum;
    }
}

/// <summary>The extended Rosenbrock function (Moré–Garbow–Hillstrom no. 21), a sum of independent pairs:
/// f(x) = Σᵢ₌₁ⁿᐟ² 100(x₂ᵢ − x₂ᵢ₋₁²)² + (1 − x₂ᵢ₋₁)².</summary>
/// <remarks>Minimum 0 at (1, …, 1); n must be even. The standard start is (−1.2, 1, −1.2, 1, …)
/// (<see cref="StandardStart"/>). Its Hessian is block diagonal with 2×2 blocks, so Newton methods need a few
/// dozen iterations whatever n is.</remarks>
public sealed class ExtendedRosenbrock : IScalarFunction
{
    /// <summary>The shared instance.</summary>
    public static ExtendedRosenbrock Instance { get; } = new();

    /// <summary>The standard starting point (−1.2, 1, −1.2, 1, …) of length <paramref name="n"/>.</summary>
    /// <param name="n">The dimension, even.</param>
    /// <returns>A new array.</returns>
    public static double[] StandardStart(int n)
    {
        Check(n);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }

        return x;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The length of <paramref name="x"/> is odd.</exception>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        Check(x.Length);
        T hundred = T.CreateChecked(100);
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            T a = x[i + 1] - x[i] * x[i];
            T b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }

        return sum;
    }

    private static void Check(int n)
    {
        if (n % 2 != 0)
        {
            throw new ArgumentException($"The extended Rosenbrock function needs an even dimension, not {n}.", "x");
        }
    }
}
