namespace DualAutodiff;

/// <summary>Vertex orderings for greedy colouring (ColPack's names): the greedy colour count depends strongly on
/// the order, and no single order is best for every pattern, so the colourings try several and keep the fewest.</summary>
internal static class Orderings
{
    /// <summary>0, 1, …, n − 1.</summary>
    public static int[] Natural(int n)
    {
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        return order;
    }

    /// <summary>By decreasing degree (ties in natural order).</summary>
    public static int[] LargestFirst(ReadOnlySpan<int> degree)
    {
        int[] order = Natural(degree.Length);
        int[] key = new int[degree.Length];
        for (int i = 0; i < key.Length; i++)
        {
            key[i] = -degree[i];
        }

        Array.Sort(key, order);
        return order;
    }

    /// <summary>A fixed pseudo-random permutation (Fisher–Yates with a seeded generator: the same every run).</summary>
    public static int[] Random(int n, int seed)
    {
        int[] order = Natural(n);
        var random = new Random(seed);
        random.Shuffle(order);
        return order;
    }

    /// <summary>Smallest-last (Matula–Beck): repeatedly remove a vertex of least remaining degree; colour in the reverse
    /// order of removal. O(n + edges) with degree buckets.</summary>
    public static int[] SmallestLast(SparsityPattern graph)
    {
        int n = graph.Rows;
        int[] degree = Degrees(graph);
        var buckets = new DegreeBuckets(degree);
        bool[] removed = new bool[n];
        int[] order = new int[n];
        for (int position = n - 1; position >= 0; position--)
        {
            int v = buckets.TakeMin();
            removed[v] = true;
            order[position] = v;
            foreach (int w in graph.Row(v))
            {
                if (w != v && !removed[w])
                {
                    buckets.Move(w, -1);
                }
            }
        }

        return order;
    }

    /// <summary>Incidence degree: next the vertex with the most neighbours already ordered. O(n + edges).</summary>
    public static int[] IncidenceDegree(SparsityPattern graph)
    {
        int n = graph.Rows;
        var buckets = new DegreeBuckets(new int[n]);
        bool[] taken = new bool[n];
        int[] order = new int[n];
        for (int position = 0; position < n; position++)
        {
            int v = buckets.TakeMax();
            taken[v] = true;
            order[position] = v;
            foreach (int w in graph.Row(v))
            {
                if (w != v && !taken[w])
                {
                    buckets.Move(w, +1);
                }
            }
        }

        return order;
    }

    /// <summary>DSatur (Brélaz): colour next the vertex whose neighbours already have the most distinct colours, with
    /// the least colour free; a distance-1 colouring of <paramref name="graph"/>, with its own dynamic order. Needs
    /// n·(Δ + 2) flags; returns null when that exceeds <paramref name="maxFlags"/>.</summary>
    public static Coloring? DSatur(SparsityPattern graph, long maxFlags)
    {
        int n = graph.Rows;
        int[] degree = Degrees(graph);
        int width = (n == 0 ? 0 : degree.Max()) + 2;
        if ((long)n * width > maxFlags)
        {
            return null;
        }

        bool[] seen = new bool[n * width];
        int[] color = new int[n];
        color.AsSpan().Fill(-1);
        var buckets = new DegreeBuckets(new int[n]);
        int count = 0;
        for (int step = 0; step < n; step++)
        {
            int v = buckets.TakeMax();
            int c = 0;
            while (seen[(v * width) + c])
            {
                c++;
            }

            color[v] = c;
            count = Math.Max(count, c + 1);
            foreach (int w in graph.Row(v))
            {
                if (w != v && color[w] < 0 && !seen[(w * width) + c])
                {
                    seen[(w * width) + c] = true;
                    buckets.Move(w, +1);
                }
            }
        }

        return new Coloring(color, count, "dsatur");
    }

    /// <summary>The number of neighbours of each vertex (the diagonal excluded).</summary>
    public static int[] Degrees(SparsityPattern graph)
    {
        int[] degree = new int[graph.Rows];
        for (int v = 0; v < graph.Rows; v++)
        {
            int d = 0;
            foreach (int w in graph.Row(v))
            {
                d += w != v ? 1 : 0;
            }

            degree[v] = d;
        }

        return degree;
    }

    /// <summary>Vertices in doubly linked buckets by a key that changes by ±1.</summary>
    private sealed class DegreeBuckets
    {
        private readonly int[] _key;
        private readonly int[] _next;
        private readonly int[] _previous;
        private readonly int[] _head;
        private int _min;
        private int _max;

        public DegreeBuckets(int[] key)
        {
            int n = key.Length;
            _key = (int[])key.Clone();
            _next = new int[n];
            _previous = new int[n];
            _head = new int[n + 2];
            _head.AsSpan().Fill(-1);
            for (int v = n - 1; v >= 0; v--)
            {
                Insert(v);
            }

            _min = 0;
            _max = n + 1;
        }

        public int TakeMin()
        {
            while (_head[_min] < 0)
            {
                _min++;
            }

            int v = _head[_min];
            Remove(v);
            return v;
        }

        public int TakeMax()
        {
            while (_head[_max] < 0)
            {
                _max--;
            }

            int v = _head[_max];
            Remove(v);
            return v;
        }

        public void Move(int v, int delta)
        {
            Remove(v);
            _key[v] += delta;
            Insert(v);
            _min = Math.Min(_min, _key[v]);
            _max = Math.Max(_max, _key[v]);
        }

        private void Insert(int v)
        {
            int k = _key[v];
            _previous[v] = -1;
            _next[v] = _head[k];
            if (_head[k] >= 0)
            {
                _previous[_head[k]] = v;
            }

            _head[k] = v;
        }

        private void Remove(int v)
        {
            if (_previous[v] >= 0)
            {
                _next[_previous[v]] = _next[v];
            }
            else
            {
                _head[_key[v]] = _next[v];
            }

            if (_next[v] >= 0)
            {
                _previous[_next[v]] = _previous[v];
            }
        }
    }
}
