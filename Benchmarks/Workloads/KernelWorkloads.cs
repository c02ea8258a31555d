using System.Buffers;
using System.Numerics;

namespace DualAutodiff.Benchmarks.Workloads;

/// <summary>Chained Rosenbrock (SciPy's <c>rosen</c>) written with <see cref="Kernels"/>, as PyTorch users write it:
/// f(x) = 100·‖x[1:] − x[:−1]²‖² + ‖1 − x[:−1]‖², five kernel calls whatever n is.</summary>
public sealed class ChainedRosenbrockKernels : IScalarFunction
{
    /// <summary>The shared instance (the function has no state).</summary>
    public static ChainedRosenbrockKernels Instance { get; } = new();

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        int m = Math.Max(0, x.Length - 1);
        T[] buffer = ArrayPool<T>.Shared.Rent(Math.Max(1, 2 * m));
        try
        {
            Span<T> a = buffer.AsSpan(0, m), b = buffer.AsSpan(m, m);
            ReadOnlySpan<T> head = x[..m];
            Kernels.Square(head, a);
            Kernels.Subtract(x.Slice(x.Length - m), a, a);
            Kernels.Subtract(T.One, head, b);
            return (T.CreateChecked(100) * Kernels.SumOfSquares<T>(a)) + Kernels.SumOfSquares<T>(b);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}

/// <summary>The logistic-regression loss of <see cref="LogisticLoss"/> written with <see cref="Kernels"/>:
/// z = A·w, f = Σ softplus(z) − y·z (softplus z = log(1 + eᶻ)), three kernel calls; the data matrix A is a
/// <c>double[]</c> passed to the data overload of <see cref="Kernels.MatrixVector{T}(ReadOnlyMemory{double}, int, int, ReadOnlySpan{T}, Span{T})"/>
/// (kept by reference on a tape, as PyTorch keeps a tensor that does not require grad).</summary>
public sealed class LogisticLossKernels : IScalarFunction
{
    private readonly TypedData _a;
    private readonly TypedData _y;

    /// <summary>Creates the loss over the same data as <see cref="LogisticLoss"/>.</summary>
    /// <param name="samples">m.</param>
    /// <param name="features">n.</param>
    public LogisticLossKernels(int samples = 1000, int features = 100)
    {
        Samples = samples;
        Features = features;
        var scalar = new LogisticLoss(samples, features);
        _a = new TypedData(scalar.Data);
        _y = new TypedData(scalar.Labels);
    }

    /// <summary>m, the number of samples.</summary>
    public int Samples { get; }

    /// <summary>n, the number of features.</summary>
    public int Features { get; }

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T[] buffer = ArrayPool<T>.Shared.Rent(2 * Samples);
        try
        {
            Span<T> z = buffer.AsSpan(0, Samples), s = buffer.AsSpan(Samples, Samples);
            Kernels.MatrixVector(_a.Values, Samples, Features, x, z);
            Kernels.Softplus<T>(z, s);
            return Kernels.Sum<T>(s) - Kernels.Dot(_y.As<T>(), z);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}

/// <summary>The tanh network of <see cref="MlpLoss"/> written with <see cref="Kernels"/> over the whole batch at once
/// (activations are 64×B matrices, one column per sample): Z₁ = W₁·Xᵀ + b₁·1ᵀ, H₁ = tanh Z₁, the same for layer 2,
/// o = w₃ᵀ·H₂ + b₃, f = ‖o − t‖²/B; a dozen kernel calls per evaluation. The inputs Xᵀ and the row of ones are
/// <c>double[]</c> data matrices (the data overloads of <c>Kernels.MatrixMultiply</c>).</summary>
public sealed class MlpLossKernels : IScalarFunction
{
    private const int Inputs = MlpLoss.Inputs;
    private const int Hidden = MlpLoss.Hidden;

    private readonly TypedData _xTransposed;
    private readonly TypedData _t;
    private readonly TypedData _ones;

    /// <summary>Creates the loss over the same batch as <see cref="MlpLoss"/>.</summary>
    /// <param name="batch">B.</param>
    public MlpLossKernels(int batch = 32)
    {
        Batch = batch;
        var scalar = new MlpLoss(batch);
        double[] x = scalar.BatchData;
        double[] xt = new double[x.Length];
        for (int b = 0; b < batch; b++)
        {
            for (int k = 0; k < Inputs; k++)
            {
                xt[(k * batch) + b] = x[(b * Inputs) + k];
            }
        }

        _xTransposed = new TypedData(xt);
        _t = new TypedData(scalar.Targets);
        double[] ones = new double[batch];
        Array.Fill(ones, 1.0);
        _ones = new TypedData(ones);
    }

    /// <summary>B, the batch size.</summary>
    public int Batch { get; }

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        int hb = Hidden * Batch;
        ReadOnlySpan<T> w1 = x[..(Hidden * Inputs)];
        ReadOnlySpan<T> b1 = x.Slice(w1.Length, Hidden);
        ReadOnlySpan<T> w2 = x.Slice(w1.Length + Hidden, Hidden * Hidden);
        ReadOnlySpan<T> b2 = x.Slice(w1.Length + Hidden + w2.Length, Hidden);
        ReadOnlySpan<T> w3 = x.Slice(w1.Length + Hidden + w2.Length + Hidden, Hidden);
        T b3 = x[MlpLoss.Weights - 1];

        T[] buffer = ArrayPool<T>.Shared.Rent((4 * hb) + Batch);
        try
        {
            Span<T> z = buffer.AsSpan(0, hb), bias = buffer.AsSpan(hb, hb), h1 = buffer.AsSpan(2 * hb, hb), h2 = buffer.AsSpan(3 * hb, hb);
            Span<T> o = buffer.AsSpan(4 * hb, Batch);
            Kernels.MatrixMultiply(w1, _xTransposed.Values, z, Hidden, Inputs, Batch);
            Kernels.MatrixMultiply(b1, _ones.Values, bias, Hidden, 1, Batch);
            Kernels.Add<T>(z, bias, z);
            Kernels.Tanh<T>(z, h1);
            Kernels.MatrixMultiply<T>(w2, h1, z, Hidden, Hidden, Batch);
            Kernels.MatrixMultiply(b2, _ones.Values, bias, Hidden, 1, Batch);
            Kernels.Add<T>(z, bias, z);
            Kernels.Tanh<T>(z, h2);
            Kernels.MatrixMultiply<T>(w3, h2, o, 1, Hidden, Batch);
            Kernels.Add<T>(o, b3, o);
            Kernels.Subtract(o, _t.As<T>(), o);
            return Kernels.SumOfSquares<T>(o) / T.CreateChecked(Batch);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}
