using System.Globalization;
using System.Runtime.InteropServices;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>The quick mode (<c>-- --quick</c>, well under a minute): every workload in every mode with the Stopwatch
/// harness, one line <c>workload mode n median_us ratio_to_plain bytes_per_call</c> each, written to
/// <c>Benchmarks/peers/results/dualautodiff.txt</c> for <c>table.py</c>; then tape statistics, the cross-check
/// against the peers and the targets.</summary>
public static class QuickMode
{
    /// <summary>The least measurement time per case, in seconds.</summary>
    public const double BudgetSeconds = 0.2;

    /// <summary>The least number of samples per case.</summary>
    public const int MinSamples = 3;

    /// <summary>Runs the quick mode.</summary>
    /// <param name="output">Where the lines go (the console).</param>
    /// <param name="repeat">How many rounds over all cases; per case the smallest median is kept, as the peers'
    /// <c>run-peers.sh --repeat</c> does (1 is the quick mode; more filters out a shared machine's disturbances).</param>
    /// <param name="resultFile">The result file to write; null for the default.</param>
    /// <returns>The process exit code: 0, or 1 when a cross-check failed.</returns>
    public static int Run(TextWriter output, int repeat = 1, string? resultFile = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        resultFile ??= Path.Combine(RepositoryPaths.PeerResults, "dualautodiff.txt");
        IReadOnlyList<Workload> workloads = Workload.All();
        IReadOnlyList<Mode> modes = Mode.All;
        var lines = new List<string>
        {
            FormattableString.Invariant($"# dualautodiff, .NET {Environment.Version}, {RuntimeInformation.OSArchitecture}, {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}, {Environment.ProcessorCount} cores, quick (>= {BudgetSeconds} s per case), {repeat} round(s), smallest median kept"),
            "# workload mode n median_us ratio_to_plain bytes_per_call",
        };
        lines.ForEach(output.WriteLine);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        JitWarmUp.Run(workloads, modes);
        output.WriteLine(FormattableString.Invariant($"# JIT warm-up {clock.Elapsed.TotalSeconds:F1} s"));
        var best = new Dictionary<(Workload, Mode), Measurement>();
        for (int round = 1; round <= repeat; round++)
        {
            foreach (Workload w in workloads)
            {
                foreach (Mode mode in modes.Where(m => m.AppliesTo(w)))
                {
                    Measurement m = Timing.Measure(() => mode.Run(w), BudgetSeconds, MinSamples);
                    if (!best.TryGetValue((w, mode), out Measurement previous) || m.MedianMicroseconds < previous.MedianMicroseconds)
                    {
                        best[(w, mode)] = m;
                    }

                    if (round == repeat)
                    {
                        lines.Add(Line(w, mode, best[(w, mode)], best[(w, Mode.Plain)]));
                        output.WriteLine(lines[^1]);
                    }
                }
            }
        }

        var ours = new ResultSet("dualautodiff");
        foreach (((Workload w, Mode mode), Measurement m) in best)
        {
            ours.Add(w.Name, mode.Name, w.N, m.MedianMicroseconds);
            ours.AddBytes(w.Name, mode.Name, w.N, m.BytesPerCall);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(resultFile)!);
        File.WriteAllLines(resultFile, lines);
        output.WriteLine($"# wrote {resultFile}");

        TapeReport.Print(Workload.Rosenbrock(1000), output);
        foreach (Workload w in workloads)
        {
            output.WriteLine(FormattableString.Invariant($"# allocated per call in steady state, {w.Name} n={w.N}: ")
                + AllocationNote(ours, w, "gradient") + ", " + AllocationNote(ours, w, "hvp"));
        }

        Directory.CreateDirectory(RepositoryPaths.PeerBuild);
        bool ok = CrossCheck.Run(workloads, output, Path.Combine(RepositoryPaths.PeerBuild, "dualautodiff.vec"));

        output.WriteLine();
        Targets.Print(ours, ResultSet.Load(Path.Combine(RepositoryPaths.PeerResults, "torch.txt")),
            ResultSet.Load(Path.Combine(RepositoryPaths.PeerResults, "adolc.txt")), output);
        output.WriteLine(ok ? "# cross-check: all OK" : "# cross-check: MISMATCH (see the check lines above)");
        output.WriteLine(FormattableString.Invariant($"# quick mode took {clock.Elapsed.TotalSeconds:F1} s"));
        return ok ? 0 : 1;
    }

    private static string Line(Workload w, Mode mode, Measurement m, Measurement plain) => FormattableString.Invariant(
        $"{w.Name} {mode.Name} {w.N} {m.MedianMicroseconds:F4} {m.MedianMicroseconds / plain.MedianMicroseconds:F2} {m.BytesPerCall}");

    /// <summary>"gradient 8024 bytes (result array 8024, beyond it 0)".</summary>
    private static string AllocationNote(ResultSet ours, Workload w, string mode)
    {
        long resultBytes = Measurement.ResultArrayBytes(w.N);
        return ours.Bytes(w.Name, mode, w.N) is long bytes
            ? FormattableString.Invariant($"{mode} {bytes} bytes (result array {resultBytes}, beyond it {bytes - resultBytes})")
            : $"{mode} not measured";
    }
}
