namespace DualAutodiff;

/// <summary>
/// Patterns from a <see cref="TraceRecording"/>. The first-order pattern of a value is the set of inputs its node
/// reaches; the Hessian pattern of the output is the union, over the nonlinear nodes the output depends on, of
/// S(a) × S(b) for each interacting pair of operands (a, b): H = Σₖ v̄ₖ ∇²φₖ, seen through the chain rule
/// (Walther's nonlinear interaction domains, restricted to the nodes that reach the output).
/// </summary>
/// <remarks>Each set is found by a depth-first search that stops at nodes already seen (a stamp per node), so the
/// work is the size of the searched subgraphs: for a partially separable function, a few nodes per nonlinear term.
/// Nothing is n × n: the pairs found are sorted into rows once.</remarks>
internal sealed class PatternExtraction
{
    private readonly TraceRecording _recording;
    private readonly int[] _stamp;
    private int _generation;
    private int[] _stack = new int[64];

    private PatternExtraction(TraceRecording recording)
    {
        _recording = recording;
        _stamp = new int[recording.Count];
    }

    /// <summary>Row i is the set of inputs output i depends on.</summary>
    public static SparsityPattern Jacobian(TraceRecording recording, ReadOnlySpan<int> outputs)
    {
        var extraction = new PatternExtraction(recording);
        var rows = new IntList();
        var columns = new IntList();
        var set = new IntList();
        for (int i = 0; i < outputs.Length; i++)
        {
            set.Clear();
            extraction.Inputs(outputs[i], set, fresh: true);
            foreach (int j in set.Span)
            {
                rows.Add(i);
                columns.Add(j);
            }
        }

        return SparsityPattern.FromPairs(outputs.Length, recording.Inputs, rows.Span, columns.Span);
    }

    /// <summary>The symmetric pattern of the Hessian of <paramref name="output"/>, both triangles and the diagonal.</summary>
    public static SparsityPattern Hessian(TraceRecording recording, int output)
    {
        int n = recording.Inputs;
        var rows = new IntList();
        var columns = new IntList();
        if (output >= 0)
        {
            var extraction = new PatternExtraction(recording);
            bool[] live = Live(recording, output);
            ReadOnlySpan<byte> pairs = recording.Pairs;
            ReadOnlySpan<int> starts = recording.Starts;
            ReadOnlySpan<int> operands = recording.Operands;
            var a = new IntList();
            var b = new IntList();
            for (int k = n; k < recording.Count; k++)
            {
                byte kind = pairs[k];
                if (kind == 0 || !live[k])
                {
                    continue;
                }

                ReadOnlySpan<int> args = operands[starts[k]..starts[k + 1]];
                if ((kind & TraceRecording.AllPairs) != 0)
                {
                    a.Clear();
                    extraction._generation++;
                    foreach (int arg in args)
                    {
                        extraction.Inputs(arg, a, fresh: false);
                    }

                    Product(a.Span, a.Span, rows, columns);
                    continue;
                }

                for (int p = 0; p < args.Length; p++)
                {
                    for (int q = p; q < args.Length; q++)
                    {
                        if ((kind & TraceRecording.PairBit(p, q)) == 0)
                        {
                            continue;
                        }

                        a.Clear();
                        extraction.Inputs(args[p], a, fresh: true);
                        if (args[p] == args[q])
                        {
                            Product(a.Span, a.Span, rows, columns);
                            continue;
                        }

                        b.Clear();
                        extraction.Inputs(args[q], b, fresh: true);
                        Product(a.Span, b.Span, rows, columns);
                        Product(b.Span, a.Span, rows, columns);
                    }
                }
            }
        }

        return SparsityPattern.FromPairs(n, n, rows.Span, columns.Span);
    }

    /// <summary>The nodes the output depends on (one backward pass).</summary>
    private static bool[] Live(TraceRecording recording, int output)
    {
        bool[] live = new bool[recording.Count];
        live[output] = true;
        ReadOnlySpan<int> starts = recording.Starts;
        ReadOnlySpan<int> operands = recording.Operands;
        for (int k = output; k >= recording.Inputs; k--)
        {
            if (live[k])
            {
                foreach (int arg in operands[starts[k]..starts[k + 1]])
                {
                    live[arg] = true;
                }
            }
        }

        return live;
    }

    private static void Product(ReadOnlySpan<int> a, ReadOnlySpan<int> b, IntList rows, IntList columns)
    {
        foreach (int i in a)
        {
            foreach (int j in b)
            {
                rows.Add(i);
                columns.Add(j);
            }
        }
    }

    /// <summary>Appends the inputs <paramref name="node"/> reaches and that this search has not seen yet.</summary>
    private void Inputs(int node, IntList set, bool fresh)
    {
        if (node < 0)
        {
            return;
        }

        if (fresh)
        {
            _generation++;
        }

        int generation = _generation;
        if (_stamp[node] == generation)
        {
            return;
        }

        int n = _recording.Inputs;
        ReadOnlySpan<int> starts = _recording.Starts;
        ReadOnlySpan<int> operands = _recording.Operands;
        int top = 0;
        _stack[top++] = node;
        _stamp[node] = generation;
        while (top > 0)
        {
            int k = _stack[--top];
            if (k < n)
            {
                set.Add(k);
                continue;
            }

            foreach (int arg in operands[starts[k]..starts[k + 1]])
            {
                if (_stamp[arg] != generation)
                {
                    _stamp[arg] = generation;
                    if (top == _stack.Length)
                    {
                        Array.Resize(ref _stack, top * 2);
                    }

                    _stack[top++] = arg;
                }
            }
        }
    }
}

/// <summary>A growable list of ints with span access (List&lt;int&gt; without the bounds of its API).</summary>
internal sealed class IntList
{
    private int[] _items = new int[16];

    public int Count { get; private set; }

    public Span<int> Span => _items.AsSpan(0, Count);

    public void Add(int item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    public void Clear() => Count = 0;
}
