using System.Globalization;
using System.Text.RegularExpressions;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>Tape memory: bytes per record for each tape the modes use, and how many records a workload makes,
/// next to ADOL-C's own statistics for the same workload (from <c>adolc.log</c>).</summary>
public static partial class TapeReport
{
    /// <summary>Prints the tape statistics as <c>#</c> comment lines.</summary>
    /// <param name="workload">The workload whose recording is counted (the issue's reference: Rosenbrock n = 1000).</param>
    /// <param name="output">Where the lines go.</param>
    public static void Print(Workload workload, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"# tape bytes per record: {Tape<double>.BytesPerRecord} for Var<double> (gradient), "
            + $"{Tape<Dual<double>>.BytesPerRecord} for Var<Dual<double>> (forward-over-reverse HVP), "
            + $"{Tape<Var<double>>.BytesPerRecord} for Var<Var<double>> (reverse-over-reverse, inner tape)");
        int records = Records(workload);
        int operations = records - workload.N;
        output.WriteLine($"# tape {workload.Name} n={workload.N}: {records} records = {workload.N} inputs + {operations} operations "
            + $"({(double)operations / Math.Max(1, workload.N - 1):F1} per term), {(long)records * Tape<double>.BytesPerRecord} bytes"
            + AdolcStatistics(workload));
    }

    /// <summary>The number of records one gradient recording of the workload makes on a <c>Tape&lt;double&gt;</c>.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>Inputs plus recorded operations.</returns>
    public static int Records(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var x = new Var<double>[workload.N];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = tape.Variable(workload.Point[i]);
            }

            Timing.Consume(workload.Function.Evaluate<Var<double>>(x).Value);
        }

        return tape.Count;
    }

    private static string AdolcStatistics(Workload workload)
    {
        string log = Path.Combine(RepositoryPaths.PeerResults, "adolc.log");
        if (!File.Exists(log))
        {
            return string.Empty;
        }

        // ADOL-C prints a `tape` line per recording; the first after the workload's check line is its size at this n.
        string? line = File.ReadLines(log).SkipWhile(l => !l.StartsWith($"check adolc {workload.Name} n={workload.N} ", StringComparison.Ordinal))
            .FirstOrDefault(l => l.StartsWith($"tape {workload.Name}", StringComparison.Ordinal));
        Match m = line is null ? Match.Empty : TapeLine().Match(line);
        if (!m.Success)
        {
            return string.Empty;
        }

        // ADOL-C stores an operation code in 1 byte, a location in 4 (locint) and a constant in 8.
        long ops = long.Parse(m.Groups["ops"].Value, CultureInfo.InvariantCulture);
        long locs = long.Parse(m.Groups["locs"].Value, CultureInfo.InvariantCulture);
        long vals = long.Parse(m.Groups["vals"].Value, CultureInfo.InvariantCulture);
        return $"; ADOL-C: {ops} operations, {locs} locations, {vals} values, ≈ {ops + (4 * locs) + (8 * vals)} bytes";
    }

    [GeneratedRegex(@"ops=(?<ops>\d+) locs=(?<locs>\d+) vals=(?<vals>\d+)")]
    private static partial Regex TapeLine();
}
