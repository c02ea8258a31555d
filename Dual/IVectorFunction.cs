using System.Numerics;

namespace DualAutodiff;

/// <summary>A function f: Rⁿ → Rᵐ written once over generic math, so every mode can instantiate it.</summary>
public interface IVectorFunction
{
    /// <summary>The output length m for an input of length n.</summary>
    /// <param name="inputLength">n.</param>
    /// <returns>m.</returns>
    int OutputLength(int inputLength);

    /// <summary>Evaluates y = f(x).</summary>
    /// <typeparam name="T">The scalar type chosen by the caller.</typeparam>
    /// <param name="x">The input, of length n.</param>
    /// <param name="y">The output, of length <see cref="OutputLength"/>(n); every entry must be written.</param>
    void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>;
}
