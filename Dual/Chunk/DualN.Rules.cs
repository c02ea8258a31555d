using System.Buffers;
using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T, TTangents> : IRuleHost<Dual<T, TTangents>>
{
    /// <inheritdoc/>
    RuleDispatch<Dual<T, TTangents>> IRuleHost<Dual<T, TTangents>>.Dispatch => Dispatcher.Shared;

    /// <summary>Custom rules at <see cref="Dual{T, TTangents}"/>: the value from the rule at <typeparamref name="T"/>,
    /// every lane from its generic derivative at <typeparamref name="T"/> times that lane of the argument.</summary>
    private sealed class Dispatcher : RuleDispatch<Dual<T, TTangents>>
    {
        public static readonly Dispatcher Shared = new();

        public override Dual<T, TTangents> StopGradient(Dual<T, TTangents> x) => new(Rule.StopGradient(x._value));

        public override UnaryApplier<Dual<T, TTangents>> Unary<TRule>() => new UnaryRule<TRule>();

        public override BinaryApplier<Dual<T, TTangents>> Binary<TRule>() => new BinaryRule<TRule>();

        public override SpanApplier<Dual<T, TTangents>> Span<TRule>() => new SpanRule<TRule>();

        /// <summary>y = f(a) + Σ (J(a)·bₗ)εₗ for inputs a + Σ bₗεₗ: one JVP per lane.</summary>
        public override void Apply(IVectorRule rule, ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> y)
        {
            VectorRules.RequireDerivativesAt<T>(rule);
            int n = x.Length;
            int m = y.Length;
            int k = TTangents.Count;
            T[] buffer = ArrayPool<T>.Shared.Rent((2 * n) + m + (k * m));
            try
            {
                Span<T> values = buffer.AsSpan(0, n);
                Span<T> tangents = buffer.AsSpan(n, n);
                Span<T> outputs = buffer.AsSpan(2 * n, m);
                Span<T> jvps = buffer.AsSpan((2 * n) + m, k * m);
                for (int i = 0; i < n; i++)
                {
                    values[i] = x[i]._value;
                }

                Rule.Apply<T>(rule, values, outputs);
                for (int lane = 0; lane < k; lane++)
                {
                    bool moving = false;
                    for (int i = 0; i < n; i++)
                    {
                        tangents[i] = TTangents.Get(in x[i]._tangents, lane);
                        moving |= !Propagation.IsZero(tangents[i]);
                    }

                    Span<T> jvp = jvps.Slice(lane * m, m);
                    if (moving)
                    {
                        VectorRules.Jvp<T>(rule, values, outputs, tangents, jvp);
                    }
                    else
                    {
                        jvp.Clear();
                    }
                }

                for (int j = 0; j < m; j++)
                {
                    TTangents lanes = TangentLanes.Zero<T, TTangents>();
                    for (int lane = 0; lane < k; lane++)
                    {
                        TTangents.Set(ref lanes, lane, jvps[(lane * m) + j]);
                    }

                    y[j] = new(outputs[j], lanes);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }

    private sealed class UnaryRule<TRule> : UnaryApplier<Dual<T, TTangents>>
        where TRule : IScalarRule
    {
        public override Dual<T, TTangents> Apply(Dual<T, TTangents> x)
        {
            T value = Rule.Apply<TRule, T>(x._value);
            return Chain(x, (value, ScalarRules.Derivative<TRule, T>(x._value, value)));
        }
    }

    private sealed class BinaryRule<TRule> : BinaryApplier<Dual<T, TTangents>>
        where TRule : IBinaryRule
    {
        public override Dual<T, TTangents> Apply(Dual<T, TTangents> x, Dual<T, TTangents> y)
        {
            (T dx, T dy) = TRule.Derivatives(x._value, y._value);
            return Chain(x, y, (Rule.Apply<TRule, T>(x._value, y._value), dx, dy));
        }
    }

    /// <summary>f(a + Σbₗεₗ) = f(a) + Σₗ (Σᵢ bₗᵢ·∂ᵢf(a))εₗ: one gradient at a serves every lane.</summary>
    private sealed class SpanRule<TRule> : SpanApplier<Dual<T, TTangents>>
        where TRule : ISpanRule
    {
        public override Dual<T, TTangents> Apply(ReadOnlySpan<Dual<T, TTangents>> x)
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
                    moving |= !TangentLanes.IsZero<T, TTangents>(in x[i]._tangents);
                }

                T value = Rule.Apply<TRule, T>(values);
                TTangents lanes = TangentLanes.Zero<T, TTangents>();
                if (moving)
                {
                    TRule.Gradient<T>(values, value, gradient);
                    for (int i = 0; i < n; i++)
                    {
                        for (int lane = 0; lane < TTangents.Count; lane++)
                        {
                            TTangents.Set(ref lanes, lane, TTangents.Get(in lanes, lane) + Propagation.Scale(TTangents.Get(in x[i]._tangents, lane), gradient[i]));
                        }
                    }
                }

                return new(value, lanes);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }
        }
    }
}
