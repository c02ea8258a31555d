using System.Numerics;

namespace DualAutodiff;

/// <summary>A custom vector function y = f(x), ℝⁿ → ℝᵐ, given as a black box at <see cref="double"/> with its
/// Jacobian-vector product J·v and vector-Jacobian product uᵀ·J (a linear solve, an ODE step, a call into native
/// code), applied at any scalar type by <see cref="Rule.Apply{T}(IVectorRule, ReadOnlySpan{T}, Span{T})"/>.</summary>
/// <remarks>
/// <para>First derivatives work in every mode with these <see cref="double"/> members: forward mode calls
/// <see cref="Jvp"/>, reverse mode records one tape record for the call and calls <see cref="Vjp"/> in the sweep.</para>
/// <para>A second or higher derivative needs J·v and uᵀ·J at a differentiable scalar (forward-over-reverse calls the
/// VJP at <c>Dual&lt;double&gt;</c>, reverse-over-forward the JVP at <c>Var&lt;double&gt;</c>): implement
/// <see cref="IGenericVectorRule"/> for that. A rule that is only an <see cref="IVectorRule"/> then fails with a
/// <see cref="NotSupportedException"/> naming the rule and the scalar type, when it is applied, never with a wrong
/// number (a VJP at <see cref="double"/> cannot know how its own result depends on x).</para>
/// <para>Implementations must not keep the spans they are given; they may be called from several threads at once
/// (one call per thread), so keep no mutable state.</para>
/// </remarks>
public interface IVectorRule
{
    /// <summary>m, the length of y for an input of length n.</summary>
    /// <param name="inputLength">n.</param>
    /// <returns>m.</returns>
    int OutputLength(int inputLength);

    /// <summary>y = f(x) at <see cref="double"/>.</summary>
    /// <param name="x">The input, length n.</param>
    /// <param name="y">Receives the output, length m.</param>
    void Evaluate(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>J(x)·v.</summary>
    /// <param name="x">The input, length n.</param>
    /// <param name="y">f(x), length m.</param>
    /// <param name="v">The tangent, length n.</param>
    /// <param name="jv">Receives J·v, length m.</param>
    void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, Span<double> jv);

    /// <summary>uᵀ·J(x).</summary>
    /// <param name="x">The input, length n.</param>
    /// <param name="y">f(x), length m.</param>
    /// <param name="u">The adjoint seed, length m.</param>
    /// <param name="vjp">Receives uᵀ·J, length n.</param>
    void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> vjp);
}

/// <summary>An <see cref="IVectorRule"/> whose J·v and uᵀ·J are written generically, so derivatives of every order
/// through it are exact (JAX's <c>custom_jvp</c> and <c>custom_vjp</c> whose rules are themselves differentiable).</summary>
/// <remarks>The <see cref="double"/> members of <see cref="IVectorRule"/> default to the generic ones at
/// <see cref="double"/>; only <see cref="IVectorRule.OutputLength"/> and <see cref="IVectorRule.Evaluate"/> remain.</remarks>
public interface IGenericVectorRule : IVectorRule
{
    /// <summary>J(x)·v at any scalar type.</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The input, length n.</param>
    /// <param name="y">f(x), length m.</param>
    /// <param name="v">The tangent, length n.</param>
    /// <param name="jv">Receives J·v, length m.</param>
    void Jvp<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> v, Span<T> jv)
        where T : IFloatingPointIeee754<T>;

    /// <summary>uᵀ·J(x) at any scalar type.</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The input, length n.</param>
    /// <param name="y">f(x), length m.</param>
    /// <param name="u">The adjoint seed, length m.</param>
    /// <param name="vjp">Receives uᵀ·J, length n.</param>
    void Vjp<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> u, Span<T> vjp)
        where T : IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    void IVectorRule.Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, Span<double> jv) => Jvp<double>(x, y, v, jv);

    /// <inheritdoc/>
    void IVectorRule.Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> vjp) => Vjp<double>(x, y, u, vjp);
}
