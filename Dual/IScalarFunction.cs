using System.Numerics;

namespace DualAutodiff;

/// <summary>A function f: Rⁿ → R written once over generic math, so every mode can instantiate it.</summary>
/// <remarks>Implement <see cref="Evaluate{T}"/> with generic arithmetic only; the library calls it with
/// <c>double</c>, <see cref="Dual{T}"/>, <c>Var&lt;T&gt;</c> and their nestings.</remarks>
public interface IScalarFunction
{
    /// <summary>Evaluates f at <paramref name="x"/>.</summary>
    /// <typeparam name="T">The scalar type chosen by the caller.</typeparam>
    /// <param name="x">The input, of length n.</param>
    /// <returns>f(x).</returns>
    T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>;
}
