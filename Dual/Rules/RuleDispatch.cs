using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>Implemented by the library's differentiable scalars (<see cref="Dual{T}"/> and <c>Var&lt;T&gt;</c>), so
/// that <see cref="Rule"/>, called from generic code, reaches the scalar's own way of applying a rule.</summary>
/// <typeparam name="TSelf">The scalar type.</typeparam>
internal interface IRuleHost<TSelf>
    where TSelf : IFloatingPointIeee754<TSelf>
{
    /// <summary>The scalar type's rule dispatcher (the same object for every value).</summary>
    RuleDispatch<TSelf> Dispatch { get; }
}

/// <summary>How one differentiable scalar type applies rules. Found once per type through <see cref="IRuleHost{TSelf}"/>;
/// the per-rule appliers it makes are cached per (rule, type) pair, so a steady-state call is one virtual call.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal abstract class RuleDispatch<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>The dispatcher of <typeparamref name="T"/>, or null for a plain type (rules evaluate at double).</summary>
    public static readonly RuleDispatch<T>? Instance = default(T) is IRuleHost<T> host ? host.Dispatch : null;

    /// <summary>Whether <typeparamref name="T"/> carries derivatives (a <see cref="Dual{T}"/> or <c>Var</c>).</summary>
    public static bool IsDifferentiable => Instance is not null;

    /// <summary>x with zero derivative at every level.</summary>
    public abstract T StopGradient(T x);

    /// <summary>The applier of a scalar rule at this type (called once per rule).</summary>
    public abstract UnaryApplier<T> Unary<TRule>()
        where TRule : IScalarRule;

    /// <summary>The applier of a binary rule at this type (called once per rule).</summary>
    public abstract BinaryApplier<T> Binary<TRule>()
        where TRule : IBinaryRule;

    /// <summary>The applier of a span rule at this type (called once per rule).</summary>
    public abstract SpanApplier<T> Span<TRule>()
        where TRule : ISpanRule;

    /// <summary>y = f(x) for a vector rule, with this type's derivatives.</summary>
    public abstract void Apply(IVectorRule rule, ReadOnlySpan<T> x, Span<T> y);
}

/// <summary>One scalar rule at one scalar type.</summary>
internal abstract class UnaryApplier<T>
{
    public abstract T Apply(T x);
}

/// <summary>What the scalar types share about applying a scalar rule.</summary>
internal static class ScalarRules
{
    /// <summary>f′(x), from the value when the rule says that is cheaper.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static T Derivative<TRule, T>(T x, T value)
        where TRule : IScalarRule
        where T : IFloatingPointIeee754<T> => TRule.DerivativeUsesValue ? TRule.Derivative(x, value) : TRule.Derivative(x);
}

/// <summary>One binary rule at one scalar type.</summary>
internal abstract class BinaryApplier<T>
{
    public abstract T Apply(T x, T y);
}

/// <summary>One span rule at one scalar type.</summary>
internal abstract class SpanApplier<T>
{
    public abstract T Apply(ReadOnlySpan<T> x);
}

/// <summary>The applier of <typeparamref name="TRule"/> at <typeparamref name="T"/>, made once.</summary>
internal static class UnaryCache<TRule, T>
    where TRule : IScalarRule
    where T : IFloatingPointIeee754<T>
{
    public static readonly UnaryApplier<T> Applier = RuleDispatch<T>.Instance?.Unary<TRule>() ?? new Plain();

    /// <summary>A plain type other than double (float, Half, …): the value at double, rounded to T.</summary>
    private sealed class Plain : UnaryApplier<T>
    {
        public override T Apply(T x) => T.CreateTruncating(TRule.Value(double.CreateTruncating(x)));
    }
}

/// <summary>The applier of <typeparamref name="TRule"/> at <typeparamref name="T"/>, made once.</summary>
internal static class BinaryCache<TRule, T>
    where TRule : IBinaryRule
    where T : IFloatingPointIeee754<T>
{
    public static readonly BinaryApplier<T> Applier = RuleDispatch<T>.Instance?.Binary<TRule>() ?? new Plain();

    /// <summary>A plain type other than double: the value at double, rounded to T.</summary>
    private sealed class Plain : BinaryApplier<T>
    {
        public override T Apply(T x, T y) => T.CreateTruncating(TRule.Value(double.CreateTruncating(x), double.CreateTruncating(y)));
    }
}

/// <summary>The applier of <typeparamref name="TRule"/> at <typeparamref name="T"/>, made once.</summary>
internal static class SpanCache<TRule, T>
    where TRule : ISpanRule
    where T : IFloatingPointIeee754<T>
{
    public static readonly SpanApplier<T> Applier = RuleDispatch<T>.Instance?.Span<TRule>() ?? new Plain();

    /// <summary>A plain type other than double: the value at double, rounded to T.</summary>
    private sealed class Plain : SpanApplier<T>
    {
        public override T Apply(ReadOnlySpan<T> x)
        {
            double[] buffer = ArrayPool<double>.Shared.Rent(x.Length);
            try
            {
                Span<double> values = buffer.AsSpan(0, x.Length);
                PlainSpans.ToDouble(x, values);
                return T.CreateTruncating(TRule.Value(values));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }
    }
}

/// <summary>Spans of a plain type seen or converted as <see cref="double"/>.</summary>
internal static class PlainSpans
{
    /// <summary>The span itself, when <typeparamref name="T"/> is <see cref="double"/>.</summary>
    public static ReadOnlySpan<double> AsDouble<T>(ReadOnlySpan<T> span) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>The span itself, when <typeparamref name="T"/> is <see cref="double"/>.</summary>
    public static Span<double> AsDouble<T>(Span<T> span) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(span)), span.Length);

    /// <summary>Each element converted to double.</summary>
    public static void ToDouble<T>(ReadOnlySpan<T> source, Span<double> destination)
        where T : INumberBase<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = double.CreateTruncating(source[i]);
        }
    }

    /// <summary>Each element rounded to T.</summary>
    public static void FromDouble<T>(ReadOnlySpan<double> source, Span<T> destination)
        where T : INumberBase<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = T.CreateTruncating(source[i]);
        }
    }
}
