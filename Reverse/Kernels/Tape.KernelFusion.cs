namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // The recording of a large elementwise kernel in one pass of chunks: each chunk's run check (which copies the
    // operand's values), its evaluation and its outputs run while the chunk is in the first- or second-level cache,
    // instead of one pass over the whole span each (at n = 10⁵ a span of Var leaves the 1 MB second-level cache, and
    // every pass reads it from the third)
    //

    /// <summary>Elements per chunk of the fused recording (16 KB of variables per span operand).</summary>
    private const int FusedChunk = 1024;

    /// <summary>Outputs from which an elementwise kernel is recorded chunk by chunk.</summary>
    private const int FusedMinimum = 256;

    /// <summary>Whether the kernels at <typeparamref name="T"/> compute each element of an elementwise kernel on its own,
    /// the same whatever the span around it (TensorPrimitives' SIMD for double and float: every chunk is at least
    /// <see cref="FusedChunk"/> long, so every element takes the same vector code as in one call over the whole span).</summary>
    private static readonly bool s_fusesElementwise = typeof(T) == typeof(double) || typeof(T) == typeof(float);

    /// <summary>The values of run operands whose values are in the value stream already, one chunk each (copied out
    /// by the run check from the chunk it has just read, so the evaluation reads them from the first-level cache).</summary>
    private T[] _fusedScratch = [];

    /// <summary>Whether <paramref name="kind"/> is elementwise: output j depends on element j of each span operand
    /// (and on a scalar operand) only.</summary>
    private static bool IsElementwise(KernelKind kind) => kind is KernelKind.Add or KernelKind.Subtract or KernelKind.Multiply
        or KernelKind.Divide or KernelKind.Scale or KernelKind.AddScalar or KernelKind.SubtractScalar or KernelKind.MultiplyScalar
        or KernelKind.DivideScalar or KernelKind.ScaleScalar or KernelKind.ScalarSubtract or KernelKind.ScalarDivide
        or KernelKind.Exp or KernelKind.Log or KernelKind.Tanh or KernelKind.Sigmoid or KernelKind.Softplus or KernelKind.Square;

    /// <summary>Records an elementwise kernel chunk by chunk when each span operand is a run (consecutive variables of
    /// this recording, or constants): operands classified, values stored, outputs evaluated into the value stream and,
    /// unless the destination is an operand, the variables written, all in one pass. False (nothing recorded, the
    /// destination possibly half written where it is no operand) when an operand is not a run: the general path then
    /// records the kernel from scratch.</summary>
    /// <param name="kind">An elementwise kind.</param>
    /// <param name="a">The first operand (the whole span, or the scalar of ScalarSubtract and ScalarDivide).</param>
    /// <param name="b">The second operand (a span, a scalar, or empty).</param>
    /// <param name="output">The destination.</param>
    /// <param name="start">Where the kernel's values were reserved in the value stream.</param>
    /// <param name="verified">Whether the input buffer holds the leading variables now (checked in this call, or
    /// sealed and checked earlier in this recording): its slices need no check.</param>
    /// <param name="firstOutput">The record of the first output.</param>
    /// <param name="record">The record, whose operands are set on success.</param>
    /// <param name="outputsWritten">Whether the destination's variables were written.</param>
    /// <returns>Whether the kernel was recorded.</returns>
    private bool TryFused(KernelKind kind, ReadOnlySpan<Var<T>> a, ReadOnlySpan<Var<T>> b, Span<Var<T>> output, int start, bool verified, int firstOutput, ref KernelRecord record, out bool outputsWritten)
    {
        outputsWritten = false;
        int m = output.Length;
        bool aSpan = kind is not (KernelKind.ScalarSubtract or KernelKind.ScalarDivide);
        bool bSpan = kind is KernelKind.Add or KernelKind.Subtract or KernelKind.Multiply or KernelKind.Divide or KernelKind.Scale
            or KernelKind.ScalarSubtract or KernelKind.ScalarDivide;
        if (!s_fusesElementwise || m < FusedMinimum || !IsElementwise(kind)
            || !Plan(a, aSpan, start, verified, out FusedOperand pa) || !Plan(b, bSpan, start + a.Length, verified, out FusedOperand pb))
        {
            return false;
        }

        // a scalar operand (one element) the ordinary way, before the chunks
        record.A = aSpan ? pa.Operand : StoreOperand(a, start, verified);
        record.B = bSpan ? pb.Operand : StoreOperand(b, start + a.Length, verified);
        if (_fusedScratch.Length < 4 * FusedChunk)
        {
            _fusedScratch = new T[4 * FusedChunk];
        }

        // A destination that is an operand exactly is written chunk by chunk too: a chunk's check reads the operand
        // before its outputs replace it, and should a later chunk be off the run, the replaced chunks are put back (they
        // were a run: their variables are known). Any other overlap waits for the end.
        bool writeOutputs = Aliased(a, output) && Aliased(b, output);
        Span<T> z = _kernelValues.AsSpan(record.OutputValues, m);
        int length;
        for (int s = 0; s < m; s += length)
        {
            // the last chunk takes the rest (so no chunk is shorter than FusedChunk unless the whole span is)
            length = m - s < 2 * FusedChunk ? m - s : FusedChunk;
            ReadOnlySpan<T> av = aSpan ? Chunk(a, in pa, s, length, 0) : Values(in record.A);
            ReadOnlySpan<T> bv = bSpan ? Chunk(b, in pb, s, length, 2 * FusedChunk) : Values(in record.B);
            if ((av.IsEmpty && a.Length > 0) || (bv.IsEmpty && b.Length > 0))
            {
                // an element off the run: the general path takes the kernel from its start, on the operands as they were
                if (writeOutputs)
                {
                    Restore(a, aSpan, in pa, output, s);
                    Restore(b, bSpan, in pb, output, s);
                }

                return false;
            }

            Span<T> zs = z.Slice(s, length);
            KernelEval.Evaluate<T>(kind, av, bv, zs, 0, 0, 0);
            if (writeOutputs)
            {
                VarSpans<T>.Outputs(zs, output.Slice(s, length), firstOutput + s, _recording);
            }
        }

        outputsWritten = writeOutputs;
        return true;
    }

    /// <summary>Whether the destination, written chunk by chunk, leaves the operand's unread chunks as they are: it does
    /// not overlap the operand, or it is the operand exactly.</summary>
    private static bool Aliased(ReadOnlySpan<Var<T>> x, Span<Var<T>> output) => !x.Overlaps(output) || (x.Overlaps(output, out int offset) && offset == 0 && x.Length == output.Length);

    /// <summary>Puts back elements 0 … <paramref name="count"/> − 1 of a span operand that is the destination, which
    /// its first chunks' outputs replaced: they were the run the plan describes, with the values now in the value
    /// stream (or where they were already), so each variable is restored bit for bit.</summary>
    private void Restore(ReadOnlySpan<Var<T>> x, bool isSpan, in FusedOperand plan, Span<Var<T>> output, int count)
    {
        if (!isSpan || count == 0 || !x.Overlaps(output))
        {
            return;
        }

        ReadOnlySpan<T> values = _kernelValues.AsSpan(plan.Operand.ValueStart, count);
        Span<Var<T>> replaced = output[..count];
        if (plan.Step == 0)
        {
            for (int i = 0; i < count; i++)
            {
                replaced[i] = new Var<T>(values[i]);
            }

            return;
        }

        VarSpans<T>.Outputs(values, replaced, plan.First, plan.Recording);
    }

    /// <summary>Classifies a span operand as a run candidate from its first element: where its values go (or are),
    /// whether it needs the check. False for an operand of another recording (the general path says why).</summary>
    private bool Plan(ReadOnlySpan<Var<T>> x, bool isSpan, int position, bool verified, out FusedOperand plan)
    {
        plan = default;
        if (!isSpan)
        {
            return true;
        }

        int recording = x[0].Recording;
        if (recording != 0 && recording != _recording)
        {
            return false;
        }

        int head = recording == 0 ? 0 : x[0].Index;
        plan.Step = head == 0 ? 0 : 1;
        plan.First = head;
        plan.Recording = recording;
        plan.Operand = new KernelOperand { ValueStart = position, Length = x.Length, First = head, IndexStart = -1 };
        if (verified && WithinInputs(x, out int offset))
        {
            plan.Operand.ValueStart = _leadingValues + offset;
            plan.Unchecked = true;
            return true;
        }

        int stored = plan.Step == 1 ? OutputValuesOf(head, x.Length) : -1;
        if (stored < 0 && plan.Step == 1 && _leadingValues >= 0 && head + x.Length - 1 <= _leadingVariables)
        {
            stored = _leadingValues + head - 1;
        }

        plan.Stored = stored >= 0;
        plan.Operand.ValueStart = stored >= 0 ? stored : position;
        return true;
    }

    /// <summary>The values of elements s … s + length − 1 of a run operand, checked (empty when an element is off the
    /// run): copied to the value stream, or to the scratch where they are in it already.</summary>
    private Span<T> Chunk(ReadOnlySpan<Var<T>> x, in FusedOperand plan, int s, int length, int scratch)
    {
        if (plan.Unchecked)
        {
            return _kernelValues.AsSpan(plan.Operand.ValueStart + s, length);
        }

        Span<T> values = plan.Stored ? _fusedScratch.AsSpan(scratch, length) : _kernelValues.AsSpan(plan.Operand.ValueStart + s, length);
        return VarSpans<T>.IsRun(x.Slice(s, length), values, plan.First + (plan.Step * s), plan.Step, plan.Recording) ? values : [];
    }

    /// <summary>Whether <paramref name="x"/> lies within the input buffer, and from which element (meaningful while
    /// the buffer is known to hold the leading variables: <see cref="CopyLeadingValues"/> found it so in this call, or
    /// earlier in the recording of a sealed buffer).</summary>
    private bool WithinInputs(ReadOnlySpan<Var<T>> x, out int offset)
    {
        offset = 0;
        return x.Length > 0 && ((ReadOnlySpan<Var<T>>)_inputs).Overlaps(x, out offset) && offset >= 0 && offset + x.Length <= _inputs.Length;
    }

    /// <summary>A span operand of a fused recording: its record operand, its run, where its values go.</summary>
    private struct FusedOperand
    {
        public KernelOperand Operand;
        public int First;
        public int Step;
        public int Recording;

        /// <summary>Its values are in the value stream already (an earlier kernel's outputs, the leading variables).</summary>
        public bool Stored;

        /// <summary>A slice of the input buffer checked in this call: no check, values read where they are.</summary>
        public bool Unchecked;
    }
}
