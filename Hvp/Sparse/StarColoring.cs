namespace DualAutodiff;

/// <summary>A colouring: a colour 0 … Count − 1 per vertex (or column, or row), and the ordering that found it.</summary>
/// <param name="Colors">The colour of each vertex.</param>
/// <param name="Count">The number of colours.</param>
/// <param name="Ordering">The ordering that gave this count (for reports).</param>
internal sealed record Coloring(int[] Colors, int Count, string Ordering);

/// <summary>
/// Star colouring of the adjacency graph of a symmetric pattern (Gebremedhin, Manne and Pothen, "What color is your
/// Jacobian?", SIAM Review 2005): a distance-1 colouring in which every path on four vertices uses at least three
/// colours. Then H·S, with one column of S per colour, gives every Hᵢⱼ directly: Hᵢⱼ = (H·S)[i, colour(j)] when j is
/// i's only neighbour of that colour, else (H·S)[j, colour(i)] (Coleman and Moré's symmetric direct recovery).
/// </summary>
/// <remarks>
/// Greedy: each vertex in turn takes the least colour not forbidden, where a colour is forbidden if a neighbour has
/// it, or if taking it would close a two-coloured path on four vertices through coloured vertices: v–w–x–y with
/// colour(x) = c and colour(y) = colour(w), or u–v–w–x with colour(x) = c and colour(u) = colour(w). A path is
/// checked when its last vertex is coloured, so no such path survives. The conservative variant also forbids the
/// colours at distance two through an uncoloured vertex (the rule of the paper's simple algorithm). Work per vertex
/// is O(d³) for degree d. Several orderings and both variants run; the fewest colours are kept.
/// </remarks>
internal static class StarColoring
{
    /// <summary>The star colouring with the fewest colours over the orderings tried.</summary>
    public static Coloring Best(SparsityPattern graph)
    {
        int n = graph.Rows;
        if (graph.NonZeros == 0)
        {
            return new Coloring(new int[n], 0, "none (no nonzeros)");   // H = 0: no product needed
        }

        int[] degree = Orderings.Degrees(graph);
        var orders = new List<(string Name, Func<int[]> Make)>
        {
            ("natural", () => Orderings.Natural(n)),
            ("largest-first", () => Orderings.LargestFirst(degree)),
            ("smallest-last", () => Orderings.SmallestLast(graph)),
            ("incidence-degree", () => Orderings.IncidenceDegree(graph)),
            ("random", () => Orderings.Random(n, 12345)),
        };

        Coloring? best = null;
        int lowerBound = LowerBound(graph, degree);
        foreach ((string name, Func<int[]> make) in orders)
        {
            int[] order = make();
            foreach (bool conservative in (ReadOnlySpan<bool>)[false, true])
            {
                Coloring candidate = Color(graph, order, conservative, conservative ? name + " (conservative)" : name);
                if (best is null || candidate.Count < best.Count)
                {
                    best = candidate;
                }
            }

            if (best!.Count <= lowerBound)
            {
                return best;
            }
        }

        if (best is null)
        {
            return new Coloring([], 0, "natural");
        }

        // Recolouring class by class keeps every result a star colouring; the count may also grow, so the best is kept.
        bool conservativeBest = best.Ordering.EndsWith("(conservative)", StringComparison.Ordinal);
        return IteratedGreedy.Improve(best, (order, name) => Color(graph, order, conservativeBest, name), 10);
    }

    /// <summary>A bound no star colouring can beat: 0 without vertices, 1 without edges, 2 with an edge, 3 with a path
    /// on four vertices or a triangle (an edge whose two ends have other neighbours).</summary>
    private static int LowerBound(SparsityPattern graph, int[] degree)
    {
        int bound = graph.Rows == 0 ? 0 : 1;
        for (int v = 0; v < degree.Length; v++)
        {
            if (degree[v] == 0)
            {
                continue;
            }

            bound = Math.Max(bound, 2);
            if (degree[v] < 2)
            {
                continue;
            }

            foreach (int w in graph.Row(v))
            {
                if (w != v && degree[w] >= 2)
                {
                    return 3;
                }
            }
        }

        return bound;
    }

