using DualAutodiff.Benchmarks.Workloads;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Sparse;

/// <summary>The colourings themselves: every star colouring found is a valid one (no two-coloured path on four
/// vertices, neighbours distinct), on every ordering, and the distance-2 colourings separate columns that share a row.</summary>
[TestFixture]
public class ColoringTests
{
    private static SparsityPattern Grid(int side)
    {
        var rows = new List<int>();
        var cols = new List<int>();
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                int i = (r * side) + c;
                rows.Add(i);
                cols.Add(i);
                foreach (int j in (int[])[c + 1 < side ? i + 1 : -1, c > 0 ? i - 1 : -1, r + 1 < side ? i + side : -1, r > 0 ? i - side : -1])
                {
                    if (j >= 0)
                    {
                        rows.Add(i);
                        cols.Add(j);
                    }
                }
            }
        }

        return SparsityPattern.FromPairs(side * side, side * side, rows.ToArray(), cols.ToArray());
    }

    private static SparsityPattern RandomSymmetric(int n, int edges, int seed)
    {
        var random = new Random(seed);
        var rows = new List<int>();
        var cols = new List<int>();
        for (int i = 0; i < n; i++)
        {
            rows.Add(i);
            cols.Add(i);
        }

        for (int e = 0; e < edges; e++)
        {
            int a = random.Next(n);
            int b = random.Next(n);
            rows.Add(a);
            cols.Add(b);
            rows.Add(b);
            cols.Add(a);
        }

        return SparsityPattern.FromPairs(n, n, rows.ToArray(), cols.ToArray());
    }

    /// <summary>A star colouring: adjacent vertices differ, and no path v–w–x–y alternates two colours.</summary>
    private static void ShouldBeStar(SparsityPattern g, int[] color)
    {
        for (int v = 0; v < g.Rows; v++)
        {
            foreach (int w in g.Row(v))
            {
                if (w == v)
                {
                    continue;
                }

                color[w].ShouldNotBe(color[v], $"edge {v}–{w}");
                foreach (int x in g.Row(w))
                {
                    if (x == w || x == v || color[x] != color[v])
                    {
                        continue;
                    }

                    foreach (int y in g.Row(x))
                    {
                        (y != x && y != w && y != v && color[y] == color[w]).ShouldBeFalse($"two-coloured path {v}–{w}–{x}–{y}");
                    }
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> Graphs()
    {
        yield return new TestCaseData(Grid(12)).SetName("{m}(grid 12×12)");
        for (int seed = 1; seed <= 6; seed++)
        {
            yield return new TestCaseData(RandomSymmetric(60, 40 * seed, seed)).SetName($"{{m}}(random, seed {seed})");
        }
    }

    [TestCaseSource(nameof(Graphs))]
    public void StarColoring_EveryOrdering_IsAStarColoring(object graph)
    {
        var g = (SparsityPattern)graph;
        int[] degree = Orderings.Degrees(g);
        foreach (int[] order in (int[][])[Orderings.Natural(g.Rows), Orderings.LargestFirst(degree), Orderings.SmallestLast(g), Orderings.IncidenceDegree(g), Orderings.Random(g.Rows, 7)])
        {
            foreach (bool conservative in (bool[])[false, true])
            {
                ShouldBeStar(g, StarColoring.Color(g, order, conservative, "test").Colors);
            }
        }
    }

    [TestCaseSource(nameof(Graphs))]
    public void StarColoring_Best_RecoversEveryEntry(object graph)
    {
        var g = (SparsityPattern)graph;
        Coloring best = StarColoring.Best(g);
        ShouldBeStar(g, best.Colors);
        Should.NotThrow(() => StarColoring.Recovery(g, best));
    }

    [Test]
    public void Orderings_AreEachAPermutation()
    {
        SparsityPattern g = RandomSymmetric(50, 120, 3);
        foreach (int[] order in (int[][])[Orderings.SmallestLast(g), Orderings.IncidenceDegree(g), Orderings.LargestFirst(Orderings.Degrees(g)), Orderings.Random(50, 1)])
        {
            order.OrderBy(v => v).ShouldBe(Enumerable.Range(0, 50));
        }
    }

    [TestCaseSource(nameof(Graphs))]
    public void DistanceTwoColoring_ColumnsSharingARow_Differ(object graph)
    {
        var g = (SparsityPattern)graph;
        Coloring coloring = DistanceTwoColoring.Columns(g, g.Transpose());
        for (int i = 0; i < g.Rows; i++)
        {
            ReadOnlySpan<int> row = g.Row(i);
            for (int a = 0; a < row.Length; a++)
            {
                for (int b = a + 1; b < row.Length; b++)
                {
                    coloring.Colors[row[a]].ShouldNotBe(coloring.Colors[row[b]], $"row {i}: columns {row[a]}, {row[b]}");
                }
            }
        }
    }
}
