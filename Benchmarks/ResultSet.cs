using System.Globalization;

namespace DualAutodiff.Benchmarks;

/// <summary>The times of one implementation, as in the result files every implementation writes
/// (<c>Benchmarks/peers/results/*.txt</c>): lines <c>workload mode n median_us [more columns]</c>; blank lines and
/// lines starting with <c>#</c> are ignored, as in <c>table.py</c>. DualAutodiff's file adds the columns
/// <c>ratio_to_plain bytes_per_call</c>.</summary>
public sealed class ResultSet
{
    private readonly Dictionary<(string Workload, string Mode, int N), double> _microseconds = [];
    private readonly Dictionary<(string Workload, string Mode, int N), long> _bytes = [];

    /// <summary>Creates an empty set.</summary>
    /// <param name="name">The implementation's name (a result file's base name).</param>
    public ResultSet(string name) => Name = name;

    /// <summary>The implementation's name: dualautodiff, torch, adolc.</summary>
    public string Name { get; }

    /// <summary>Reads a result file; a missing file gives an empty set.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The times in it.</returns>
    public static ResultSet Load(string path)
    {
        var set = new ResultSet(Path.GetFileNameWithoutExtension(path));
        if (!File.Exists(path))
        {
            return set;
        }

        foreach (string line in File.ReadLines(path))
        {
            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || parts[0].StartsWith('#')
                || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
                || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double us))
            {
                continue;
            }

            set.Add(parts[0], parts[1], n, us);
            if (parts.Length >= 6 && long.TryParse(parts[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out long bytes))
            {
                set.AddBytes(parts[0], parts[1], n, bytes);
            }
        }

        return set;
    }

    /// <summary>Adds or replaces a time.</summary>
    /// <param name="workload">The workload name.</param>
    /// <param name="mode">The mode name.</param>
    /// <param name="n">The input size.</param>
    /// <param name="microseconds">The median time per call in µs.</param>
    public void Add(string workload, string mode, int n, double microseconds) => _microseconds[(workload, mode, n)] = microseconds;

    /// <summary>Adds or replaces the bytes allocated per call.</summary>
    /// <param name="workload">The workload name.</param>
    /// <param name="mode">The mode name.</param>
    /// <param name="n">The input size.</param>
    /// <param name="bytes">The bytes allocated per call in steady state.</param>
    public void AddBytes(string workload, string mode, int n, long bytes) => _bytes[(workload, mode, n)] = bytes;

    /// <summary>The bytes allocated per call, if measured.</summary>
    /// <param name="workload">The workload name.</param>
    /// <param name="mode">The mode name.</param>
    /// <param name="n">The input size.</param>
    /// <returns>The bytes, or null.</returns>
    public long? Bytes(string workload, string mode, int n) => _bytes.TryGetValue((workload, mode, n), out long b) ? b : null;

    /// <summary>A time, if measured.</summary>
    /// <param name="workload">The workload name.</param>
    /// <param name="mode">The mode name.</param>
    /// <param name="n">The input size.</param>
    /// <returns>The median µs per call, or null.</returns>
    public double? Get(string workload, string mode, int n) =>
        _microseconds.TryGetValue((workload, mode, n), out double us) ? us : null;

    /// <summary>The sizes at which a workload and mode were measured, ascending.</summary>
    /// <param name="workload">The workload name.</param>
    /// <param name="mode">The mode name.</param>
    /// <returns>The n values.</returns>
    public IReadOnlyList<int> Sizes(string workload, string mode) =>
        [.. _microseconds.Keys.Where(k => k.Workload == workload && k.Mode == mode).Select(k => k.N).Order()];
}
