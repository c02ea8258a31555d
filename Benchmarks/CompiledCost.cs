using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>The cost of replaying a compiled gradient (<c>-- --compiled [--repeat R]</c>): on chained Rosenbrock at
/// n = 1000 and 100000, <see cref="Reverse.Gradient{T}(IScalarFunction, T[])"/> (record and sweep) against
/// <see cref="CompiledGradient{T}.ValueAndGradient(T[])"/> at a new point each call (replay and sweep), measured in the
/// same run, with ADOL-C's <c>gradient</c> on its reused tape from <c>peers/results/adolc.txt</c>.</summary>
public static class CompiledCost
{
    /// <summary>Prints one line per size: <c>n gradient_us compiled_us compiled/gradient adolc_us compiled/adolc recordings</c>
    /// (recordings: how many times the compiled gradient recorded f, 1 when every call replayed).</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="repeat">Rounds; the smallest median per case is kept.</param>
    /// <param name="adolcFile">ADOL-C's result file (<c>run-peers.sh --out</c>); null for <c>peers/results/adolc.txt</c>.</param>
    public static void Run(TextWriter output, int repeat, string? adolcFile = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ResultSet adolc = ResultSet.Load(adolcFile ?? Path.Combine(RepositoryPaths.PeerResults, "adolc.txt"));
        Workload[] workloads = [Workload.Rosenbrock(1000), Workload.Rosenbrock(100_000)];
        JitWarmUp.Run(workloads, [Mode.Gradient, Mode.CompiledGradient]);
        var best = new Dictionary<(int, string), double>();
        for (int round = 0; round < repeat; round++)
        {
            foreach (Workload w in workloads)
            {
                foreach (Mode mode in new[] { Mode.Gradient, Mode.CompiledGradient })
                {
                    double us = Timing.Measure(() => mode.Run(w), QuickMode.BudgetSeconds * 2, QuickMode.MinSamples).MedianMicroseconds;
                    best[(w.N, mode.Name)] = best.TryGetValue((w.N, mode.Name), out double b) ? Math.Min(b, us) : us;
                }
            }
        }

        output.WriteLine(FormattableString.Invariant($"# chained Rosenbrock, {repeat} round(s), smallest median kept; compiled = replay at a new point"));
        output.WriteLine("# n gradient_us compiled_us compiled/gradient adolc_gradient_us compiled/adolc recordings");
        foreach (Workload w in workloads)
        {
            double gradient = best[(w.N, "gradient")];
            double compiled = best[(w.N, "compiled-gradient")];
            double? peer = adolc.Get(w.Name, "gradient", w.N);
            string vsPeer = peer is double p ? FormattableString.Invariant($"{p:F1} {compiled / p:F2}") : "- -";
            output.WriteLine(FormattableString.Invariant($"{w.N} {gradient:F1} {compiled:F1} {compiled / gradient:F2} {vsPeer} {Mode.CompiledRecordings(w)}"));
        }
    }
}
