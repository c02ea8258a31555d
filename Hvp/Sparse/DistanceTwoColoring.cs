namespace DualAutodiff;

/// <summary>
/// Partial distance-2 colouring of the columns of an m×n pattern (Coleman and Moré; ColPack's
/// <c>COLUMN_PARTIAL_DISTANCE_TWO</c>): two columns sharing a row get different colours, so J·S, one column of S per
/// colour, gives every Jᵢⱼ directly as (J·S)[i, colour(j)]. Rows are coloured the same way on the transpose, for
/// Sᵀ·J.
/// </summary>
/// <remarks>Greedy over several orderings (natural, largest-first, and smallest-last and incidence-degree on the column
/// intersection graph when it is small), keeping the fewest colours. Work O(Σᵢ (row length)²): a dense row costs n
/// per column, as in ColPack.</remarks>
internal static class DistanceTwoColoring
{
    /// <summary>The column colouring with the fewest colours over the orderings tried.</summary>
    /// <param name="pattern">The m×n pattern.</param>
    /// <param name="transpose">Its transpose (the rows of each column).</param>
    public static Coloring Columns(SparsityPattern pattern, SparsityPattern transpose)
    {
        int n = pattern.ColumnCount;
        if (pattern.NonZeros == 0)
        {
            return new Coloring(new int[n], 0, "none (no nonzeros)");   // J = 0: no product needed
        }


        // The distance-2 degree of column j, counted with repeats: Σ over its rows of their other entries.
        int[] degree = new int[n];
        for (int j = 0; j < n; j++)
        {
            foreach (int i in transpose.Row(j))
            {
                degree[j] += pattern.RowStart[i + 1] - pattern.RowStart[i] - 1;
            }
        }

        var orders = new List<(string Name, Func<int[]> Make)>
        {
            ("natural", () => Orderings.Natural(n)),
            ("largest-first", () => Orderings.LargestFirst(degree)),
        };

        // Smallest-last and incidence-degree need the column intersection graph itself; it is built when it is small
        // (Σ row length² within a few times the nonzeros: no dense row), never n × n.
        long pairs = 0;
        for (int i = 0; i < pattern.Rows; i++)
        {
            long length = pattern.RowStart[i + 1] - pattern.RowStart[i];
            pairs += length * length;
        }

        Coloring? dsatur = null;
        if (pairs <= (16L * pattern.NonZeros) + n)
        {
            SparsityPattern graph = IntersectionGraph(pattern, transpose);
            dsatur = Orderings.DSatur(graph, 64L * (pattern.NonZeros + n));
            orders.Add(("smallest-last", () => Orderings.SmallestLast(graph)));
            orders.Add(("incidence-degree", () => Orderings.IncidenceDegree(graph)));
        }

        orders.Add(("random", () => Orderings.Random(n, 12345)));

        int lowerBound = 0;
        for (int i = 0; i < pattern.Rows; i++)
        {
            lowerBound = Math.Max(lowerBound, pattern.RowStart[i + 1] - pattern.RowStart[i]);
        }

        Coloring? best = dsatur;
        foreach ((string name, Func<int[]> make) in orders)
        {
            if (best is not null && best.Count <= lowerBound)
            {
                break;
            }

            Coloring candidate = Color(pattern, transpose, make(), name);
            if (best is null || candidate.Count < best.Count)
            {
                best = candidate;
            }

            if (best.Count <= lowerBound)
            {
                break;
            }
        }

        if (best is null)
        {
            return new Coloring([], 0, "natural");
        }

        return best.Count <= lowerBound ? best : IteratedGreedy.Improve(best, (order, name) => Color(pattern, transpose, order, name), 20);
    }

    /// <summary>The graph on columns with an edge where two columns share a row (and each column's own entry).</summary>
    private static SparsityPattern IntersectionGraph(SparsityPattern pattern, SparsityPattern transpose)
    {
        int n = pattern.ColumnCount;
        var rows = new List<int>();
        var columns = new List<int>();
        for (int j = 0; j < n; j++)
        {
            foreach (int i in transpose.Row(j))
            {
                foreach (int k in pattern.Row(i))
                {
                    rows.Add(j);
                    columns.Add(k);
                }
            }
        }

        return SparsityPattern.FromPairs(n, n, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(columns));
    }

    /// <summary>Greedy partial distance-2 colouring of the columns in the given order.</summary>
    public static Coloring Color(SparsityPattern pattern, SparsityPattern transpose, ReadOnlySpan<int> order, string name)
    {
        int n = pattern.ColumnCount;
        int[] color = new int[n];
        color.AsSpan().Fill(-1);
        int[] forbidden = new int[n + 1];
        int count = 0;
        int stamp = 0;
        foreach (int j in order)
        {
            stamp++;
            foreach (int i in transpose.Row(j))
            {
                foreach (int k in pattern.Row(i))
                {
                    if (color[k] >= 0)
                    {
                        forbidden[color[k]] = stamp;
                    }
                }
            }

            int c = 0;
            while (forbidden[c] == stamp)
            {
                c++;
            }

            color[j] = c;
            count = Math.Max(count, c + 1);
        }

        // A column in no row (f does not depend on that input) keeps colour 0: its seed adds nothing.
        for (int j = 0; j < n; j++)
        {
            color[j] = Math.Max(color[j], 0);
        }

        return new Coloring(color, count, name);
    }
}
