namespace DualAutodiff;

/// <summary>Runs a function once with <see cref="SparsityTracer"/> inputs at x and reads its pattern, or tells that the
/// recording is the one seen before (the same operations on the same operands, so the same pattern).</summary>
/// <remarks>The copy of the recording, kept to compare later traces with, is made only in local mode and only when f
/// decided something on a value that depends on x (a comparison, predicate, min/max, conversion out): otherwise f's
/// operations are the same at every point, and the pattern needs no re-check (null is returned).</remarks>
internal static class SparsityTrace
{
    /// <summary>Traces a scalar function; <paramref name="pattern"/> is null when the trace equals <paramref name="previous"/>.</summary>
    public static RecordingCopy? Hessian(IScalarFunction f, double[] x, SparsityMode mode, RecordingCopy? previous, SparsityTracer[] input, out SparsityPattern? pattern)
    {
        TraceRecording recording = TraceRecording.Begin(x.Length, mode == SparsityMode.Global);
        try
        {
            Inputs(x, input);
            int output = Own(recording, f.Evaluate<SparsityTracer>(input).Node);
            ReadOnlySpan<int> outputs = [output];
            if (previous is not null && recording.SameAs(previous, outputs))
            {
                pattern = null;
                return previous;
            }

            pattern = PatternExtraction.Hessian(recording, output);
            return mode == SparsityMode.Local && recording.Decisions > 0 ? recording.Copy(outputs) : null;
        }
        finally
        {
            recording.End();
        }
    }

    /// <summary>Traces a vector function; <paramref name="pattern"/> is null when the trace equals <paramref name="previous"/>.</summary>
    public static RecordingCopy? Jacobian(IVectorFunction f, double[] x, int m, SparsityMode mode, RecordingCopy? previous, SparsityTracer[] input, SparsityTracer[] output, out SparsityPattern? pattern)
    {
        TraceRecording recording = TraceRecording.Begin(x.Length, mode == SparsityMode.Global);
        try
        {
            Inputs(x, input);
            output.AsSpan().Clear();
            f.Evaluate<SparsityTracer>(input, output);
            int[] nodes = new int[m];
            for (int i = 0; i < m; i++)
            {
                nodes[i] = Own(recording, output[i].Node);
            }

            if (previous is not null && recording.SameAs(previous, nodes))
            {
                pattern = null;
                return previous;
            }

            pattern = PatternExtraction.Jacobian(recording, nodes);
            return mode == SparsityMode.Local && recording.Decisions > 0 ? recording.Copy(nodes) : null;
        }
        finally
        {
            recording.End();
        }
    }

    /// <summary>The node, checked to be of this trace (a tracer kept from an earlier trace would name another's node).</summary>
    private static int Own(TraceRecording recording, int node) => node < recording.Count
        ? node
        : throw new InvalidOperationException("The function returned a value from an earlier sparsity trace (a tracer kept between calls); every output must be computed from this call's inputs.");

    private static void Inputs(double[] x, SparsityTracer[] input)
    {
        for (int i = 0; i < x.Length; i++)
        {
            input[i] = new SparsityTracer(x[i], i);
        }
    }
}
