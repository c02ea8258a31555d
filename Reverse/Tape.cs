using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>
/// A define-by-run Wengert list for reverse mode: every operation on recorded <see cref="Var{T}"/>s appends
/// its operand indices and local partial derivatives; a backward sweep then accumulates adjoints
/// ū_operand += ∂result/∂operand · ū_result from the last record to the first.
/// </summary>
/// <typeparam name="T">The scalar type of values, partials and adjoints. A <c>Var&lt;T&gt;</c> here
/// (<c>Var&lt;Var&lt;T&gt;&gt;</c>, PyTorch's double backward) makes the sweep itself a recorded computation.</typeparam>
/// <remarks>
/// <para>
/// The layout is the "Jacobian tape" of Adept and CoDiPack: one flat array of fixed-size records
/// (two operand indices and two partials: 24 bytes per binary operation for <c>double</c>), no object per
/// node and no virtual calls. Record 0 is never used (a constant's index). Constants are
/// never recorded. Storage is kept between recordings, so steady-state use allocates nothing.
/// </para>
/// <para>
/// An operation of more than two variable operands (a ternary op, <c>Special.LogSumExp</c>, one of
/// <see cref="Operation(T, ReadOnlySpan{Var{T}}, ReadOnlySpan{T})"/>) and a vector rule
/// (<see cref="IVectorRule"/>) are one record too, whose operands go to a second stream (CoDiPack's statement and
/// argument streams: an index and a partial each, 16 bytes for <c>double</c>). The sweep runs the two-operand loop
/// between such records and handles each of them on its own, so the common records pay nothing for them.
/// </para>
/// <para>
/// Operations record on the calling thread's active tape. A tape is active between <see cref="Record()"/> and
/// the disposal of the scope it returns (the facades in <see cref="Reverse"/> do this for you, on a tape of
/// their own). A <see cref="Var{T}"/> remembers the recording it belongs to, so using it on another thread,
/// on another tape, or after <see cref="Reset"/> throws instead of corrupting a result.
/// </para>
/// </remarks>
public sealed partial class Tape<T>
    where T : IFloatingPointIeee754<T>
{
    private const int InitialCapacity = 1024;

    /// <summary>The <see cref="_fastRecording"/> of a tape recording for replay: no variable has it.</summary>
    private const int NoFastPath = -1;

    private static readonly int s_slot = ActiveTapes.NewSlot();
    private static readonly bool s_isPrimitive = typeof(T).IsPrimitive;

    /// <summary>Whether <typeparamref name="T"/> is a <c>Var</c>, so that a sweep of this tape records on another.</summary>
    private static readonly bool s_sweepIsRecorded = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Var<>);

    [ThreadStatic]
    private static Tape<T>? s_free;

    private static int s_lastRecording;
    private static int s_maxRecords = Array.MaxLength;

    private Entry[] _entries = new Entry[InitialCapacity];
    private T[] _adjoints = [];
    private Var<T>[] _inputs = [];
    private int _count = 1;
    private int _leadingVariables;
    private int _swept;

    /// <summary>Whether the last sweep left contributions in its carry that are not yet in their slots (above the
    /// inputs'), see <see cref="RestoreCarriesIfPending"/>.</summary>
    private bool _carriesPending;
    private int _recording = NextRecording();

    /// <summary>The recording the inlined recording path accepts operands of: <see cref="_recording"/> while the tape
    /// is published (the thread's innermost active tape, recording for the sweep), <see cref="NoFastPath"/> otherwise,
    /// so that one compare per operand covers the replay case too (every operation of a recording for replay takes
    /// the out-of-line path, which keeps its step). See <c>Tape.Published.cs</c>.</summary>
    private int _fastRecording = NoFastPath;
    private Tape<T>? _outer;
    private Tape<T>? _nextFree;
    private bool _isActive;

    /// <summary>The tape operations record on in the calling thread, if any.</summary>
    public static Tape<T>? Active => Unsafe.As<Tape<T>?>(ActiveTapes.Get(s_slot));

    /// <summary>The size in bytes of one record (an operation with up to two operands; more operands take 16 bytes
    /// each for <c>double</c> in the argument stream).</summary>
    public static int BytesPerRecord => Unsafe.SizeOf<Entry>();

    /// <summary>The largest number of records one recording of this scalar type may hold (default and maximum:
    /// <see cref="Array.MaxLength"/>); a recording that would exceed it throws <see cref="InvalidOperationException"/>.</summary>
    /// <remarks>Shared by every tape of this scalar type; lower it to fail early instead of exhausting memory.</remarks>
    public static int MaxRecords
    {
        get => s_maxRecords;
        set => s_maxRecords = value >= 2 && value <= Array.MaxLength ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxRecords must be between 2 and {Array.MaxLength}.");
    }

    /// <summary>The number of operations and variables recorded since the last reset.</summary>
    public int Count => _count - 1;

    /// <summary>Starts a fresh recording on this tape and makes it the thread's active tape until the
    /// returned scope is disposed.</summary>
    /// <returns>The scope; dispose it (with <c>using</c>) to end the recording.</returns>
    /// <remarks>Earlier variables of this tape become invalid. Adjoints of the new recording stay readable
    /// after the scope ends, until the next <see cref="Record()"/> or <see cref="Reset"/>.</remarks>
    public RecordingScope Record()
    {
        if (_isActive)
        {
            throw new InvalidOperationException("This tape is already recording on a thread; dispose its scope first.");
        }

        Reset();
        if (_entries.Length > MaxRecords)
        {
            _entries = new Entry[MaxRecords];
        }

        Activate();
        return new RecordingScope(this);
    }

    /// <summary>Discards every record; variables of the old recording can no longer be used with this tape.</summary>
    public void Reset()
    {
        _count = 1;
        _leadingVariables = 0;
        _swept = 0;
        _carriesPending = false;
        bool published = _fastRecording != NoFastPath;
        if (published)
        {
            Unpublish();
        }

        _recording = NextRecording();
        if (published)
        {
            Publish();
        }

        ResetSpecials();
    }

    /// <summary>Creates an independent variable with the given value on this tape.</summary>
    /// <param name="value">The variable's value.</param>
    /// <returns>The recorded variable.</returns>
    public Var<T> Variable(T value) => PushSelf(value);

    /// <summary>Runs the backward sweep from a scalar output with seed 1, giving the gradient.</summary>
    /// <param name="output">The scalar output.</param>
    public void Backward(Var<T> output) => Backward(output, T.One);

    /// <summary>Runs the backward sweep from one output with seed ū.</summary>
    /// <param name="output">The output.</param>
    /// <param name="seed">Its adjoint seed ū.</param>
    /// <remarks>Adjoints of earlier sweeps are cleared first. A constant output gives all-zero adjoints.</remarks>
    public void Backward(Var<T> output, T seed) => Backward([output], [seed]);

    /// <summary>Runs the backward sweep from several outputs, which needs one seed per output.</summary>
    /// <param name="outputs">The outputs.</param>
    /// <exception cref="ArgumentException">Always, unless there is exactly one output: a vector output needs
    /// a seed u, and the sweep then computes uᵀ·J.</exception>
    public void Backward(ReadOnlySpan<Var<T>> outputs)
    {
        if (outputs.Length != 1)
        {
            throw new ArgumentException($"Backward from {outputs.Length} outputs needs a seed (one adjoint per output): the gradient can be implicitly created only for a scalar output.", nameof(outputs));
        }

        Backward(outputs[0]);
    }

    /// <summary>Runs one backward sweep seeded with ū = <paramref name="seeds"/>: afterwards the adjoint of each
    /// variable x is uᵀ·∂y/∂x (a vector-Jacobian product).</summary>
    /// <param name="outputs">The outputs y.</param>
    /// <param name="seeds">The seed u, one entry per output.</param>
    public void Backward(ReadOnlySpan<Var<T>> outputs, ReadOnlySpan<T> seeds)
    {
        if (outputs.Length != seeds.Length)
        {
            throw new ArgumentException($"Length mismatch: {seeds.Length} seeds for {outputs.Length} outputs.", nameof(seeds));
        }

        int top = 0;
        foreach (Var<T> y in outputs)
        {
            top = Math.Max(top, Owned(y, nameof(outputs)));
        }

        if (_compiling)
        {
            // Adjoints read inside f are values no replay recomputes.
            _notReplayable ??= "f ran a backward sweep of its own recording";
        }

        PrepareAdjoints();
        _swept = top;
        for (int k = 0; k < outputs.Length; k++)
        {
            int i = outputs[k].Index;
            if (i != 0)
            {
                Live(i);
                _adjoints[i] += seeds[k];
            }
        }

        Sweep(top);
    }

    /// <summary>The adjoint of <paramref name="x"/> after the last backward sweep.</summary>
    /// <param name="x">A variable of this tape's current recording, or a constant (adjoint 0).</param>
    /// <returns>ū for x: ∂(uᵀy)/∂x.</returns>
    /// <exception cref="InvalidOperationException">x belongs to another tape or thread, or to a recording that has
    /// been reset (the same exception as combining such variables).</exception>
    public T Adjoint(Var<T> x)
    {
        int i = Owned(x, nameof(x));
        if (i > _leadingVariables)
        {
            RestoreCarriesIfPending();
        }

        // Records above the last sweep's top (or all, before any sweep) took no part in it; their slots may
        // still hold adjoints of an earlier, longer recording.
        return i != 0 && i <= _swept ? _adjoints[i] : T.Zero;
    }

    /// <summary>Records the inputs xᵢ as variables in a buffer this tape reuses across calls.</summary>
    internal Var<T>[] Inputs(ReadOnlySpan<T> x)
    {
        if (_inputs.Length != x.Length)
        {
            _inputs = new Var<T>[x.Length];
        }

        int first = _count;
        if (first == _leadingVariables + 1 && x.Length > 0)
        {
            // Leading variables (nothing recorded before them, the facades' case): their records are reserved, not
            // written, as for a kernel's outputs: every pass over the records (the sweep, the tangent sweep, the
            // replay) starts above the leading variables, so no one reads them. The variables are written four at a
            // time where the layout allows.
            while (_entries.Length - first < x.Length)
            {
                Grow();
            }

            VarSpans<T>.Outputs(x, _inputs, first, _recording, InputValues(first, x.Length));
            _count = first + x.Length;
            _leadingVariables = _count - 1;
            return _inputs;
        }

        for (int i = 0; i < x.Length; i++)
        {
            _inputs[i] = Variable(x[i]);
        }

        return _inputs;
    }

    /// <summary>The adjoints of records 1 … <paramref name="n"/> (the leading variables: a facade's inputs) after the
    /// last sweep, where they are; records above the sweep's top took no part in it and read 0.</summary>
    /// <remarks>The records, not the input array the function saw: a function that overwrote an element of its input
    /// array still gets the derivative by the input itself. No pass over the variables checks what the array holds.</remarks>
    internal ReadOnlySpan<T> LeadingAdjoints(int n)
    {
        if (n > _leadingVariables || _adjoints.Length < _count)
        {
            ThrowNoLeadingAdjoints(n);
        }

        if (_swept < n)
        {
            // stale slots of an earlier, longer sweep: Adjoint reads them as 0 too
            _adjoints.AsSpan(_swept + 1, n - _swept).Clear();
        }

        return _adjoints.AsSpan(1, n);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowNoLeadingAdjoints(int n) => throw new InvalidOperationException($"The adjoints of {n} leading variables were asked for, but the recording has {_leadingVariables} (or no sweep ran).");

    /// <summary>The adjoints of the given variables, as a new array.</summary>
    internal T[] Adjoints(Var<T>[] variables)
    {
        // every element is written below, so the array need not be zeroed first (800 KB at n = 10⁵)
        T[] adjoints = GC.AllocateUninitializedArray<T>(variables.Length);
        Adjoints(variables, adjoints);
        return adjoints;
    }

    /// <summary>The adjoints of the given variables, into <paramref name="destination"/> (as long as they).</summary>
    internal void Adjoints(ReadOnlySpan<Var<T>> variables, Span<T> destination)
    {
        if (variables.Length > 0 && variables[0].Recording == _recording && variables[0].Index + variables.Length - 1 <= _swept
            && VarSpans<T>.IsRun(variables, [], variables[0].Index, 1, _recording))
        {
            if (variables[0].Index + variables.Length - 1 > _leadingVariables)
            {
                RestoreCarriesIfPending();
            }

            // consecutive records of this recording, all in the last sweep (the inputs of a facade call): one copy
            _adjoints.AsSpan(variables[0].Index, variables.Length).CopyTo(destination);
            return;
        }

        for (int i = 0; i < variables.Length; i++)
        {
            destination[i] = Adjoint(variables[i]);
        }
    }

    /// <summary>The index of a variable of this tape's current recording (0 for a constant).</summary>
    private int Owned(Var<T> x, string name)
    {
        if (x.Recording != 0 && x.Recording != _recording)
        {
            // A variable of a recording still open further out on this thread: typically a function
            // differentiated at the same type inside itself returned (or shifted) an outer variable.
            for (Tape<T>? t = Active; t is not null; t = t._outer)
            {
                if (t != this && t._recording == x.Recording)
                {
                    ThrowForeign(Active);
                }
            }

            // the same exception as combining such a variable (a stale input kept from an earlier call, say): the
            // argument is well-formed, the state it refers to is gone
            throw new InvalidOperationException($"The variable '{name}' does not belong to this tape's current recording: it comes from another tape, another thread, or a recording that has been reset.");
        }

        return x.Index;
    }

    //
    // Pooled tapes for the facades: one free list per thread, so threads never share a tape
    //

    /// <summary>Takes a tape of this thread's pool and starts recording on it.</summary>
    internal static Tape<T> Rent()
    {
        Tape<T> tape = s_free ?? new Tape<T>();
        s_free = tape._nextFree;
        tape._nextFree = null;
        tape.Record();
        return tape;
    }

    /// <summary>Ends the recording of a rented tape and returns it to the pool; safe after an exception.</summary>
    internal void Return()
    {
        // A scope the user's code left open inside ours is abandoned with it.
        if (_isActive)
        {
            Deactivate();
        }

        Reset();
        _nextFree = s_free;
        s_free = this;
    }

    /// <summary>Deactivates this tape, restoring the tape that was active before it.</summary>
    internal void End()
    {
        if (!_isActive)
        {
            return;
        }

        if (Active != this)
        {
            throw new InvalidOperationException("Recording scopes must end in the reverse order they began, on the thread that began them.");
        }

        Deactivate();
    }

    /// <summary>A new recording number: never 0 (a constant's) nor <see cref="NoFastPath"/>.</summary>
    private static int NextRecording()
    {
        int r = Interlocked.Increment(ref s_lastRecording);
        while (r is 0 or NoFastPath)
        {
            r = Interlocked.Increment(ref s_lastRecording);
        }

        return r;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowForeign(Tape<T>? active) => throw new InvalidOperationException(active is null
        ? $"A recorded Var<{typeof(T).Name}> was used with no recording active on this thread: it was carried to another thread, or used after its recording ended."
        : $"A Var<{typeof(T).Name}> from another recording was used: it comes from another tape or thread, from a recording that has been reset, or from an outer differentiation at the same type. Nested differentiation must use the next type level (e.g. Reverse.Gradient<Var<double>> inside Reverse.Gradient<double>).");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowMixed() => throw new InvalidOperationException($"Two Var<{typeof(T).Name}>s from different recordings were combined: variables of different tapes (or of an outer differentiation at the same type) cannot meet. Nested differentiation must use the next type level.");

    /// <summary>The span of a recording started by <see cref="Record()"/>; disposing it deactivates the tape.</summary>
    public readonly struct RecordingScope : IDisposable
    {
        private readonly Tape<T> _tape;

        internal RecordingScope(Tape<T> tape) => _tape = tape;

        /// <summary>Ends the recording: the tape is no longer the thread's active tape.</summary>
        public void Dispose() => _tape?.End();
    }
}
