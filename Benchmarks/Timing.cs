using System.Diagnostics;

namespace DualAutodiff.Benchmarks;

/// <summary>The quick mode's Stopwatch harness: warm-up, then samples of k back-to-back calls (k chosen so a sample
/// takes ≥ ~200 µs), for at least a time budget and a number of samples; the median per-call time is reported.
/// The peers (<c>Benchmarks/peers/</c>) time the same way. The JIT is warmed up beforehand (<see cref="JitWarmUp"/>),
/// so the warm-up here is short.</summary>
public static class Timing
{
    private const double SampleSeconds = 200e-6;

    private static double s_sink;

    /// <summary>A sink for results, so no call is optimised away.</summary>
    public static double Sink => s_sink;

    /// <summary>Adds a result to <see cref="Sink"/>.</summary>
    /// <param name="result">A number computed by the code under test.</param>
    public static void Consume(double result) => s_sink += result;

    /// <summary>Times <paramref name="call"/>.</summary>
    /// <param name="call">One call of the code under test.</param>
    /// <param name="budgetSeconds">The least measurement time; warm-up adds ~10 %.</param>
    /// <param name="minSamples">The least number of samples.</param>
    /// <returns>The median time and the bytes allocated per call.</returns>
    public static Measurement Measure(Func<double> call, double budgetSeconds, int minSamples)
    {
        ArgumentNullException.ThrowIfNull(call);
        // One call at least (it also grows the tape to its steady-state size), then ~10 % of the budget.
        var clock = Stopwatch.StartNew();
        int warm = 0;
        do
        {
            s_sink += call();
            warm++;
        }
        while (clock.Elapsed.TotalSeconds < 0.1 * budgetSeconds);

        double estimate = clock.Elapsed.TotalSeconds / warm;
        int k = (int)Math.Max(1, Math.Ceiling(SampleSeconds / Math.Max(estimate, 1e-9)));
        var samples = new List<double>();
        clock.Restart();
        do
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < k; i++)
            {
                s_sink += call();
            }

            samples.Add(Stopwatch.GetElapsedTime(start).TotalSeconds / k);
        }
        while (samples.Count < minSamples || clock.Elapsed.TotalSeconds < budgetSeconds);

        return new Measurement(Median(samples) * 1e6, samples.Count * k, AllocatedBytesPerCall(call, Math.Min(k, 16)));
    }

    /// <summary>Bytes allocated on this thread per call, in steady state: the smallest mean over three rounds of
    /// <paramref name="calls"/> calls.</summary>
    /// <param name="call">The call.</param>
    /// <param name="calls">How many calls per round.</param>
    /// <returns>The mean allocated bytes per call in the quietest round.</returns>
    /// <remarks>An allocation the code makes on every call shows in every round; a one-off allocation the runtime
    /// makes on this thread while the code runs (seen now and then in a full test run) shows in one round only.</remarks>
    public static long AllocatedBytesPerCall(Func<double> call, int calls)
    {
        ArgumentNullException.ThrowIfNull(call);
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                s_sink += call();
            }

            least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / calls);
        }

        return least;
    }

    private static double Median(List<double> samples)
    {
        samples.Sort();
        int m = samples.Count;
        return m % 2 == 1 ? samples[m / 2] : 0.5 * (samples[(m / 2) - 1] + samples[m / 2]);
    }
}
