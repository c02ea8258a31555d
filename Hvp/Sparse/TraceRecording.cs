using System.Runtime.CompilerServices;

namespace DualAutodiff;

/// <summary>
/// The recording a sparsity trace writes: one node per operation on <see cref="SparsityTracer"/> that can change a
/// pattern, with its variable operands and which pairs of them interact nonlinearly (ADOL-C's tape, reduced to
/// structure). Nodes 0 … n − 1 are the inputs.
/// </summary>
/// <remarks>
/// <para>Why a recording and not sets carried by each value (SparseConnectivityTracer's forward tracers): the sum
/// s ← s + tᵢ that every partially separable function accumulates would copy a growing index set at each step,
/// O(n²) work at n = 10⁶. Here each operation appends O(1) ints, and the sets are found afterwards, only where a
/// nonlinear operation needs them (<see cref="PatternExtraction"/>).</para>
/// <para>Linear operations of one variable (x ± c, c·x, x/c, −x, |x|, …) leave the structure unchanged and record
/// nothing: their result is the operand's node. Constants are node −1 and never recorded.</para>
/// <para>One recording per thread, reused, so steady-state tracing allocates nothing; a trace claims it for its
/// duration (<see cref="Begin"/>, <see cref="End"/>).</para>
/// </remarks>
internal sealed class TraceRecording
{
    /// <summary>The node of a constant.</summary>
    public const int Constant = -1;

    /// <summary>Pair bits over operand positions 0, 1, 2: which second partials can be nonzero.</summary>
    public const byte Pair00 = 1;
    public const byte Pair11 = 2;
    public const byte Pair22 = 4;
    public const byte Pair01 = 8;
    public const byte Pair02 = 16;
    public const byte Pair12 = 32;

    /// <summary>Every pair of operands interacts (an n-ary rule: LogSumExp, a vector rule).</summary>
    public const byte AllPairs = 64;

    private const int InitialCapacity = 1024;

    [ThreadStatic]
    private static TraceRecording? t_free;

    [ThreadStatic]
    private static TraceRecording? t_current;

    private int[] _start = new int[InitialCapacity + 1];
    private byte[] _pairs = new byte[InitialCapacity];
    private int[] _operands = new int[InitialCapacity];
    private int _count;
    private int _operandCount;

    /// <summary>The number of inputs (the first nodes).</summary>
    public int Inputs { get; private set; }

    /// <summary>Whether comparisons are refused (global mode: the pattern must hold at every point).</summary>
    public bool Global { get; private set; }

    /// <summary>How many comparisons, predicates, selections and conversions out read a value that depends on the
    /// input. With none, f took no branch on x, so the recording (and the pattern) is the same at every point.</summary>
    public int Decisions { get; set; }

    /// <summary>The number of nodes, inputs included.</summary>
    public int Count => _count;

    /// <summary>The recording of the trace running on this thread.</summary>
    public static TraceRecording Current => t_current ?? throw new InvalidOperationException(
        "A sparsity tracer was used outside a sparsity trace (Sparse.PrepareHessian or Sparse.PrepareJacobian): it cannot be kept or used on another thread.");

    /// <summary>Each node's first operand, an index into <see cref="Operands"/> (one more entry than nodes).</summary>
    public ReadOnlySpan<int> Starts => _start.AsSpan(0, _count + 1);

    /// <summary>The pair bits of each node.</summary>
    public ReadOnlySpan<byte> Pairs => _pairs.AsSpan(0, _count);

    /// <summary>The operands of every node, in node order.</summary>
    public ReadOnlySpan<int> Operands => _operands.AsSpan(0, _operandCount);

    /// <summary>Claims this thread's recording with n input nodes.</summary>
    public static TraceRecording Begin(int inputs, bool global)
    {
        if (t_current is not null)
        {
            throw new InvalidOperationException("A sparsity trace cannot start inside another on the same thread (the function called Sparse.PrepareHessian or PrepareJacobian on itself).");
        }

        TraceRecording recording = t_free ?? new TraceRecording();
        t_free = null;
        recording.Reset(inputs, global);
        t_current = recording;
        return recording;
    }

    /// <summary>Ends the trace and keeps the recording's storage for the next one on this thread.</summary>
    public void End()
    {
        t_current = null;
        t_free = this;
    }

    /// <summary>Whether this recording has exactly the nodes of <paramref name="other"/> and the same outputs.</summary>
    public bool SameAs(RecordingCopy other, ReadOnlySpan<int> outputs) =>
        _count == other.Pairs.Length
        && Starts.SequenceEqual(other.Starts)
        && Pairs.SequenceEqual(other.Pairs)
        && Operands.SequenceEqual(other.Operands)
        && outputs.SequenceEqual(other.Outputs);

    /// <summary>A unary nonlinear operation: f(x) with f″ ≠ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Unary(int x) => x < 0 ? Constant : Append1(x, Pair00);

