using System.Globalization;

namespace DualAutodiff.Benchmarks;

/// <summary>The scalar engine against Sacado (<c>-- --engine [--repeat R]</c>): chained Rosenbrock at the peers' point
/// and direction (x = 0.5 + 0.4 sin i, v = cos i), n = 10, 1000, 100000, plain, JVP, gradient and forward-over-reverse
/// H·v measured back to back in every round (smallest median of R rounds kept), in ns per call with the ratios to the
/// plain function and to Sacado's times in <c>peers/results/sacado.txt</c>.</summary>
public static class EngineCost
{
    private const double Budget = 0.15;

    /// <summary>Prints one table row per size.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="rounds">How many rounds; the smallest median per case is kept.</param>
    public static void Run(TextWriter output, int rounds)
    {
        ArgumentNullException.ThrowIfNull(output);
        ResultSet sacado = ResultSet.Load(Path.Combine(RepositoryPaths.PeerResults, "sacado.txt"));
        IScalarFunction f = ChainedRosenbrock.Instance;
        output.WriteLine(FormattableString.Invariant($"# chained Rosenbrock, ns per call, smallest median of {rounds} round(s); S = Sacado (sacado.txt)"));
        output.WriteLine("| n | plain | JVP | /plain | /S | gradient | /plain | /S | H·v | /gradient | /S |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int n in (int[])[10, 1000, 100000])
        {
            double[] x = [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.4 * Math.Sin(i)))];
            double[] v = [.. Enumerable.Range(0, n).Select(i => Math.Cos(i))];
            Func<double>[] calls =
            [
                () => f.Evaluate<double>(x),
                () => Forward.Jvp(f, x, v).Tangent,
                () => Reverse.Gradient(f, x)[0],
                () => Hvp.Compute(f, x, v)[0],
            ];
            // Tiered compilation: run each case long enough, twice, with pauses for the background JIT, so the
            // rounds time the final tier.
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (Func<double> call in calls)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    while (clock.ElapsedMilliseconds < 150)
                    {
                        Timing.Consume(call());
                    }
                }

                Thread.Sleep(200);
            }

            double[] best = [.. calls.Select(_ => double.PositiveInfinity)];
            for (int r = 0; r < rounds; r++)
            {
                for (int c = 0; c < calls.Length; c++)
                {
                    best[c] = Math.Min(best[c], Timing.Measure(calls[c], Budget, 5).MedianMicroseconds * 1000);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n} | {best[0]:G4} | {best[1]:G4} | {best[1] / best[0]:F2} | {Versus(best[1], sacado, "jvp", n)} | {best[2]:G4} | {best[2] / best[0]:F1} | {Versus(best[2], sacado, "gradient", n)} | {best[3]:G4} | {best[3] / best[2]:F2} | {Versus(best[3], sacado, "hvp", n)} |"));
        }
    }

    private static string Versus(double ns, ResultSet sacado, string mode, int n) =>
        sacado.Get("rosenbrock", mode, n) is double us ? (ns / (us * 1000)).ToString("F2", CultureInfo.InvariantCulture) : "–";
}
