using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>Brings the generic code of every mode to its final (tier-1, PGO-optimised) JIT tier before timing.</summary>
/// <remarks>The JIT recompiles a method after ~30 calls (twice with dynamic PGO, after a 100 ms quiet period).
/// Slow cases are called only a few times in the quick mode, so they are warmed up on the same generic
/// instantiations at a tiny size (<see cref="Workload.Small"/>): Rosenbrock n = 10, a few samples, 2 time steps.</remarks>
public static class JitWarmUp
{
    private const int CallsPerRound = 80;
    private const int Rounds = 3;

    /// <summary>Calls every applicable mode on the small version of each workload, in rounds with pauses that let the
    /// JIT's background recompilation finish.</summary>
    /// <param name="workloads">The workloads to be measured.</param>
    /// <param name="modes">The modes to be measured.</param>
    public static void Run(IEnumerable<Workload> workloads, IReadOnlyList<Mode> modes)
    {
        Workload[] small = [.. workloads.Select(w => w.Small ?? w).DistinctBy(w => w.Name)];
        for (int round = 0; round < Rounds; round++)
        {
            foreach (Workload w in small)
            {
                foreach (Mode mode in modes.Where(m => m.AppliesTo(w)))
                {
                    for (int i = 0; i < CallsPerRound; i++)
                    {
                        Timing.Consume(mode.Run(w));
                    }
                }
            }

            Thread.Sleep(250);
        }
    }
}