    /// <summary>Greedy star colouring in the given order.</summary>
    public static Coloring Color(SparsityPattern graph, ReadOnlySpan<int> order, bool conservative, string name)
    {
        int n = graph.Rows;
        int[] color = new int[n];              // 0 = not yet coloured; colours are 1-based while colouring
        int[] forbidden = new int[n + 2];      // forbidden[c] == stamp: c is forbidden for the vertex being coloured
        int[] seen = new int[n + 2];           // how many of v's coloured neighbours have colour c, valid when seenStamp[c] == stamp
        int[] seenStamp = new int[n + 2];
        int count = 0;
        int stamp = 0;
        foreach (int v in order)
        {
            stamp++;
            foreach (int w in graph.Row(v))
            {
                int cw = color[w];
                if (w != v && cw != 0)
                {
                    forbidden[cw] = stamp;
                    if (seenStamp[cw] != stamp)
                    {
                        seenStamp[cw] = stamp;
                        seen[cw] = 0;
                    }

                    seen[cw]++;
                }
            }

            foreach (int w in graph.Row(v))
            {
                if (w == v)
                {
                    continue;
                }

                int cw = color[w];
                if (cw == 0)
                {
                    if (conservative)
                    {
                        foreach (int x in graph.Row(w))
                        {
                            if (x != w && x != v && color[x] != 0)
                            {
                                forbidden[color[x]] = stamp;
                            }
                        }
                    }

                    continue;
                }

                // u–v–w–x: another neighbour u of v has w's colour, so v may share no colour with w's neighbours.
                bool twice = seen[cw] >= 2;
                foreach (int x in graph.Row(w))
                {
                    int cx = color[x];
                    if (x == w || x == v || cx == 0 || forbidden[cx] == stamp)
                    {
                        continue;
                    }

                    if (twice || HasNeighbourColored(graph, x, w, cw, color))
                    {
                        forbidden[cx] = stamp;
                    }
                }
            }

            int c = 1;
            while (forbidden[c] == stamp)
            {
                c++;
            }

            color[v] = c;
            count = Math.Max(count, c);
        }

        for (int v = 0; v < n; v++)
        {
            color[v]--;
        }

        return new Coloring(color, count, name);
    }

    /// <summary>Whether x has a neighbour other than w coloured c (v–w–x–y with colour(y) = colour(w)).</summary>
    private static bool HasNeighbourColored(SparsityPattern graph, int x, int w, int c, int[] color)
    {
        foreach (int y in graph.Row(x))
        {
            if (y != w && y != x && color[y] == c)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For each entry of the pattern (row order), where it is read in H·S, stored colour-major
    /// (index colour·n + row), the same place for Hᵢⱼ and Hⱼᵢ; throws if the colouring does not allow direct recovery
    /// of some entry.</summary>
    public static int[] Recovery(SparsityPattern pattern, Coloring coloring)
    {
        int n = pattern.Rows;
        int[] colors = coloring.Colors;
        int[] source = new int[pattern.NonZeros];
        int[] countStamp = new int[coloring.Count];
        int[] countInRow = new int[coloring.Count];

        // Columns of row i per colour, counted per row (each row's pass stamps its own counts).
        for (int i = 0; i < n; i++)
        {
            int stamp = i + 1;
            foreach (int j in pattern.Row(i))
            {
                int c = colors[j];
                if (countStamp[c] != stamp)
                {
                    countStamp[c] = stamp;
                    countInRow[c] = 0;
                }

                countInRow[c]++;
            }

            int e = pattern.RowStart[i];
            foreach (int j in pattern.Row(i))
            {
                source[e++] = countInRow[colors[j]] == 1 ? (colors[j] * n) + i : -1 - j;
            }
        }

        // The entries row i could not give directly are read from row j: j's column i must be alone in its colour.
        for (int i = 0; i < n; i++)
        {
            for (int e = pattern.RowStart[i]; e < pattern.RowStart[i + 1]; e++)
            {
                if (source[e] >= 0)
                {
                    continue;
                }

                int j = -1 - source[e];
                int alone = 0;
                foreach (int k in pattern.Row(j))
                {
                    alone += colors[k] == colors[i] ? 1 : 0;
                }

                if (alone != 1)
                {
                    throw new InvalidOperationException($"Internal error: the star colouring does not determine H[{i}, {j}].");
                }

                source[e] = (colors[i] * n) + j;
            }
        }

        // Hⱼᵢ is read where Hᵢⱼ is (for i < j), so the result is exactly symmetric with no averaging.
        for (int i = 0; i < n; i++)
        {
            for (int e = pattern.RowStart[i]; e < pattern.RowStart[i + 1]; e++)
            {
                int j = pattern.Columns[e];
                if (j > i)
                {
                    int t = Array.BinarySearch(pattern.Columns, pattern.RowStart[j], pattern.RowStart[j + 1] - pattern.RowStart[j], i);
                    source[t] = source[e];
                }
            }
        }

        return source;
    }
}
