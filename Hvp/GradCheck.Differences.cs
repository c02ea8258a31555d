namespace DualAutodiff;

public static partial class GradCheck
{
    /// <summary>ε = 2⁻⁵², the distance from 1 to the next <see cref="double"/>.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>How many times ε·|F| the rounding error of one evaluation is taken to be: a few operations each
    /// round, and a sum of terms rounds relative to its largest term, not to the sum.</summary>
    private const double NoiseFactor = 8;

    /// <summary>The derivative of F along d by the four-point central stencil, and a bound on its rounding noise:
    /// derivative = [8(F(x + td) − F(x − td)) − (F(x + 2td) − F(x − 2td))] / 12t,
    /// noise = 8ε·(8|F(x + td)| + 8|F(x − td)| + |F(x + 2td)| + |F(x − 2td)|) / 12t, entry by entry.</summary>
    /// <param name="evaluate">Writes F(point) into its second argument, of the length of <paramref name="derivative"/>.</param>
    /// <param name="x">The point.</param>
    /// <param name="direction">d.</param>
    /// <param name="t">The step, positive.</param>
    /// <param name="derivative">Receives F′(x)·d.</param>
    /// <param name="noise">Receives the rounding bound.</param>
    /// <remarks>The stencil is exact for polynomials of degree 4 and its truncation error is
    /// −t⁴F⁽⁵⁾/30; the weights follow from Taylor expansion, or as one Richardson step (4D₂(t) − D₂(2t))/3 on the
    /// two-point difference D₂, whose error t²F‴/6 it cancels.</remarks>
    private static void Differentiate(Action<double[], double[]> evaluate, double[] x, double[] direction, double t, double[] derivative, double[] noise)
    {
        int m = derivative.Length;
        double[] plus1 = Evaluate(evaluate, x, direction, t, m);
        double[] minus1 = Evaluate(evaluate, x, direction, -t, m);
        double[] plus2 = Evaluate(evaluate, x, direction, 2 * t, m);
        double[] minus2 = Evaluate(evaluate, x, direction, -2 * t, m);
        double twelveT = 12 * t;
        for (int k = 0; k < m; k++)
        {
            derivative[k] = ((8 * (plus1[k] - minus1[k])) - (plus2[k] - minus2[k])) / twelveT;
            double size = (8 * (Math.Abs(plus1[k]) + Math.Abs(minus1[k]))) + Math.Abs(plus2[k]) + Math.Abs(minus2[k]);
            noise[k] = NoiseFactor * MachineEpsilon * size / twelveT;
        }
    }

    /// <summary>F(x + s·d), freshly allocated.</summary>
    private static double[] Evaluate(Action<double[], double[]> evaluate, double[] x, double[] direction, double s, int m)
    {
        var point = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            point[i] = x[i] + (s * direction[i]);
        }

        var y = new double[m];
        evaluate(point, y);
        return y;
    }

    /// <summary>The step hⱼ = c·∛ε·max(|xⱼ|, 1) of one input, rounded so that xⱼ + hⱼ is exact: the difference
    /// divides by the step actually taken.</summary>
    private static double ColumnStep(double xj, GradCheckOptions options)
    {
        double h = options.StepScale * Step(xj);
        return (xj + h) - xj;
    }

    /// <summary>The unit vector eⱼ of length n.</summary>
    private static double[] Unit(int n, int j)
    {
        var e = new double[n];
        e[j] = 1;
        return e;
    }

    /// <summary>A fixed pseudo-random number in [−1, 1): the R2 low-discrepancy sequence (plastic-number steps)
    /// in k and i, so a check is reproducible.</summary>
    private static double Seed(int k, int i) => (2 * ((0.5 + ((k + 1) * 0.7548776662466927) + ((i + 1) * 0.5698402909980532)) % 1.0)) - 1;

    /// <summary>The k-th seed direction, each entry divided by its input's scale sᵢ, so it moves every input in its
    /// own units.</summary>
    private static double[] ScaledSeed(double[] x, int k)
    {
        var v = new double[x.Length];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = Seed(k, i) / InputScale(x[i]);
        }

        return v;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>An m×n matrix row by row.</summary>
    private static double[] Flatten(double[,] a)
    {
        var flat = new double[a.Length];
        int n = a.GetLength(1);
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < n; j++)
            {
                flat[(i * n) + j] = a[i, j];
            }
        }

        return flat;
    }

    /// <summary>Runs a mode and compares it with the reference; an exception becomes a failed mode.</summary>
    private static GradCheckModeResult Compare(string mode, Func<double[]> compute, double[] reference, double[] absolute, GradCheckOptions options, int columns) =>
        Compare(mode, Outcome.Of(compute), reference, absolute, options, columns);

    /// <summary>Compares a mode's outcome with the reference.</summary>
    private static GradCheckModeResult Compare(string mode, Outcome computed, double[] reference, double[] absolute, GradCheckOptions options, int columns) =>
        computed.Values is null
            ? GradCheckModeResult.Failed(mode, computed.Error!)
            : Compare(mode, computed.Values, reference, absolute, options.RelativeTolerance, columns);

    /// <summary>Entry by entry: error = |a − b| / (absolute + rtol·max(|a|, |b|)); the worst entry is the largest
    /// error (the first on a tie). Equal values, equal infinities included, have error 0; a NaN (against
    /// anything, NaN too) or an ∞ against anything else has error +∞.</summary>
    /// <param name="mode">The mode's name.</param>
    /// <param name="computed">The mode's entries.</param>
    /// <param name="reference">The reference entries.</param>
    /// <param name="absolute">The absolute part of each entry's tolerance (atol/sⱼ plus noise).</param>
    /// <param name="relative">rtol.</param>
    /// <param name="columns">n for a row-major m×n matrix (entries indexed [i, j]); 0 for a vector ([i]).</param>
    private static GradCheckModeResult Compare(string mode, double[] computed, double[] reference, double[] absolute, double relative, int columns)
    {
        if (computed.Length != reference.Length)
        {
            return GradCheckModeResult.Failed(mode, $"returned {computed.Length} entries instead of {reference.Length}");
        }

        int worst = -1;
        double maxError = 0;
        double worstTolerance = double.NaN;
        for (int k = 0; k < computed.Length; k++)
        {
            double a = computed[k];
            double b = reference[k];
            double tolerance = absolute[k] + (relative * Math.Max(Math.Abs(a), Math.Abs(b)));
            double difference = Math.Abs(a - b);
            double error;
            if (a == b)
            {
                error = 0;
            }
            else if (!double.IsFinite(difference) || !double.IsFinite(tolerance))
            {
                error = double.PositiveInfinity;
            }
            else
            {
                error = tolerance > 0 ? difference / tolerance : double.PositiveInfinity;
            }

            if (worst < 0 || error > maxError)
            {
                worst = k;
                maxError = error;
                worstTolerance = tolerance;
            }
        }

        if (worst < 0)
        {
            return new GradCheckModeResult(mode, 0, [], double.NaN, double.NaN, double.NaN, null);
        }

        int[] index = columns > 0 ? [worst / columns, worst % columns] : [worst];
        return new GradCheckModeResult(mode, maxError, index, computed[worst], reference[worst], worstTolerance, null);
    }

    /// <summary>What a mode returned, or the exception it threw as "threw Type: message".</summary>
    private readonly record struct Outcome(double[]? Values, string? Error)
    {
        public static Outcome Of(Func<double[]> compute)
        {
            try
            {
                return new Outcome(compute(), null);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new Outcome(null, GradCheckModeResult.Threw(e));
            }
        }
    }
}
