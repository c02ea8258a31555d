using System.Buffers;

namespace DualAutodiff;

internal readonly partial struct SparsityTracer
{
    /// <inheritdoc/>
    RuleDispatch<SparsityTracer> IRuleHost<SparsityTracer>.Dispatch => Dispatcher.Shared;

    /// <summary>Custom rules: the value from the rule at double; the structure conservatively nonlinear in every operand,
    /// since a rule states its derivative, not whether its second derivative vanishes.</summary>
    private sealed class Dispatcher : RuleDispatch<SparsityTracer>
    {
        public static readonly Dispatcher Shared = new();

        public override SparsityTracer StopGradient(SparsityTracer x) => Constant(x._value);

        public override UnaryApplier<SparsityTracer> Unary<TRule>() => new UnaryRule<TRule>();

        public override BinaryApplier<SparsityTracer> Binary<TRule>() => new BinaryRule<TRule>();

        public override SpanApplier<SparsityTracer> Span<TRule>() => new SpanRule<TRule>();

        /// <summary>Every output depends on every input, all pairs interacting: one node shared by all outputs.</summary>
        public override void Apply(IVectorRule rule, ReadOnlySpan<SparsityTracer> x, Span<SparsityTracer> y)
        {
            int n = x.Length;
            int m = y.Length;
            double[] buffer = ArrayPool<double>.Shared.Rent(n + m);
            try
            {
                Span<double> values = buffer.AsSpan(0, n);
                Span<double> outputs = buffer.AsSpan(n, m);
                for (int i = 0; i < n; i++)
                {
                    values[i] = x[i]._value;
                }

                rule.Evaluate(values, outputs);
                int node = TraceRecording.Current.Nary(x, TraceRecording.AllPairs);
                for (int j = 0; j < m; j++)
                {
                    y[j] = new(outputs[j], node);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }
    }

    private sealed class UnaryRule<TRule> : UnaryApplier<SparsityTracer>
        where TRule : IScalarRule
    {
        public override SparsityTracer Apply(SparsityTracer x) => Nonlinear(TRule.Value(x._value), x);
    }

    private sealed class BinaryRule<TRule> : BinaryApplier<SparsityTracer>
        where TRule : IBinaryRule
    {
        public override SparsityTracer Apply(SparsityTracer x, SparsityTracer y) => Nonlinear(TRule.Value(x._value, y._value), x, y);
    }

    private sealed class SpanRule<TRule> : SpanApplier<SparsityTracer>
        where TRule : ISpanRule
    {
        public override SparsityTracer Apply(ReadOnlySpan<SparsityTracer> x)
        {
            int n = x.Length;
            double[] buffer = ArrayPool<double>.Shared.Rent(n);
            try
            {
                Span<double> values = buffer.AsSpan(0, n);
                for (int i = 0; i < n; i++)
                {
                    values[i] = x[i]._value;
                }

                return new(TRule.Value(values), TraceRecording.Current.Nary(x, TraceRecording.AllPairs));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buffer);
            }
        }
    }
}