    /// <summary>A binary operation whose nonzero second partials are <paramref name="pairs"/> (bits over 0, 1).</summary>
    public int Binary(int x, int y, byte pairs)
    {
        if (x < 0)
        {
            return y < 0 ? Constant : ((pairs & Pair11) != 0 ? Append1(y, Pair00) : y);
        }

        if (y < 0)
        {
            return (pairs & Pair00) != 0 ? Append1(x, Pair00) : x;
        }

        if (pairs == 0 && x == y)
        {
            return x;
        }

        EnsureRoom(2);
        _operands[_operandCount++] = x;
        _operands[_operandCount++] = y;
        return Close(pairs);
    }

    /// <summary>A ternary operation whose nonzero second partials are <paramref name="pairs"/> (bits over 0, 1, 2).</summary>
    public int Ternary(int x, int y, int z, byte pairs)
    {
        if (x < 0 || y < 0 || z < 0)
        {
            // Drop the constants and the pairs they were in; what remains is a binary or unary operation.
            Span<int> kept = stackalloc int[3];
            Span<int> position = stackalloc int[3];
            int count = 0;
            ReadOnlySpan<int> all = [x, y, z];
            for (int k = 0; k < 3; k++)
            {
                if (all[k] >= 0)
                {
                    position[k] = count;
                    kept[count++] = all[k];
                }
                else
                {
                    position[k] = -1;
                }
            }

            byte reduced = Reduce(pairs, position);
            return count switch
            {
                0 => Constant,
                1 => reduced != 0 ? Append1(kept[0], Pair00) : kept[0],
                _ => Binary(kept[0], kept[1], reduced),
            };
        }

        EnsureRoom(3);
        _operands[_operandCount++] = x;
        _operands[_operandCount++] = y;
        _operands[_operandCount++] = z;
        return Close(pairs);
    }

    /// <summary>An n-ary operation: linear (<paramref name="pairs"/> 0) or with every pair interacting.</summary>
    public int Nary(ReadOnlySpan<SparsityTracer> x, byte pairs)
    {
        int first = -2;
        int variables = 0;
        foreach (SparsityTracer xi in x)
        {
            if (xi.Node >= 0)
            {
                variables++;
                first = first == -2 ? xi.Node : first;
            }
        }

        if (variables == 0)
        {
            return Constant;
        }

        if (variables == 1)
        {
            return pairs != 0 ? Append1(first, Pair00) : first;
        }

        EnsureRoom(variables);
        foreach (SparsityTracer xi in x)
        {
            if (xi.Node >= 0)
            {
                _operands[_operandCount++] = xi.Node;
            }
        }

        return Close(pairs == 0 ? (byte)0 : AllPairs);
    }

    /// <summary>A copy of the nodes, to compare a later trace with.</summary>
    public RecordingCopy Copy(ReadOnlySpan<int> outputs) => new(Starts.ToArray(), Pairs.ToArray(), Operands.ToArray(), outputs.ToArray());

    private static byte Reduce(byte pairs, ReadOnlySpan<int> position)
    {
        byte reduced = 0;
        ReadOnlySpan<(byte Bit, int A, int B)> all = [(Pair00, 0, 0), (Pair11, 1, 1), (Pair22, 2, 2), (Pair01, 0, 1), (Pair02, 0, 2), (Pair12, 1, 2)];
        foreach ((byte bit, int a, int b) in all)
        {
            if ((pairs & bit) != 0 && position[a] >= 0 && position[b] >= 0)
            {
                reduced |= PairBit(position[a], position[b]);
            }
        }

        return reduced;
    }

    /// <summary>The bit of the pair (a, b) of operand positions.</summary>
    public static byte PairBit(int a, int b) => (Math.Min(a, b), Math.Max(a, b)) switch
    {
        (0, 0) => Pair00,
        (1, 1) => Pair11,
        (2, 2) => Pair22,
        (0, 1) => Pair01,
        (0, 2) => Pair02,
        _ => Pair12,
    };

    private void Reset(int inputs, bool global)
    {
        Global = global;
        Inputs = inputs;
        Decisions = 0;
        _count = 0;
        _operandCount = 0;
        _start[0] = 0;
        for (int i = 0; i < inputs; i++)
        {
            EnsureRoom(0);
            Close(0);
        }
    }

    private int Append1(int x, byte pairs)
    {
        EnsureRoom(1);
        _operands[_operandCount++] = x;
        return Close(pairs);
    }

    private int Close(byte pairs)
    {
        int node = _count++;
        _pairs[node] = pairs;
        _start[_count] = _operandCount;
        return node;
    }

    private void EnsureRoom(int operands)
    {
        if (_count + 2 > _pairs.Length)
        {
            int size = checked(_pairs.Length * 2);
            Array.Resize(ref _pairs, size);
            Array.Resize(ref _start, size + 1);
        }

        if (_operandCount + operands > _operands.Length)
        {
            Array.Resize(ref _operands, Math.Max(checked(_operands.Length * 2), _operandCount + operands));
        }
    }
}

/// <summary>The nodes of one trace, kept by a prepared sparse derivative to recognise the same structure later.</summary>
/// <param name="Starts">Each node's first operand.</param>
/// <param name="Pairs">Each node's pair bits.</param>
/// <param name="Operands">The operands.</param>
/// <param name="Outputs">The output nodes.</param>
internal sealed record RecordingCopy(int[] Starts, byte[] Pairs, int[] Operands, int[] Outputs);
