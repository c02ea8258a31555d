using System.Globalization;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>
/// The patterns of the ColPack comparison (<c>-- --sparse-patterns DIR</c>): each case's Hessian or Jacobian pattern,
/// as detected by <see cref="Sparse"/>, written to DIR/NAME.pattern for Benchmarks/peers/colpack_peer.cpp, and this
/// library's colour count to DIR/dualautodiff-colors.txt, so both colour exactly the same patterns.
/// </summary>
/// <remarks>Pattern file: a line <c>hessian|jacobian rows columns</c>, then per row its count and its columns.
/// Counts file: lines <c>name kind colors ordering</c> (for Jacobians, the fewer of column and row colourings).</remarks>
public static class SparsePatterns
{
    /// <summary>Writes the patterns and the counts.</summary>
    /// <param name="directory">Where the files go (created if missing).</param>
    /// <param name="output">Where the counts are echoed.</param>
    public static void Write(string directory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(directory);
        var counts = new List<string>();
        foreach ((string name, IScalarFunction f, int n) in Hessians())
        {
            double[] x = Point(n);
            SparseHessian h = Sparse.PrepareHessian(f, x);
            WritePattern(Path.Combine(directory, name + ".pattern"), "hessian", h.Pattern);
            counts.Add(Invariant($"{name} hessian {h.Colors} {h.Ordering.Replace(' ', '_')}"));
        }

        foreach ((string name, IVectorFunction f, int n) in Jacobians())
        {
            double[] x = Point(n);
            SparseJacobian j = Sparse.PrepareJacobian(f, x);
            WritePattern(Path.Combine(directory, name + ".pattern"), "jacobian", j.Pattern);
            counts.Add(Invariant($"{name} jacobian {j.Colors} {(j.ByRows ? "rows" : "columns")}"));
        }

        File.WriteAllLines(Path.Combine(directory, "dualautodiff-colors.txt"), counts);
        counts.ForEach(output.WriteLine);
    }

    private static IEnumerable<(string, IScalarFunction, int)> Hessians() =>
    [
        ("tridiagonal", ChainedRosenbrock.Instance, 1000),
        ("banded", new Banded(), 1000),
        ("arrowhead", new Arrowhead(), 1000),
        ("block-diagonal", new BlockDiagonal(), 999),
        ("grid-30", new GridEnergy(30), 900),
        ("grid-100", new GridEnergy(100), 10_000),
        ("random-1", new RandomCoupling(500, 1000, 1), 500),
        ("random-2", new RandomCoupling(2000, 6000, 2), 2000),
    ];

    private static IEnumerable<(string, IVectorFunction, int)> Jacobians() =>
    [
        ("jac-tridiagonal", new TridiagonalResidual(), 1000),
        ("jac-dense-row", new DenseRow(), 1000),
        ("jac-grid-30", new GridResidual(30), 900),
    ];

    private static double[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => 0.3 + (0.9 * Math.Sin(1.3 * i)))];

    private static void WritePattern(string path, string kind, MathNet.Numerics.LinearAlgebra.Matrix<double> pattern)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Invariant($"{kind} {pattern.RowCount} {pattern.ColumnCount}"));
        var rows = new List<int>[pattern.RowCount];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = [];
        }

        foreach ((int i, int j, double _) in pattern.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip))
        {
            rows[i].Add(j);
        }

        foreach (List<int> row in rows)
        {
            row.Sort();
            writer.WriteLine(string.Join(' ', row.Prepend(row.Count).Select(v => v.ToString(CultureInfo.InvariantCulture))));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
