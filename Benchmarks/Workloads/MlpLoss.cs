using System.Buffers;
using System.Numerics;

namespace DualAutodiff.Benchmarks.Workloads;

/// <summary>The mean squared loss of a 16 → 64 → 64 → 1 network with two tanh layers, as a function of its 5313
/// weights θ = (W1 [64×16], b1, W2 [64×64], b2, w3, b3), on a fixed batch Xᵦₖ = sin(0.3·b + 0.7·k), tᵦ = cos(0.5·b):
/// f(θ) = (1/B)·Σᵦ (w3·tanh(W2·tanh(W1·Xᵦ + b1) + b2) + b3 − tᵦ)².</summary>
/// <remarks>The hidden activations live in pooled buffers, so a steady-state call allocates nothing.</remarks>
public sealed class MlpLoss : IScalarFunction
{
    /// <summary>The input width.</summary>
    public const int Inputs = 16;

    /// <summary>The width of both hidden layers.</summary>
    public const int Hidden = 64;

    /// <summary>The number of weights: 64·16 + 64 + 64·64 + 64 + 64 + 1.</summary>
    public const int Weights = (Hidden * Inputs) + Hidden + (Hidden * Hidden) + Hidden + Hidden + 1;

    private readonly TypedData _x;
    private readonly TypedData _t;

    /// <summary>Creates the loss over a batch of <paramref name="batch"/> samples.</summary>
    /// <param name="batch">B, the batch size (32 in the benchmark).</param>
    public MlpLoss(int batch = 32)
    {
        Batch = batch;
        double[] x = new double[batch * Inputs];
        double[] t = new double[batch];
        for (int b = 0; b < batch; b++)
        {
            for (int k = 0; k < Inputs; k++)
            {
                x[(b * Inputs) + k] = Math.Sin((0.3 * b) + (0.7 * k));
            }

            t[b] = Math.Cos(0.5 * b);
        }

        _x = new TypedData(x);
        _t = new TypedData(t);
    }

    /// <summary>The batch X, row-major B×16 (shared, do not modify).</summary>
    public double[] BatchData => _x.Values;

    /// <summary>The targets t (shared, do not modify).</summary>
    public double[] Targets => _t.Values;

    /// <summary>B, the batch size.</summary>
    public int Batch { get; }

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> w1 = x[..(Hidden * Inputs)];
        ReadOnlySpan<T> b1 = x.Slice(w1.Length, Hidden);
        ReadOnlySpan<T> w2 = x.Slice(w1.Length + Hidden, Hidden * Hidden);
        ReadOnlySpan<T> b2 = x.Slice(w1.Length + Hidden + w2.Length, Hidden);
        ReadOnlySpan<T> w3 = x.Slice(w1.Length + Hidden + w2.Length + Hidden, Hidden);
        T b3 = x[Weights - 1];
        ReadOnlySpan<T> data = _x.As<T>();
        ReadOnlySpan<T> targets = _t.As<T>();

        T[] buffer = ArrayPool<T>.Shared.Rent(2 * Hidden);
        Span<T> h1 = buffer.AsSpan(0, Hidden);
        Span<T> h2 = buffer.AsSpan(Hidden, Hidden);
        T loss = T.Zero;
        for (int b = 0; b < Batch; b++)
        {
            ReadOnlySpan<T> input = data.Slice(b * Inputs, Inputs);
            Layer(w1, b1, input, h1);
            Layer(w2, b2, h1, h2);
            T output = b3;
            for (int i = 0; i < Hidden; i++)
            {
                output += w3[i] * h2[i];
            }

            T d = output - targets[b];
            loss += d * d;
        }

        ArrayPool<T>.Shared.Return(buffer, clearArray: true);
        return loss / T.CreateChecked(Batch);
    }

    /// <summary>h = tanh(W·x + b) for a row-major W.</summary>
    private static void Layer<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> bias, ReadOnlySpan<T> x, Span<T> h)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < h.Length; i++)
        {
            ReadOnlySpan<T> row = w.Slice(i * x.Length, x.Length);
            T z = bias[i];
            for (int k = 0; k < x.Length; k++)
            {
                z += row[k] * x[k];
            }

            h[i] = T.Tanh(z);
        }
    }
}
