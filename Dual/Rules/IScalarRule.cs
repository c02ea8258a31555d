using System.Numerics;

namespace DualAutodiff;

/// <summary>A custom scalar derivative rule y = f(x): its value at <see cref="double"/> and its derivative written
/// generically, applied at any scalar type by <see cref="Rule.Apply{TRule, T}(T)"/>.</summary>
/// <remarks>
/// <para>The value may come from anywhere (a black box such as MathNet's <c>SpecialFunctions.Erf</c>, a table, a
/// solver); <see cref="float"/> and other plain types evaluate it at <see cref="double"/>. The derivative is written
/// against <see cref="IFloatingPointIeee754{TSelf}"/> with any generic-math code, including
/// <see cref="Rule.Apply{TRule, T}(T)"/> of this or other rules, so it can itself be differentiated: applied to
/// <c>Dual&lt;U&gt;</c> or <c>Var&lt;U&gt;</c> the rule takes its value from the rule at <c>U</c> and its partial
/// from <see cref="Derivative{T}(T)"/> at <c>U</c>, which makes every order in every nesting exact.</para>
/// <para>Implement it on a struct (no state): <c>struct MyErf : IScalarRule { … }</c>.</para>
/// </remarks>
public interface IScalarRule
{
    /// <summary>f(x) at <see cref="double"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>f(x).</returns>
    static abstract double Value(double x);

    /// <summary>f′(x), generically, so that the rule nests.</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>f′(x).</returns>
    static abstract T Derivative<T>(T x)
        where T : IFloatingPointIeee754<T>;

    /// <summary>Whether <see cref="Derivative{T}(T, T)"/> is given: false unless the rule overrides it.</summary>
    static virtual bool DerivativeUsesValue => false;

    /// <summary>f′(x) from x and the value y = f(x) already computed, for rules whose derivative is cheaper that way
    /// (erf⁻¹′ = (√π/2)·e^(y²), Γ′ = y·ψ(x)); used instead of <see cref="Derivative{T}(T)"/> when
    /// <see cref="DerivativeUsesValue"/> is true.</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The argument.</param>
    /// <param name="value">f(x) at <typeparamref name="T"/>.</param>
    /// <returns>f′(x).</returns>
    static virtual T Derivative<T>(T x, T value)
        where T : IFloatingPointIeee754<T> => throw new NotSupportedException("This rule gives no derivative from its value; it is only called when DerivativeUsesValue is true.");
}

/// <summary>A custom binary derivative rule z = f(x, y): its value at <see cref="double"/> and both partials written
/// generically, applied at any scalar type by <see cref="Rule.Apply{TRule, T}(T, T)"/>.</summary>
/// <remarks>As <see cref="IScalarRule"/>: the partials may use any generic-math code, so the rule nests.</remarks>
public interface IBinaryRule
{
    /// <summary>f(x, y) at <see cref="double"/>.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>f(x, y).</returns>
    static abstract double Value(double x, double y);

    /// <summary>(∂f/∂x, ∂f/∂y), generically, so that the rule nests.</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>Both partials.</returns>
    static abstract (T Dx, T Dy) Derivatives<T>(T x, T y)
        where T : IFloatingPointIeee754<T>;
}

/// <summary>A custom n-ary derivative rule y = f(x₀, …, xₙ₋₁) of a span (a reduction such as log-sum-exp), applied by
/// <see cref="Rule.Apply{TRule, T}(ReadOnlySpan{T})"/>: on a tape it is one record whatever n is.</summary>
/// <remarks>As <see cref="IScalarRule"/>: the gradient may use any generic-math code, so the rule nests.</remarks>
public interface ISpanRule
{
    /// <summary>f(x) at <see cref="double"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>f(x).</returns>
    static abstract double Value(ReadOnlySpan<double> x);

    /// <summary>∇f(x), generically, so that the rule nests.</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="value">f(x), as <see cref="Rule.Apply{TRule, T}(ReadOnlySpan{T})"/> computed it (for rules whose
    /// gradient is cheaper from the value, such as softmax from log-sum-exp).</param>
    /// <param name="gradient">Receives ∂f/∂xᵢ; as long as <paramref name="x"/>.</param>
    static abstract void Gradient<T>(ReadOnlySpan<T> x, T value, Span<T> gradient)
        where T : IFloatingPointIeee754<T>;
}
