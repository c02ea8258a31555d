using System.Globalization;

namespace DualAutodiff.Benchmarks;

/// <summary>Forward-mode JVP against the plain function (<c>-- --jvp [--repeat R]</c>): chained Rosenbrock at the
/// peers' point and direction (x = 0.5 + 0.4 sin i, v = cos i), n = 10, 1000, 100000; the two cases of one n are
/// measured back to back in every round and the smallest median of R rounds is kept, so the ratio is of one run.</summary>
public static class JvpCost
{
    private const double Budget = 0.15;

    /// <summary>Prints <c>n plain_us jvp_us ratio</c> per size.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="rounds">How many rounds; the smallest median per case is kept.</param>
    public static void Run(TextWriter output, int rounds)
    {
        ArgumentNullException.ThrowIfNull(output);
        IScalarFunction f = ChainedRosenbrock.Instance;
        output.WriteLine(FormattableString.Invariant($"# chained Rosenbrock, Forward.Jvp vs plain double, smallest median of {rounds} round(s)"));
        output.WriteLine("| n | plain | jvp | jvp / plain |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (int n in (int[])[10, 1000, 100000])
        {
            double[] x = [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.4 * Math.Sin(i)))];
            double[] v = [.. Enumerable.Range(0, n).Select(i => Math.Cos(i))];
            Func<double> plain = () => f.Evaluate<double>(x);
            Func<double> jvp = () => Forward.Jvp(f, x, v).Tangent;
            for (int i = 0; i < 200; i++)
            {
                Timing.Consume(plain() + jvp());
            }

            Thread.Sleep(200);
            double bestPlain = double.PositiveInfinity;
            double bestJvp = double.PositiveInfinity;
            for (int r = 0; r < rounds; r++)
            {
                bestPlain = Math.Min(bestPlain, Timing.Measure(plain, Budget, 5).MedianMicroseconds);
                bestJvp = Math.Min(bestJvp, Timing.Measure(jvp, Budget, 5).MedianMicroseconds);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n} | {bestPlain:G4} µs | {bestJvp:G4} µs | {bestJvp / bestPlain:F2} |"));
        }
    }
}
