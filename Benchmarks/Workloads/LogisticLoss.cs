using System.Numerics;

namespace DualAutodiff.Benchmarks.Workloads;

/// <summary>The logistic-regression loss f(w) = Σⱼ log(1 + exp(zⱼ)) − yⱼ·zⱼ with zⱼ = Σₖ Aⱼₖ·wₖ, on fixed synthetic
/// data Aⱼₖ = sin(0.37·j + 0.11·k + 0.5), yⱼ = 1 for even j, else 0.</summary>
public sealed class LogisticLoss : IScalarFunction
{
    private readonly TypedData _a;
    private readonly TypedData _y;

    /// <summary>Creates the loss over <paramref name="samples"/> samples of <paramref name="features"/> features.</summary>
    /// <param name="samples">m, the number of samples (1000 in the benchmark).</param>
    /// <param name="features">n, the number of features and weights (100 in the benchmark).</param>
    public LogisticLoss(int samples = 1000, int features = 100)
    {
        Samples = samples;
        Features = features;
        double[] a = new double[samples * features];
        double[] y = new double[samples];
        for (int j = 0; j < samples; j++)
        {
            for (int k = 0; k < features; k++)
            {
                a[(j * features) + k] = Math.Sin((0.37 * j) + (0.11 * k) + 0.5);
            }

            y[j] = j % 2 == 0 ? 1.0 : 0.0;
        }

        _a = new TypedData(a);
        _y = new TypedData(y);
    }

    /// <summary>A, row-major m×n (shared, do not modify).</summary>
    public double[] Data => _a.Values;

    /// <summary>The labels y (shared, do not modify).</summary>
    public double[] Labels => _y.Values;

    /// <summary>m, the number of samples.</summary>
    public int Samples { get; }

    /// <summary>n, the number of features: the length of the weight vector.</summary>
    public int Features { get; }

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> a = _a.As<T>();
        ReadOnlySpan<T> y = _y.As<T>();
        int n = Features;
        T f = T.Zero;
        for (int j = 0; j < Samples; j++)
        {
            ReadOnlySpan<T> row = a.Slice(j * n, n);
            T z = T.Zero;
            for (int k = 0; k < n; k++)
            {
                z += row[k] * x[k];
            }

            f += T.Log(T.One + T.Exp(z)) - y[j] * z;
        }

        return f;
    }
}
