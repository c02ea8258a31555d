namespace DualAutodiff;

/// <summary>
/// The compressed products B = H·S and B = J·S (or Sᵀ·J), one column of S per colour, Sᵢc = 1 when input i has
/// colour c: the one place that says how they are computed, so that a route carrying many tangents per sweep can
/// replace the loop over colours.
/// </summary>
/// <remarks>Today: for Hessians every colour in one forward-over-reverse recording and sweep with many tangents
/// (<see cref="Hvp.ComputeMany{T}(IScalarFunction, T[], T[][])"/>, up to 12 colours per sweep), which replaced one
/// <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/> per colour; that loop measured about twice as
/// fast as recording f once reverse-over-reverse
/// (<see cref="Hvp.Linearize{T}(IScalarFunction, T[])"/>) and sweeping it per colour (Benchmarks, <c>--sparse</c>:
/// 48 against 81 ms for 3 colours of chained Rosenbrock at n = 10⁵). For Jacobians by columns one forward pass
/// (<see cref="Forward.Jvp{T}(IVectorFunction, T[], T[])"/>) per colour, which measured 2.5 times faster than one
/// recording (<see cref="Reverse.Linearize{T}(IVectorFunction, T[])"/>) swept per colour (10 against 27 ms for 3 colours
/// of a tridiagonal residual at n = 10⁵); by rows that one recording and one backward sweep per colour. B is stored
/// colour-major: column c at [c·rows, (c + 1)·rows).</remarks>
internal static class CompressedProducts
{
    /// <summary>Whether the Hessian products use one <see cref="HessianOperator{T}"/> (true) or one
    /// forward-over-reverse <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/> per colour; settable for
    /// the benchmark that compares them.</summary>
    internal static bool HessianByOperator { get; set; }

    /// <summary>B = H(x)·S.</summary>
    public static void Hessian(IScalarFunction f, double[] x, Coloring coloring, double[] seed, double[] b)
    {
        int n = x.Length;
        if (coloring.Count == 0)
        {
            return;
        }

        if (HessianByOperator)
        {
            using HessianOperator<double> op = Hvp.Linearize(f, x);
            for (int c = 0; c < coloring.Count; c++)
            {
                Seed(coloring, c, seed);
                op.Apply(seed, b.AsSpan(c * n, n));
            }

            return;
        }

        // All colours' products from ⌈colours/12⌉ multi-direction sweeps (Var<Dual<double, TTangents>>); each
        // equals the single-direction Hvp.Compute (bit for bit unless f calls an array kernel).
        var seeds = new double[coloring.Count][];
        for (int c = 0; c < coloring.Count; c++)
        {
            seeds[c] = new double[n];
            Seed(coloring, c, seeds[c]);
        }

        double[][] products = Hvp.ComputeMany(f, x, seeds);
        for (int c = 0; c < coloring.Count; c++)
        {
            products[c].CopyTo(b.AsSpan(c * n, n));
        }
    }

    /// <summary>B = J(x)·S (by columns: n inputs coloured, B is m per colour) or Sᵀ·J (by rows: m outputs coloured,
    /// B is n per colour).</summary>
    public static void Jacobian(IVectorFunction f, double[] x, Coloring coloring, bool byRows, double[] seed, double[] b)
    {
        if (coloring.Count == 0)
        {
            return;
        }

        if (!byRows)
        {
            int m = b.Length / coloring.Count;
            for (int c = 0; c < coloring.Count; c++)
            {
                Seed(coloring, c, seed);
                Forward.Jvp(f, x, seed).Tangent.CopyTo(b.AsSpan(c * m, m));
            }

            return;
        }

        using Linearization<double> linearization = Reverse.Linearize(f, x);
        int n = linearization.InputLength;
        for (int c = 0; c < coloring.Count; c++)
        {
            Seed(coloring, c, seed);
            linearization.Vjp(seed, b.AsSpan(c * n, n));
        }
    }

    private static void Seed(Coloring coloring, int c, double[] seed)
    {
        int[] colors = coloring.Colors;
        for (int i = 0; i < seed.Length; i++)
        {
            seed[i] = colors[i] == c ? 1 : 0;
        }
    }
}
