using System.Numerics;
using System.Runtime.CompilerServices;

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
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => Sum(x, 1);

    /// <summary>Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² over i = 0, step, 2·step, … (0-based).</summary>
    /// <remarks>Inlined into each <c>Evaluate</c>: called as a separate generic method, the JIT's profile-guided
    /// tier-1 code for the <c>Var</c> instantiation records about 1.7× slower (measured, cause not yet known), and the
    /// loop written directly in <c>Evaluate</c>, as users write it, is what the benchmarks should time.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Sum<T>(ReadOnlySpan<T> x, int step)
        where T : IFloatingPointIeee754<T>
    {
        T hundred = T.CreateChecked(100);
        T sum = T.Zero;
        for (int i = 0; i + 1 < x.Length; i += step)
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
        return ChainedRosenbrock.Sum(x, 2);
    }

    private static void Check(int n)
    {
        if (n % 2 != 0)
        {
            throw new ArgumentException($"The extended Rosenbrock function needs an even dimension, not {n}.", "x");
        }
    }
}
