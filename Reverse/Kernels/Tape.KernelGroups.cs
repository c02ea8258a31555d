namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // The backward of a group of kernel records in one pass of chunks: kernel records one after another (other records
    // between them allowed where no member reads them: they are swept first), elementwise or reductions over spans of
    // one length, whose operands are either exactly the outputs of a member below or lie outside every member's
    // outputs and the records between (the inputs, say). Chunk by chunk, each member from the top
    // down runs its rule on the chunk, so an output's adjoints are complete for the chunk when its producer reads
    // them, and each intermediate adjoint is written and read again while in the second-level cache instead of one
    // pass over memory per record (Square → Subtract → SumOfSquares at n = 10⁵: five passes of 0.8 MB become one).
    //

    /// <summary>Elements per chunk of a group's pass (16 KB per span: every span of a few members stays in the
    /// second-level cache between them).</summary>
    private const int GroupChunk = 2048;

    /// <summary>The shortest spans worth a group (shorter ones stay in the first-level cache record by record).</summary>
    private const int GroupMinimum = 512;

    /// <summary>The most members of one group.</summary>
    private const int MaxGroup = 16;

    /// <summary>The top member of the group whose backward is pending while the sweep steps over its members (−1 otherwise).</summary>
    private int _groupTop = -1;

    /// <summary>The lowest member of that group.</summary>
    private int _groupLow;

    /// <summary>The top member of the pending group (kept while <see cref="_groupTop"/> is reset to run it).</summary>
    private int _groupTopMember;

    /// <summary>The length of the pending group's spans.</summary>
    private int _groupLength;

    /// <summary>The sweep's step for kernel record <paramref name="k"/> when it belongs to a group (at every scalar type
    /// whose kernels do not record: double, float, <c>Dual</c> for H·v): nothing yet for its
    /// top member and the members above its lowest, the whole group's backward at its lowest member (when the records
    /// between the members, which no member reads, have been swept). False when <paramref name="k"/> is in no group.</summary>
    /// <remarks>Contributions to an operand outside the members' outputs reach each element in the order of the
    /// members' chunks, after those of the records between the members: where two members add to one adjoint at
    /// different offsets (x[1..] and x[..^1]), an element at a chunk boundary may receive them in another order than
    /// record by record, which can change its last bit.</remarks>
    private bool SweepGroup(int k)
    {
        if (_groupTop > k && k >= _groupLow)
        {
            if (k == _groupLow)
            {
                _groupTop = -1;
                SweepMembers(_groupTopMember, k, _groupLength);
            }

            return true;
        }

        _groupTop = -1;
        if (k == 0 || !Groupable(in _kernelRecords[k], out int m) || m < GroupMinimum)
        {
            return false;
        }

        // the candidates: the kernel records below k with spans of the same length
        int low = k;
        while (low > 0 && k - low + 1 < MaxGroup && Groupable(in _kernelRecords[low - 1], out int mb) && mb == m)
        {
            low--;
        }

        // from the top down, every operand exactly a candidate's outputs or outside all of them, and outside the
        // records between the candidates (which are swept before the group); the group ends above the first member
        // that is neither
        for (int j = k; j > low; j--)
        {
            if (!Separate(in _kernelRecords[j].A, low, j) || !Separate(in _kernelRecords[j].B, low, j))
            {
                low = j + 1;
                break;
            }
        }

        if (low >= k)
        {
            return false;
        }

        _groupTop = k;
        _groupTopMember = k;
        _groupLow = low;
        _groupLength = m;
        return true;
    }

    /// <summary>Whether the record's rule runs by chunks (an elementwise kind or a reduction, scalar operands constant)
    /// over consecutive or constant operands, and the length of its spans.</summary>
    private static bool Groupable(in KernelRecord r, out int length)
    {
        length = KernelRules<T>.SpanLength(r.Kind, r.A.Length, r.B.Length);
        return r.A.IndexStart < 0 && r.B.IndexStart < 0 && KernelRules<T>.IsChunked(r.Kind, r.A.First > 0, r.B.First > 0);
    }

    /// <summary>Whether an operand of member <paramref name="j"/> is a constant, or exactly the outputs of a candidate
    /// below it, or outside the outputs of every candidate; and outside the records between candidates.</summary>
    private bool Separate(in KernelOperand operand, int low, int j)
    {
        if (operand.First <= 0)
        {
            return true;
        }

        int end = operand.First + operand.Length;
        for (int h = low; h < j; h++)
        {
            ref readonly KernelRecord r = ref _kernelRecords[h];
            if (operand.First < r.OutputFirst + r.OutputLength && r.OutputFirst < end)
            {
                return operand.First == r.OutputFirst && operand.Length == r.OutputLength;
            }

            // the records between this candidate's outputs and the next candidate's record
            int gap = r.OutputFirst + r.OutputLength, next = _kernelRecords[h + 1].OutputFirst - 1;
            if (operand.First < next && gap < end)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The member among <paramref name="low"/> … <paramref name="j"/> − 1 whose outputs the operand is, or −1.</summary>
    private int MemberOf(in KernelOperand operand, int low, int j)
    {
        for (int h = low; h < j; h++)
        {
            if (operand.First > 0 && operand.First == _kernelRecords[h].OutputFirst && operand.Length == _kernelRecords[h].OutputLength)
            {
                return h;
            }
        }

        return -1;
    }

    /// <summary>The group's backward: deferred adjoints settled first, then the members' rules chunk by chunk, from the
    /// top member down in each chunk.</summary>
    /// <remarks>A member nothing added to is skipped (its outputs cleared); operands outside the members have their
    /// deferred blocks cleared now. A member's outputs that another member adds to ("inner" outputs) are, when the
    /// caller reads only the leading adjoints afterwards (<see cref="BackwardForLeading"/>), accumulated in a scratch
    /// chunk that the second-level cache holds from the first addition to the producer's read, and never written to
    /// their slots; otherwise they are cleared chunk by chunk by the first member that adds to them.</remarks>
    private void SweepMembers(int k, int low, int m)
    {
        int count = k - low + 1;
        bool scratch = _leadingOnly;

        // per member (index k − j): its step flags, the member whose outputs each operand is (−1: none), and the
        // scratch chunk of its inner outputs (−1: none)
        Span<byte> steps = stackalloc byte[count];
        Span<int> memberA = stackalloc int[count];
        Span<int> memberB = stackalloc int[count];
        Span<int> inner = stackalloc int[count];
        inner.Fill(-1);
        int inners = 0;
        for (int j = k; j >= low; j--)
        {
            ref KernelRecord r = ref _kernelRecords[j];
            memberA[k - j] = MemberOf(in r.A, low, j);
            memberB[k - j] = MemberOf(in r.B, low, j);
            if (r.Deferred)
            {
                // nothing above added to its outputs: their adjoints are 0, and so is all it passes on
                Live(ref r);
                steps[k - j] = Skip;
                continue;
            }

            // (both operands the same member's outputs: the first clears them, once)
            byte step = (byte)(Settle(in r.A, memberA[k - j], ClearA) | Settle(in r.B, memberB[k - j], ClearB));
            foreach (int h in (ReadOnlySpan<int>)[memberA[k - j], memberB[k - j]])
            {
                if (scratch && h >= 0 && inner[k - h] < 0)
                {
                    // its slots start from 0 when they were deferred until now: this member, the first to add to
                    // them in every chunk, writes them instead; else they start from what the records above added
                    inner[k - h] = inners++;
                    bool isA = h == memberA[k - j];
                    if ((step & (isA ? ClearA : ClearB)) != 0)
                    {
                        steps[k - h] |= FromZero;
                        steps[k - j] |= isA ? AssignA : AssignB;
                    }
                }
            }

            steps[k - j] |= scratch ? (byte)0 : step;
        }

        int chunk = 2 * GroupChunk;
        if (_groupScratch.Length < inners * chunk)
        {
            _groupScratch = new T[inners * chunk];
        }

        int length;
        for (int s = 0; s < m; s += length)
        {
            length = m - s < 2 * GroupChunk ? m - s : GroupChunk;
            for (int j = k; j >= low; j--)
            {
                if (inner[k - j] >= 0)
                {
                    // (from zero: its first writer writes it whole, see AssignA)
                    if ((steps[k - j] & FromZero) == 0)
                    {
                        _adjoints.AsSpan(_kernelRecords[j].OutputFirst + s, length).CopyTo(_groupScratch.AsSpan(inner[k - j] * chunk, length));
                    }
                }
            }

            for (int j = k; j >= low; j--)
            {
                byte step = steps[k - j];
                if ((step & Skip) != 0)
                {
                    continue;
                }

                ref readonly KernelRecord r = ref _kernelRecords[j];
                KernelRules<T>.Shape(r.Kind, out bool reduction, out bool scalarA, out bool scalarB);
                ReadOnlySpan<T> a = Values(in r.A), b = Values(in r.B), z = _kernelValues.AsSpan(r.OutputValues, r.OutputLength);
                ReadOnlySpan<T> g = reduction ? _adjoints.AsSpan(r.OutputFirst, 1) : inner[k - j] >= 0 ? _groupScratch.AsSpan(inner[k - j] * chunk, length) : _adjoints.AsSpan(r.OutputFirst + s, length);
                Span<T> abar = Target(in r.A, scalarA, memberA[k - j], k, inner, s, length);
                Span<T> bbar = Target(in r.B, scalarB, memberB[k - j], k, inner, s, length);

                // a target whose slots (or scratch chunk) start from 0 is written, not cleared and added to
                KernelRules<T>.VjpAssign(
                    r.Kind,
                    scalarA ? a : a.Slice(s, length),
                    scalarB || b.IsEmpty ? b : b.Slice(s, length),
                    reduction ? z : z.Slice(s, length),
                    g,
                    abar,
                    bbar,
                    (step & (ClearA | AssignA)) != 0,
                    (step & (ClearB | AssignB)) != 0);
            }
        }
    }

    /// <summary>Where one chunk of an operand's contributions go: the producing member's scratch chunk, the operand's
    /// slots, nothing for a constant (a scalar operand is one, <see cref="KernelRules{T}.IsChunked"/>).</summary>
    private Span<T> Target(in KernelOperand operand, bool scalar, int member, int k, ReadOnlySpan<int> inner, int s, int length)
    {
        if (operand.First <= 0 || scalar)
        {
            return [];
        }

        return member >= 0 && inner[k - member] >= 0
            ? _groupScratch.AsSpan(inner[k - member] * 2 * GroupChunk, length)
            : _adjoints.AsSpan(operand.First + s, length);
    }

    /// <summary>Before the group's pass, for one operand (<paramref name="member"/>: the member whose outputs it is, or
    /// −1): a member's outputs still deferred are cleared chunk by chunk by the member this operand belongs to (the
    /// first to add to them: returns <paramref name="clear"/>); blocks outside the members are cleared now.</summary>
    private byte Settle(in KernelOperand operand, int member, byte clear)
    {
        if (operand.First <= 0 || _deferredBlocks == 0)
        {
            return 0;
        }

        if (member < 0)
        {
            LiveRange(operand.First, operand.Length);
            return 0;
        }

        ref KernelRecord producer = ref _kernelRecords[member];
        if (!producer.Deferred)
        {
            return 0;
        }

        producer.Deferred = false;
        _deferredBlocks--;
        return clear;
    }

    /// <summary>Runs <see cref="Backward(Var{T})"/> for a caller that reads the leading variables' adjoints only (a
    /// facade's gradient) before the recording ends: the adjoints of kernel outputs inside a group are then not stored.</summary>
    /// <param name="output">The scalar output.</param>
    internal void BackwardForLeading(Var<T> output)
    {
        _leadingOnly = true;
        try
        {
            Backward(output);
        }
        finally
        {
            _leadingOnly = false;
        }
    }

    /// <summary>Whether the sweep running now serves <see cref="BackwardForLeading"/>.</summary>
    private bool _leadingOnly;

    /// <summary>The scratch chunks of the inner outputs of a group.</summary>
    private T[] _groupScratch = [];

    /// <summary>An inner output's scratch chunk starts from 0: not initialised, its first writer (the member with
    /// <see cref="AssignA"/> or <see cref="AssignB"/> for it) writes it whole.</summary>
    private const byte FromZero = 8;
    private const byte AssignA = 16;
    private const byte AssignB = 32;
    private const byte ClearA = 1;
    private const byte ClearB = 2;
    private const byte Skip = 4;
}
