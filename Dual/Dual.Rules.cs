using System.Buffers;
using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T> : IRuleHost<Dual<T>>
{
    /// <inheritdoc/>
    RuleDispatch<Dual<T>> IRuleHost<Dual<T>>.Dispatch => Dispatcher.Shared;

    /// <summary>Custom rules at <see cref="Dual{T}"/>: the value from the rule at <typeparamref name="T"/>, the tangent
    /// from its generic derivative at <typeparamref name="T"/> times the argument's tangent.</summary>
    private sealed class Dispatcher : RuleDispatch<Dual<T>>
    {
        public static readonly Dispatcher Shared = new();

        public override Dual<T> StopGradient(Dual<T> x) => new(Rule.StopGradient(x._value), T.Zero);

        public override UnaryApplier<Dual<T>> Unary<TRule>() => new UnaryRule<TRule>();

        public override BinaryApplier<Dual<T>> Binary<TRule>() => new BinaryRule<TRule>();

        public override SpanApplier<Dual<T>> Span<TRule>() => new SpanRule<TRule>();

        /// <summary>y = f(a) + (J(a)·b)ε for inputs a + bε.</summary>
        public override void Apply(IVectorRule rule, ReadOnlySpan<Dual<T>> x, Span<Dual<T>> y)
        {
            VectorRules.RequireDerivativesAt<T>(rule);
            int n = x.Length;
            int m = y.Length;
            T[] buffer = ArrayPool<T>.Shared.Rent((2 * n) + (2 * m));
            try
            {
                Span<T> values = buffer.AsSpan(0, n);
                Span<T> tangents = buffer.AsSpan(n, n);
                Span<T> outputs = buffer.AsSpan(2 * n, m);
                Span<T> jvp = buffer.AsSpan((2 * n) + m, m);
                bool moving = false;
                for (int i = 0; i < n; i++)
                {
                    values[i] = x[i]._value;
                    tangents[i] = x[i]._tangent;
                    moving |= !Propagation.IsZero(tangents[i]);
                }

                Rule.Apply<T>(rule, values, outputs);
                if (moving)
                {
                    VectorRules.Jvp<T>(rule, values, outputs, tangents, jvp);
                }
                else
                {
                    jvp.Clear();
                }

                for (int j = 0; j < m; j++)
                {
                    y[j] = new(outputs[j], jvp[j]);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }

    private sealed class UnaryRule<TRule> : UnaryApplier<Dual<T>>
        where TRule : IScalarRule
    {
        public override Dual<T> Apply(Dual<T> x)
        {
            T value = Rule.Apply<TRule, T>(x._value);
            return Chain(x, (value, ScalarRules.Derivative<TRule, T>(x._value, value)));
        }
    }

    private sealed class BinaryRule<TRule> : BinaryApplier<Dual<T>>
        where TRule : IBinaryRule
    {
        public override Dual<T> Apply(Dual<T> x, Dual<T> y)
        {
            (T dx, T dy) = TRule.Derivatives(x._value, y._value);
            return Chain(x, y, (Rule.Apply<TRule, T>(x._value, y._value), dx, dy));
        }
    }

    /// <summary>f(a + bε) = f(a) + (Σ bᵢ·∂ᵢf(a))ε.</summary>
    private sealed class SpanRule<TRule> : SpanApplier<Dual<T>>
        where TRule : ISpanRule
    {
        public override Dual<T> Apply(ReadOnlySpan<Dual<T>> x)
        {
            int n = x.Length;
            T[] buffer = ArrayPool<T>.Shared.Rent(2 * n);
            try
            {
                Span<T> values = buffer.AsSpan(0, n);
                Span<T> gradient = buffer.AsSpan(n, n);
                bool moving = false;
                for (int i = 0; i < n; i++)
                {
                    values[i] = x[i]._value;
                    moving |= !Propagation.IsZero(x[i]._tangent);
                }

                T value = Rule.Apply<TRule, T>(values);
                T tangent = T.Zero;
                if (moving)
                {
                    TRule.Gradient<T>(values, value, gradient);
                    for (int i = 0; i < n; i++)
                    {
                        tangent += Propagation.Scale(x[i]._tangent, gradient[i]);
                    }
                }

                return new(value, tangent);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }
}
