using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Kernel records: one special record per kernel call, its operand values in a value stream, its outputs the
    // consecutive records after it
    //

    private T[] _kernelValues = [];
    private int _kernelValueCount;
    private int[] _kernelIndices = [];
    private int _kernelIndexCount;
    private KernelRecord[] _kernelRecords = [];
    private int _kernelRecordCount;

    /// <summary>Where in the value stream the values of the leading variables (a facade's inputs) are, once a kernel
    /// operand covering at least half of them copied them all there; −1 before, −2 when the input buffer no longer
    /// holds them (the function overwrote an element).</summary>
    private int _leadingValues = -1;

    /// <summary>Whether the function sees the input buffer read-only (<see cref="SealInputs"/>).</summary>
    private bool _inputsSealed;

    /// <summary>Where in the value stream <see cref="Inputs"/> wrote the values of the leading variables as it recorded
    /// them (records 1 … n, the first thing recorded), or −1: what the input buffer held when it was filled.</summary>
    private int _inputValues = -1;

    /// <summary>Declares that the function being recorded gets the input buffer (<see cref="Inputs"/>, just filled) as
    /// a read-only span only (an <see cref="IScalarFunction"/>'s argument): the buffer holds the leading variables for
    /// the whole recording, so with their values written by <see cref="Inputs"/> (or copied by the first kernel that
    /// needs them, <see cref="CopyLeadingValues"/>), slices of the buffer need no run check.</summary>
    internal void SealInputs()
    {
        _inputsSealed = true;
        if (_inputValues >= 0 && _leadingValues == -1 && _inputs.Length == _leadingVariables && _count == _leadingVariables + 1)
        {
            // nothing recorded since the buffer was filled from those values, and the function cannot write to it
            _leadingValues = _inputValues;
        }
    }

    /// <summary>Where <see cref="Inputs"/> writes the values of the <paramref name="n"/> variables it records from
    /// record <paramref name="first"/>, when they are the first thing recorded (so every kernel reads them there
    /// instead of from the input buffer); empty otherwise.</summary>
    private Span<T> InputValues(int first, int n)
    {
        if (first != 1 || _kernelValueCount != 0 || _leadingValues != -1 || n == 0)
        {
            return [];
        }

        _inputValues = ReserveValues(n);
        return _kernelValues.AsSpan(_inputValues, n);
    }

    /// <summary>Records z = kind(a, b) as one special record plus one record per output (so each output has its own
    /// adjoint slot), or computes constants when no operand is a variable.</summary>
    /// <remarks>The values of both operands and of the outputs go to the value stream (what the backward needs:
    /// O(inputs + outputs)). An operand whose variables are consecutive records (the inputs of a facade call, the
    /// outputs of an earlier kernel) is stored as its first record, so the sweep adds to a contiguous adjoint span;
    /// a constant operand stores no indices and gets no adjoint; anything else stores one index per element. The data matrix of the data kernels
    /// (<paramref name="data"/>) is kept by reference, not copied: the caller promises it does not change while the
    /// recording is in use.</remarks>
    internal static void Kernel(KernelKind kind, ReadOnlySpan<Var<T>> a, ReadOnlySpan<Var<T>> b, Span<Var<T>> output, int p0 = 0, int p1 = 0, int p2 = 0, ReadOnlyMemory<double> data = default)
    {
        // the recording of the first variable found (the small operand first: a data matrix is usually all constants);
        // that every other variable has it too is checked while the operands are stored
        int recording = First(b);
        if (recording == 0)
        {
            recording = First(a);
        }

        int na = a.Length, nb = b.Length, m = output.Length;
        if (recording == 0)
        {
            T[] buffer = ArrayPool<T>.Shared.Rent(Math.Max(1, na + nb + m));
            try
            {
                Span<T> av = buffer.AsSpan(0, na), bv = buffer.AsSpan(na, nb), z = buffer.AsSpan(na + nb, m);
                Values(a, av);
                Values(b, bv);
                KernelEval.Evaluate<T>(kind, av, bv, z, p0, p1, p2, data);
                for (int j = 0; j < m; j++)
                {
                    output[j] = new Var<T>(z[j]);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }

            return;
        }

        Tape<T> tape = ActiveFor(recording);
        tape.RecordKernel(kind, a, b, output, p0, p1, p2, data);
    }

    private void RecordKernel(KernelKind kind, ReadOnlySpan<Var<T>> a, ReadOnlySpan<Var<T>> b, Span<Var<T>> output, int p0, int p1, int p2, ReadOnlyMemory<double> data)
    {
        int na = a.Length, nb = b.Length, m = output.Length;

        // non-short-circuit: both operands offered (the second finds the copy done); a sealed input buffer, once its
        // values are copied (and checked), holds the leading variables for the whole recording
        bool verified = (CopyLeadingValues(a) | CopyLeadingValues(b)) || (_inputsSealed && _leadingValues >= 0);
        int start = ReserveValues((long)na + nb + m);
        var record = new KernelRecord
        {
            Kind = kind,
            OutputValues = start + na + nb,
            OutputLength = m,
            P0 = p0,
            P1 = p1,
            P2 = p2,
            Data = data,
        };

        // room for the kernel's own record and its outputs first, so nothing below can fail half-way
        if (_kernelRecords.Length == _kernelRecordCount)
        {
            Array.Resize(ref _kernelRecords, Math.Max(16, _kernelRecords.Length * 2));
        }

        if (_specials.Length == _specialCount)
        {
            Array.Resize(ref _specials, Math.Max(16, _specials.Length * 2));
        }

        while (_entries.Length - _count < m + 1)
        {
            Grow();
        }

        // The kernel's own record comes first and its outputs after it, so a sweep from any output reaches it after
        // every use of every output (as for vector rules).
        int i = _count;
        int firstOutput = i + 1;
        if (!TryFused(kind, a, b, output, start, verified, firstOutput, ref record, out bool outputsWritten))
        {
            record.A = StoreOperand(a, start, verified);
            record.B = StoreOperand(b, start + na, verified);
            KernelEval.Evaluate<T>(kind, Values(in record.A), Values(in record.B), _kernelValues.AsSpan(record.OutputValues, m), p0, p1, p2, data);
        }

        Push(T.Zero, i, T.Zero, i, T.Zero, _recording);
        record.OutputFirst = firstOutput;
        int k = _kernelRecordCount++;
        _kernelRecords[k] = record;
        _specials[_specialCount++] = new Special(i, k, 0, m, null, isKernel: true);

        // The outputs are adjoint slots only: both sweeps step over them (the backward reads their adjoints in the
        // kernel's own step, the tangent sweep writes their tangents there), so their records are reserved, not written.
        _count = firstOutput + m;
        if (!outputsWritten)
        {
            VarSpans<T>.Outputs(_kernelValues.AsSpan(record.OutputValues, m), output, firstOutput, _recording);
        }
    }

    /// <summary>The sweep's step for a kernel record: its backward rule from the outputs' adjoints, added to the
    /// operands' adjoints (directly for consecutive operands; through a gather and scatter otherwise).</summary>
    private void SweepKernel(int k)
    {
        if (SweepGroup(k))
        {
            return;
        }

        ref KernelRecord r = ref _kernelRecords[k];
        if (r.Deferred)
        {
            // nothing was added to its outputs' adjoints: they are 0 (cleared now for Adjoint), and so is all it passes on
            Live(ref r);
            return;
        }

        ReadOnlySpan<T> g = _adjoints.AsSpan(r.OutputFirst, r.OutputLength);
        if (AllZero(g))
        {
            return;
        }

        // Deferred blocks among the operands: one that is exactly an operand is cleared chunk by chunk as the rule adds
        // to it, where the rule runs by chunks (else whole, here); other blocks touched are cleared here.
        bool clearA = false, clearB = false;
        if (_deferredBlocks > 0)
        {
            if (r.A.IndexStart >= 0 || r.B.IndexStart >= 0)
            {
                AllLive();
            }

            clearA = ClearsAsItGoes(in r.A, in r.B);
            clearB = ClearsAsItGoes(in r.B, in r.A);
            if ((clearA || clearB) && !KernelRules<T>.IsChunked(r.Kind, r.A.First > 0 || r.A.IndexStart >= 0, r.B.First > 0 || r.B.IndexStart >= 0))
            {
                ClearWhole(in r.A, ref clearA);
                ClearWhole(in r.B, ref clearB);
            }
        }

        T[]? scatterA = null, scatterB = null;
        try
        {
            Span<T> abar = AdjointTarget(in r.A, ref scatterA);
            Span<T> bbar = AdjointTarget(in r.B, ref scatterB);
            KernelRules<T>.Vjp(r.Kind, Values(in r.A), Values(in r.B), _kernelValues.AsSpan(r.OutputValues, r.OutputLength), g, abar, bbar, r.P0, r.P1, r.P2, r.Data, clearA, clearB);
            Scatter(in r.A, scatterA);
            Scatter(in r.B, scatterB);
        }
        finally
        {
            if (scatterA is not null)
            {
                ArrayPool<T>.Shared.Return(scatterA, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }

            if (scatterB is not null)
            {
                ArrayPool<T>.Shared.Return(scatterB, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }
        }
    }

    private void ClearWhole(in KernelOperand operand, ref bool clear)
    {
        if (clear)
        {
            _adjoints.AsSpan(operand.First, operand.Length).Clear();
            clear = false;
        }
    }

    /// <summary>The forward tangent sweep's step for a kernel record: its outputs' tangents from its operands', by
    /// running the kernel at <c>Dual&lt;T&gt;</c> (the kernel's value-and-tangent code is its J·v).</summary>
    private void TangentKernel(int k)
    {
        ref readonly KernelRecord r = ref _kernelRecords[k];
        int na = r.A.Length, nb = r.B.Length, m = r.OutputLength;
        Span<T> zt = _tangents.AsSpan(r.OutputFirst, m);
        Dual<T>[] buffer = ArrayPool<Dual<T>>.Shared.Rent(Math.Max(1, na + nb + m));
        try
        {
            Span<Dual<T>> ad = buffer.AsSpan(0, na), bd = buffer.AsSpan(na, nb), zd = buffer.AsSpan(na + nb, m);
            bool moving = Duals(in r.A, ad) | Duals(in r.B, bd);
            if (!moving)
            {
                zt.Clear();
                return;
            }

            KernelEval.Evaluate<Dual<T>>(r.Kind, ad, bd, zd, r.P0, r.P1, r.P2, r.Data);
            for (int j = 0; j < m; j++)
            {
                zt[j] = zd[j].Tangent;
            }
        }
        finally
        {
            ArrayPool<Dual<T>>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>Values with their tangents from the last tangent sweep; whether any tangent is nonzero.</summary>
    private bool Duals(in KernelOperand operand, Span<Dual<T>> destination)
    {
        ReadOnlySpan<T> values = Values(in operand);
        bool moving = false;
        for (int i = 0; i < destination.Length; i++)
        {
            int index = operand.First > 0 ? operand.First + i : operand.IndexStart >= 0 ? _kernelIndices[operand.IndexStart + i] : 0;
            T t = index != 0 ? _tangents[index] : T.Zero;
            moving |= !Propagation.IsZero(t);
            destination[i] = new Dual<T>(values[i], t);
        }

        return moving;
    }

    private void ResetKernels()
    {
        if (_kernelValueCount > 0 && RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_kernelValues, 0, _kernelValueCount);
        }

        // the records may hold data matrices: let them go
        Array.Clear(_kernelRecords, 0, _kernelRecordCount);
        _kernelValueCount = 0;
        _kernelIndexCount = 0;
        _kernelRecordCount = 0;
        _leadingValues = -1;
        _inputValues = -1;
        _inputsSealed = false;
        _deferredBlocks = 0;
        _groupTop = -1;
    }

    private static int First(ReadOnlySpan<Var<T>> x)
    {
        foreach (Var<T> xi in x)
        {
            if (xi.Recording != 0)
            {
                return xi.Recording;
            }
        }

        return 0;
    }

    private static void Values(ReadOnlySpan<Var<T>> x, Span<T> values)
    {
        for (int i = 0; i < x.Length; i++)
        {
            values[i] = x[i].Primal;
        }
    }

    private static bool AllZero(ReadOnlySpan<T> x)
    {
        foreach (T v in x)
        {
            if (!Propagation.IsZero(v))
            {
                return false;
            }
        }

        return true;
    }

    private ReadOnlySpan<T> Values(in KernelOperand operand) => _kernelValues.AsSpan(operand.ValueStart, operand.Length);

    /// <summary>Copies the operand's values to the value stream at <paramref name="start"/> and classifies it.</summary>
    /// <remarks>The common shapes first, in one vector pass: consecutive variables of this recording (the inputs, or
    /// the outputs of an earlier kernel, whose values are in the value stream already and are not copied again) and
    /// all constants; anything else takes the general pass.</remarks>
    private KernelOperand StoreOperand(ReadOnlySpan<Var<T>> x, int start, bool verified)
    {
        if (verified && WithinInputs(x, out int offset))
        {
            // a slice of the input buffer, which CopyLeadingValues has just found to hold the leading variables
            return new KernelOperand { ValueStart = _leadingValues + offset, Length = x.Length, First = offset + 1, IndexStart = -1 };
        }

        Span<T> values = _kernelValues.AsSpan(start, x.Length);
        if (x.Length > 0 && (x[0].Recording == 0 || x[0].Recording == _recording))
        {
            int head = x[0].Recording == 0 ? 0 : x[0].Index;
            int step = head == 0 ? 0 : 1;
            int stored = step == 1 ? OutputValuesOf(head, x.Length) : -1;
            if (stored < 0 && step == 1 && _leadingValues >= 0 && head + x.Length - 1 <= _leadingVariables)
            {
                // leading variables (head ≥ 1): their values are in the stream already
                stored = _leadingValues + head - 1;
            }

            if (VarSpans<T>.IsRun(x, stored >= 0 ? [] : values, head, step, x[0].Recording))
            {
                return new KernelOperand { ValueStart = stored >= 0 ? stored : start, Length = x.Length, First = head, IndexStart = -1 };
            }
        }

        bool any = false;
        bool mixed = false;
        bool consecutive = x.Length > 0 && x[0].Recording != 0;
        int first = consecutive ? x[0].Index : 0;
        int recording = _recording;

        // One pass without branches on the data (a data matrix is 10⁵ constants): values copied, the operand classified.
        ref Var<T> source = ref MemoryMarshal.GetReference(x);
        ref T destination = ref MemoryMarshal.GetReference(values);
        for (int i = 0; i < x.Length; i++)
        {
            ref Var<T> xi = ref Unsafe.Add(ref source, i);
            Unsafe.Add(ref destination, i) = xi.Primal;
            int r = xi.Recording;
            any |= r != 0;
            mixed |= (r != 0) & (r != recording);
            consecutive &= (r != 0) & (xi.Index == first + i);
        }

        if (mixed)
        {
            ThrowMixed();
        }

        var operand = new KernelOperand { ValueStart = start, Length = x.Length, IndexStart = -1 };
        if (!any)
        {
            return operand;
        }

        if (consecutive)
        {
            operand.First = first;
            return operand;
        }

        // mixed or scattered: one index per element, 0 (the sink no variable reads) for a constant
        if (_kernelIndices.Length - _kernelIndexCount < x.Length)
        {
            Array.Resize(ref _kernelIndices, (int)Math.Min(Array.MaxLength, Math.Max(Math.Max(256L, 2L * _kernelIndices.Length), (long)_kernelIndexCount + x.Length)));
        }

        operand.IndexStart = _kernelIndexCount;
        for (int i = 0; i < x.Length; i++)
        {
            _kernelIndices[_kernelIndexCount + i] = x[i].Index;
        }

        _kernelIndexCount += x.Length;
        return operand;
    }

    /// <summary>Copies the values of all leading variables to the value stream once, when <paramref name="x"/> starts
    /// with one and covers at least half of them (so the copy costs at most twice the operand's own): every later
    /// operand within them (x[..^1] after x[1..], say) then reads them there instead of copying its own.</summary>
    /// <returns>Whether it copied them now, having found the input buffer to hold the leading variables (its slices
    /// then need no check in this call).</returns>
    private bool CopyLeadingValues(ReadOnlySpan<Var<T>> x)
    {
        int n = _leadingVariables;
        if (_leadingValues != -1 || x.Length < Math.Max(1, n / 2) || x[0].Recording != _recording || x[0].Index > n || _inputs.Length != n)
        {
            return false;
        }

        if (_inputValues >= 0)
        {
            // their values are in the stream already (Inputs wrote them): the buffer is only checked
            bool holds = VarSpans<T>.IsRun(_inputs, [], 1, 1, _recording);
            _leadingValues = holds ? _inputValues : -2;
            return holds;
        }

        int start = ReserveValues(n);
        if (VarSpans<T>.IsRun(_inputs, _kernelValues.AsSpan(start, n), 1, 1, _recording))
        {
            _leadingValues = start;
            return true;
        }

        // the input buffer was written to: its elements are no longer the leading variables
        _kernelValueCount = start;
        _leadingValues = -2;
        return false;
    }

    /// <summary>Where in the value stream the values of records <paramref name="first"/> … first + length − 1 are, when
    /// they are outputs of one kernel record (found by bisection: the records' outputs ascend); −1 otherwise.</summary>
    private int OutputValuesOf(int first, int length)
    {
        int k = KernelOfOutput(first);
        if (k < 0)
        {
            return -1;
        }

        ref readonly KernelRecord r = ref _kernelRecords[k];
        return first + length <= r.OutputFirst + r.OutputLength ? r.OutputValues + (first - r.OutputFirst) : -1;
    }

    /// <summary>Where the operand's adjoint contributions go: the adjoint span itself for consecutive records, a
    /// zeroed pooled buffer for scattered ones, nothing (empty) for a constant.</summary>
    private Span<T> AdjointTarget(in KernelOperand operand, ref T[]? scatter)
    {
        if (operand.First > 0)
        {
            return _adjoints.AsSpan(operand.First, operand.Length);
        }

        if (operand.IndexStart < 0)
        {
            return [];
        }

        scatter = ArrayPool<T>.Shared.Rent(operand.Length);
        Span<T> target = scatter.AsSpan(0, operand.Length);
        target.Clear();
        return target;
    }

    private void Scatter(in KernelOperand operand, T[]? scatter)
    {
        if (scatter is null)
        {
            return;
        }

        ReadOnlySpan<int> indices = _kernelIndices.AsSpan(operand.IndexStart, operand.Length);
        for (int i = 0; i < indices.Length; i++)
        {
            // constants have record 0, a slot no variable reads
            T contribution = scatter[i];
            if (!Propagation.IsZero(contribution))
            {
                _adjoints[indices[i]] += contribution;
            }
        }
    }

    private int ReserveValues(long count)
    {
        long needed = _kernelValueCount + count;
        if (needed > _kernelValues.Length)
        {
            if (needed > Array.MaxLength)
            {
                throw new InvalidOperationException($"The tape is full: the values of its kernel records exceed {Array.MaxLength} entries.");
            }

            try
            {
                Array.Resize(ref _kernelValues, (int)Math.Min(Array.MaxLength, Math.Max(Math.Max(256L, 2L * _kernelValues.Length), needed)));
            }
            catch (OutOfMemoryException e)
            {
                throw new InvalidOperationException($"The tape ran out of memory after {_kernelValueCount} values of kernel records.", e);
            }
        }

        int start = _kernelValueCount;
        _kernelValueCount = (int)needed;
        return start;
    }

    /// <summary>One operand span of a kernel record: its values in the value stream, and where its adjoints are —
    /// <see cref="First"/> &gt; 0: consecutive records from there; <see cref="IndexStart"/> ≥ 0: one index per
    /// element in the index stream; neither: a constant.</summary>
    private struct KernelOperand
    {
        public int ValueStart;
        public int Length;
        public int First;
        public int IndexStart;
    }

    /// <summary>One kernel call on the tape.</summary>
    private struct KernelRecord
    {
        public KernelKind Kind;
        public KernelOperand A;
        public KernelOperand B;
        public int OutputFirst;
        public int OutputLength;
        public int OutputValues;
        public int P0;
        public int P1;
        public int P2;

        /// <summary>The data matrix of a data kernel, kept by reference.</summary>
        public ReadOnlyMemory<double> Data;

        /// <summary>Whether the outputs' adjoint slots are still to be cleared in this sweep (see ClearAdjoints).</summary>
        public bool Deferred;
    }
}
