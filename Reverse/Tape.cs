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
/// Operations record on the calling thread's active tape. A tape is active between <see cref="Record()"/> and
/// the disposal of the scope it returns (the facades in <see cref="Reverse"/> do this for you, on a tape of
/// their own). A <see cref="Var{T}"/> remembers the recording it belongs to, so using it on another thread,
/// on another tape, or after <see cref="Reset"/> throws instead of corrupting a result.
/// </para>
/// </remarks>
public sealed class Tape<T>
    where T : IFloatingPointIeee754<T>
{
    private const int InitialCapacity = 1024;

    private static readonly int s_slot = ActiveTapes.NewSlot();
    private static readonly bool s_isPrimitive = typeof(T).IsPrimitive;

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
    private int _recording = NextRecording();
    private Tape<T>? _outer;
    private Tape<T>? _nextFree;
    private bool _isActive;

    /// <summary>The tape operations record on in the calling thread, if any.</summary>
    public static Tape<T>? Active => Unsafe.As<Tape<T>?>(ActiveTapes.Get(s_slot));

    /// <summary>The size in bytes of one record (an operation with up to two operands).</summary>
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

        _outer = Active;
        ActiveTapes.Set(s_slot, this);
        _isActive = true;
        return new RecordingScope(this);
    }

    /// <summary>Discards every record; variables of the old recording can no longer be used with this tape.</summary>
    public void Reset()
    {
        _count = 1;
        _leadingVariables = 0;
        _swept = 0;
        _recording = NextRecording();
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

        PrepareAdjoints();
        _swept = top;
        for (int k = 0; k < outputs.Length; k++)
        {
            int i = outputs[k].Index;
            if (i != 0)
            {
                _adjoints[i] += seeds[k];
            }
        }

        Sweep(top);
    }

    /// <summary>The adjoint of <paramref name="x"/> after the last backward sweep.</summary>
    /// <param name="x">A variable of this tape's current recording, or a constant (adjoint 0).</param>
    /// <returns>ū for x: ∂(uᵀy)/∂x.</returns>
    public T Adjoint(Var<T> x)
    {
        int i = Owned(x, nameof(x));

        // Records above the last sweep's top (or all, before any sweep) took no part in it; their slots may
        // still hold adjoints of an earlier, longer recording.
        return i != 0 && i <= _swept ? _adjoints[i] : T.Zero;
    }

    /// <summary>Records the inputs xᵢ as variables in a buffer this tape reuses across calls.</summary>
    internal Var<T>[] Inputs(T[] x)
    {
        if (_inputs.Length != x.Length)
        {
            _inputs = new Var<T>[x.Length];
        }

        for (int i = 0; i < x.Length; i++)
        {
            _inputs[i] = Variable(x[i]);
        }

        return _inputs;
    }

    /// <summary>The adjoints of the given variables, as a new array.</summary>
    internal T[] Adjoints(Var<T>[] variables)
    {
        var adjoints = new T[variables.Length];
        for (int i = 0; i < variables.Length; i++)
        {
            adjoints[i] = Adjoint(variables[i]);
        }

        return adjoints;
    }

    //
    // Recording: the hot path used by Var<T>
    //

    /// <summary>Records y = f(a) with partial ∂y/∂a, unless a is a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Var<T> Operation(T value, Var<T> a, T da)
    {
        if (a.Recording == 0)
        {
            return new Var<T>(value);
        }

        Tape<T>? tape = Active;
        if (tape is null || a.Recording != tape._recording)
        {
            ThrowForeign(tape);
        }

        return tape.Push(value, a.Index, da, a.Recording);
    }

    /// <summary>Records y = f(a, b) with partials ∂y/∂a and ∂y/∂b; constants are left out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Var<T> Operation(T value, Var<T> a, T da, Var<T> b, T db)
    {
        Tape<T>? tape = Active;
        if (tape is not null)
        {
            int recording = tape._recording;
            if (a.Recording == recording)
            {
                if (b.Recording == recording)
                {
                    return tape.Push(value, a.Index, da, b.Index, db, recording);
                }

                if (b.Recording == 0)
                {
                    return tape.Push(value, a.Index, da, recording);
                }
            }
            else if (a.Recording == 0 && b.Recording == recording)
            {
                return tape.Push(value, b.Index, db, recording);
            }
        }

        return OperationSlow(value, a, b);
    }

    /// <summary>Two constants, or a variable that is not of the active recording.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Var<T> OperationSlow(T value, Var<T> a, Var<T> b)
    {
        if (a.Recording == 0 && b.Recording == 0)
        {
            return new Var<T>(value);
        }

        if (a.Recording != 0 && b.Recording != 0 && a.Recording != b.Recording)
        {
            ThrowMixed();
        }

        ThrowForeign(Active);
        return default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Var<T> Push(T value, int a, T da, int b, T db, int recording)
    {
        int i = _count;
        ref Entry e = ref Next(i);
        e.A = a;
        e.B = b;
        e.Da = da;
        e.Db = db;
        _count = i + 1;
        return new Var<T>(value, i, recording);
    }

    /// <summary>A unary record: its second operand is the record itself with partial 0, which the sweep adds
    /// to an adjoint it has already consumed, so unary records need no branch and share no sink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Var<T> Push(T value, int a, T da, int recording)
    {
        int i = _count;
        ref Entry e = ref Next(i);
        e.A = a;
        e.B = i;
        e.Da = da;
        e.Db = T.Zero;
        _count = i + 1;
        return new Var<T>(value, i, recording);
    }

    /// <summary>The record at <paramref name="i"/> = the count, growing the tape when it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry Next(int i)
    {
        Entry[] entries = _entries;
        if ((uint)i >= (uint)entries.Length)
        {
            entries = Grow();
        }

        // i < entries.Length holds here (checked above, or Grow made room); the second bounds check is skipped.
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), i);
    }

    /// <summary>An independent variable: both operands are the record itself, with partials 0. Variables
    /// recorded before any operation (the usual inputs) are counted, so the sweep can stop above them.</summary>
    private Var<T> PushSelf(T value)
    {
        if (_count == _leadingVariables + 1)
        {
            _leadingVariables++;
        }

        return Push(value, _count, T.Zero, _count, T.Zero, _recording);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Entry[] Grow()
    {
        int limit = MaxRecords;
        if (_entries.Length >= limit)
        {
            // The recording stays consistent up to here; the facades reset it on the way out.
            throw new InvalidOperationException($"The tape is full: a recording of Var<{typeof(T).Name}> cannot exceed {limit} records (Tape<{typeof(T).Name}>.MaxRecords). Record less per call, e.g. differentiate in chunks.");
        }

        try
        {
            Array.Resize(ref _entries, (int)Math.Min((long)_entries.Length * 2, limit));
        }
        catch (OutOfMemoryException e)
        {
            throw new InvalidOperationException($"The tape ran out of memory after {_count} operations ({(long)_count * BytesPerRecord} bytes).", e);
        }

        return _entries;
    }

    //
    // The backward sweep
    //

    private void PrepareAdjoints()
    {
        if (_adjoints.Length < _count)
        {
            _adjoints = new T[_entries.Length];
        }
        else
        {
            Array.Clear(_adjoints, 0, _count);
        }
    }

    /// <summary>ū_a += ∂/∂a · ū and ū_b += ∂/∂b · ū for every record from <paramref name="top"/> down.</summary>
    /// <remarks>A zero adjoint is skipped. With a finite adjoint of nonzero value the plain products equal the
    /// propagation products (0·∞ needs an infinite factor), so only an infinite or NaN adjoint, or a nested one
    /// whose value part is 0 but whose tangent is not, takes <see cref="Propagation.Scale{T}"/>, out of line.</remarks>
    private void Sweep(int top)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref T adjoints = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        // Records 1 … _leadingVariables are variables: they pass nothing on, so the sweep ends above them.
        for (int i = top; i > _leadingVariables; i--)
        {
            T g = Unsafe.Add(ref adjoints, i);
            ref Entry e = ref Unsafe.Add(ref entries, i);

            // The common case first: a finite adjoint whose value is nonzero cannot meet 0·∞ in these products.
            if (T.IsFinite(g) && !T.IsZero(g))
            {
                Unsafe.Add(ref adjoints, e.A) += e.Da * g;

                // For a nested T a product costs a recording; a unary record's zero second partial is skipped.
                if (s_isPrimitive || !Propagation.IsZero(e.Db))
                {
                    Unsafe.Add(ref adjoints, e.B) += e.Db * g;
                }
            }
            else if (!Propagation.IsZero(g))
            {
                // Infinite or NaN, or (nested) a zero value with a nonzero tangent: propagation products.
                PropagateNonFinite(ref e, g, ref adjoints);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PropagateNonFinite(ref Entry e, T g, ref T adjoints)
    {
        Unsafe.Add(ref adjoints, e.A) += Propagation.Scale(e.Da, g);
        Unsafe.Add(ref adjoints, e.B) += Propagation.Scale(e.Db, g);
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

            throw new ArgumentException("The variable does not belong to this tape's current recording: it comes from another tape, another thread, or a recording that has been reset.", name);
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
            ActiveTapes.Set(s_slot, _outer);
            _outer = null;
            _isActive = false;
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

        ActiveTapes.Set(s_slot, _outer);
        _outer = null;
        _isActive = false;
    }

    private static int NextRecording()
    {
        int r = Interlocked.Increment(ref s_lastRecording);
        return r != 0 ? r : Interlocked.Increment(ref s_lastRecording);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowForeign(Tape<T>? active) => throw new InvalidOperationException(active is null
        ? $"A recorded Var<{typeof(T).Name}> was used with no recording active on this thread: it was carried to another thread, or used after its recording ended."
        : $"A Var<{typeof(T).Name}> from another recording was used: it comes from another tape or thread, from a recording that has been reset, or from an outer differentiation at the same type. Nested differentiation must use the next type level (e.g. Reverse.Gradient<Var<double>> inside Reverse.Gradient<double>).");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowMixed() => throw new InvalidOperationException($"Two Var<{typeof(T).Name}>s from different recordings were combined: variables of different tapes (or of an outer differentiation at the same type) cannot meet. Nested differentiation must use the next type level.");

    /// <summary>One record: the operand indices and the local partial derivatives.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public int A;
        public int B;
        public T Da;
        public T Db;
    }

    /// <summary>The span of a recording started by <see cref="Record()"/>; disposing it deactivates the tape.</summary>
    public readonly struct RecordingScope : IDisposable
    {
        private readonly Tape<T> _tape;

        internal RecordingScope(Tape<T> tape) => _tape = tape;

        /// <summary>Ends the recording: the tape is no longer the thread's active tape.</summary>
        public void Dispose() => _tape?.End();
    }
}
