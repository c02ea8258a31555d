using System.Buffers;
using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Var<T> : IRuleHost<Var<T>>
{
    /// <inheritdoc/>
    RuleDispatch<Var<T>> IRuleHost<Var<T>>.Dispatch => Dispatcher.Shared;

    /// <summary>Custom rules at <see cref="Var{T}"/>: the value from the rule at <typeparamref name="T"/>, one record
    /// whose partials are the rule's generic derivatives at <typeparamref name="T"/>. Constants are not recorded and
    /// their derivatives are never computed.</summary>
    private sealed class Dispatcher : RuleDispatch<Var<T>>
    {
        public static readonly Dispatcher Shared = new();

        public override Var<T> StopGradient(Var<T> x)
        {
            // The stopped value is a constant from here on: a recording for replay needs it unchanged.
            if (Tape<T>.AnyCompiling)
            {
                Tape<T>.GuardSame(x);
            }

            return new(Rule.StopGradient(x._value));
        }

        public override UnaryApplier<Var<T>> Unary<TRule>() => new UnaryRule<TRule>();

        public override BinaryApplier<Var<T>> Binary<TRule>() => new BinaryRule<TRule>();

        public override SpanApplier<Var<T>> Span<TRule>() => new SpanRule<TRule>();

        public override void Apply(IVectorRule rule, ReadOnlySpan<Var<T>> x, Span<Var<T>> y)
        {
            VectorRules.RequireDerivativesAt<T>(rule);
            int n = x.Length;
            int m = y.Length;
            T[] buffer = ArrayPool<T>.Shared.Rent(n + m);
            try
            {
                Span<T> values = buffer.AsSpan(0, n);
                Span<T> outputs = buffer.AsSpan(n, m);
                for (int i = 0; i < n; i++)
                {
                    values[i] = x[i]._value;
                }

                Rule.Apply<T>(rule, values, outputs);
                Tape<T>.VectorOperation(rule, x, values, outputs, y);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }

    private sealed class UnaryRule<TRule> : UnaryApplier<Var<T>>
        where TRule : IScalarRule
    {
        public override unsafe Var<T> Apply(Var<T> x)
        {
            T value = Rule.Apply<TRule, T>(x._value);
            return x.IsRecorded ? Tape<T>.Operation(value, x, ScalarRules.Derivative<TRule, T>(x._value, value), ReplayOp.Unary, (nint)(delegate*<T, (T Value, T Derivative)>)&Replay) : new(value);
        }

        /// <summary>The rule's value and derivative at x, for a replay.</summary>
        private static (T Value, T Derivative) Replay(T x)
        {
            T value = Rule.Apply<TRule, T>(x);
            return (value, ScalarRules.Derivative<TRule, T>(x, value));
        }
    }

    private sealed class BinaryRule<TRule> : BinaryApplier<Var<T>>
        where TRule : IBinaryRule
    {
        public override unsafe Var<T> Apply(Var<T> x, Var<T> y)
        {
            T value = Rule.Apply<TRule, T>(x._value, y._value);
            if (!x.IsRecorded && !y.IsRecorded)
            {
                return new(value);
            }

            (T dx, T dy) = TRule.Derivatives(x._value, y._value);
            return Tape<T>.Operation(value, x, dx, y, dy, ReplayOp.Binary, (nint)(delegate*<T, T, (T Value, T Dx, T Dy)>)&Replay);
        }

        /// <summary>The rule's value and partials at (x, y), for a replay.</summary>
        private static (T Value, T Dx, T Dy) Replay(T x, T y)
        {
            (T dx, T dy) = TRule.Derivatives(x, y);
            return (Rule.Apply<TRule, T>(x, y), dx, dy);
        }
    }

    private sealed class SpanRule<TRule> : SpanApplier<Var<T>>
        where TRule : ISpanRule
    {
        /// <summary>The rule's value and gradient at x, for a replay.</summary>
        private static T Replay(ReadOnlySpan<T> x, Span<T> gradient)
        {
            T value = Rule.Apply<TRule, T>(x);
            TRule.Gradient<T>(x, value, gradient);
            return value;
        }

        public override unsafe Var<T> Apply(ReadOnlySpan<Var<T>> x)
        {
            int n = x.Length;
            T[] buffer = ArrayPool<T>.Shared.Rent(2 * n);
            try
            {
                Span<T> values = buffer.AsSpan(0, n);
                Span<T> gradient = buffer.AsSpan(n, n);
                bool recorded = false;
                for (int i = 0; i < n; i++)
                {
                    values[i] = x[i]._value;
                    recorded |= x[i].IsRecorded;
                }

                T value = Rule.Apply<TRule, T>(values);
                if (!recorded)
                {
                    return new(value);
                }

                TRule.Gradient<T>(values, value, gradient);
                return Tape<T>.AnyCompiling ? Tape<T>.SpanForReplay(value, x, gradient, &Replay) : Tape<T>.Operation(value, x, gradient);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }
}
