namespace DualAutodiff.Benchmarks;

/// <summary>The naive dense Hessian that HVPs avoid: n reverse-over-reverse passes, pass i recording the gradient
/// sweep of f on a <c>Tape&lt;Var&lt;double&gt;&gt;</c> and differentiating its component ∂f/∂xᵢ again, which gives
/// row i of H. Each pass costs about as much as an HVP, so the whole Hessian costs O(n) HVPs and O(n²) memory.</summary>
public static class DenseHessian
{
    /// <summary>H(x) row by row: Hᵢ,· = ∇(∂f/∂xᵢ).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>The n×n Hessian.</returns>
    public static double[,] ByGradientOfGradient(IScalarFunction f, double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Length;
        var hessian = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            int component = i;
            double[] row = Reverse.Gradient<double>(v => Reverse.Gradient<Var<double>>(f, v)[component], x);
            for (int j = 0; j < n; j++)
            {
                hessian[i, j] = row[j];
            }
        }

        return hessian;
    }
}
