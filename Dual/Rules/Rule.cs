using System.Numerics;

namespace DualAutodiff;

/// <summary>Applies custom derivative rules (<see cref="IScalarRule"/>, <see cref="IBinaryRule"/>,
/// <see cref="ISpanRule"/>, <see cref="IVectorRule"/>) at any scalar type, and stops gradients.</summary>
/// <remarks>
/// <para>Call these from generic code: at <see cref="double"/> a rule is its value; at <see cref="float"/> and other
/// plain types, its value at double, rounded; at <see cref="Dual{T}"/> and <c>Var&lt;T&gt;</c> the value comes from
/// the rule one level down and the partials from the rule's generic derivative at that level, so first, second and
/// higher derivatives are exact in every nesting (<c>Var&lt;Dual&lt;double&gt;&gt;</c>, <c>Dual&lt;Var&lt;double&gt;&gt;</c>,
/// four levels deep …). On a tape a scalar or binary rule is one record, like a built-in function, and a span rule
/// one record whatever its length.</para>
/// <para>Rules are stateless types, so applying them is thread-safe; a steady-state call allocates nothing.</para>
/// </remarks>
public static class Rule
{
    /// <summary>y = f(x) for the scalar rule <typeparamref name="TRule"/>: f(a + bε) = f(a) + b·f′(a)ε.</summary>
    /// <typeparam name="TRule">The rule.</typeparam>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>f(x), carrying f′(x) times x's derivatives.</returns>
    public static T Apply<TRule, T>(T x)
        where TRule : IScalarRule
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return (T)(object)TRule.Value((double)(object)x);
        }

        return UnaryCache<TRule, T>.Applier.Apply(x);
    }

    /// <summary>z = f(x, y) for the binary rule <typeparamref name="TRule"/>: ż = ∂ₓf·ẋ + ∂ᵧf·ẏ.</summary>
    /// <typeparam name="TRule">The rule.</typeparam>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>f(x, y) with its derivatives.</returns>
    public static T Apply<TRule, T>(T x, T y)
        where TRule : IBinaryRule
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return (T)(object)TRule.Value((double)(object)x, (double)(object)y);
        }

        return BinaryCache<TRule, T>.Applier.Apply(x, y);
    }

    /// <summary>y = f(x₀, …, xₙ₋₁) for the span rule <typeparamref name="TRule"/>: ẏ = Σ ∂ᵢf·ẋᵢ; one tape record.</summary>
    /// <typeparam name="TRule">The rule.</typeparam>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The arguments (constants and variables may be mixed).</param>
    /// <returns>f(x) with its derivatives.</returns>
    public static T Apply<TRule, T>(ReadOnlySpan<T> x)
        where TRule : ISpanRule
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return (T)(object)TRule.Value(PlainSpans.AsDouble(x));
        }

        return SpanCache<TRule, T>.Applier.Apply(x);
    }

    /// <summary>y = f(x) for a vector rule, ℝⁿ → ℝᵐ: forward mode calls its J·v, reverse mode records one tape record
    /// for the whole call (plus one per output) whose sweep calls its uᵀ·J.</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="rule">The rule.</param>
    /// <param name="x">The input, length n.</param>
    /// <param name="y">Receives the output; its length must be <see cref="IVectorRule.OutputLength"/>(n), and it must
    /// not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong or the spans overlap.</exception>
    /// <exception cref="NotSupportedException">A second or higher derivative is asked of a rule that is not an
    /// <see cref="IGenericVectorRule"/>.</exception>
    public static void Apply<T>(IVectorRule rule, ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rule);
        int m = rule.OutputLength(x.Length);
        if (y.Length != m)
        {
            throw new ArgumentException($"Length mismatch: the rule {rule.GetType().Name} gives {m} outputs for {x.Length} inputs, but y has length {y.Length}.", nameof(y));
        }

        if (x.Overlaps(y))
        {
            throw new ArgumentException("y must not overlap x: the rule reads all of x after writing y.", nameof(y));
        }

        if (RuleDispatch<T>.Instance is { } dispatch)
        {
            dispatch.Apply(rule, x, y);
        }
        else
        {
            VectorRules.Evaluate(rule, x, y);
        }
    }

    /// <summary>y = f(x) for a vector rule, as a new array (see <see cref="Apply{T}(IVectorRule, ReadOnlySpan{T}, Span{T})"/>).</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="rule">The rule.</param>
    /// <param name="x">The input.</param>
    /// <returns>y, of length <see cref="IVectorRule.OutputLength"/>(n).</returns>
    public static T[] Apply<T>(IVectorRule rule, ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rule);
        var y = new T[rule.OutputLength(x.Length)];
        Apply(rule, x, y);
        return y;
    }

    /// <summary>The value of x with zero derivative at every level (JAX's <c>stop_gradient</c>, PyTorch's
    /// <c>detach</c>).</summary>
    /// <typeparam name="T">Any supported scalar, possibly nested.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>x's value as a constant: a zero tangent (every part, when nested), never recorded on a tape.</returns>
    public static T StopGradient<T>(T x)
        where T : IFloatingPointIeee754<T> => RuleDispatch<T>.Instance is { } dispatch ? dispatch.StopGradient(x) : x;
}
