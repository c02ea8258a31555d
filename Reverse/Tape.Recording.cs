using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Recording: the hot path used by Var<T>
    //

    /// <summary>Records y = f(a) with partial ∂y/∂a, unless a is a constant; a recording for replay cannot replay it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Var<T> Operation(T value, Var<T> a, T da) => Operation(value, a, da, ReplayOp.Unknown);

    /// <summary>Records y = f(a) with partial ∂y/∂a, unless a is a constant; a recording for replay also keeps
    /// <paramref name="op"/> (and the rule <paramref name="fn"/>), which recompute the record from a's value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Var<T> Operation(T value, Var<T> a, T da, ReplayOp op, nint fn = 0)
    {
        if (a.Recording == 0)
        {
            return new Var<T>(value);
        }

        // A recording for replay, a foreign variable and no active tape all take the slow path (see IsPublished).
        Tape<T> tape = PublishedSlot(a.Recording);
        if (tape.IsPublished(a.Recording))
        {
            return tape.Push(value, a.Index, da, a.Recording);
        }

        return OperationSlow(value, a.Primal, a.Index, a.Recording, da, op, fn);
    }

    /// <summary>The unary operation off the fast path: a recording for replay, a tape the fast path did not find, or a
    /// variable of no active recording.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Var<T> OperationSlow(T value, T aValue, int aIndex, int aRecording, T da, ReplayOp op, nint fn)
    {
        Tape<T>? tape = Active;
        if (tape is null || aRecording != tape._recording)
        {
            ThrowForeign(tape);
        }

        return tape._steps is null ? tape.Push(value, aIndex, da, aRecording) : tape.PushForReplay(value, aValue, aIndex, aRecording, da, op, fn);
    }

    /// <summary>A unary record whose replay also needs an integer <paramref name="n"/> (ScaleB, RootN) or a second,
    /// unrecorded operand <paramref name="aux"/> (CopySign's sign).</summary>
    internal static Var<T> Operation(T value, Var<T> a, T da, ReplayOp op, nint fn, Var<T> aux, int n)
    {
        Var<T> y = Operation(value, a, da, ReplayOp.Unknown);
        if (y.Recording != 0 && Active is { _steps: not null } tape)
        {
            tape.NoteUnary(y.Index, op, fn, a, aux, n);
        }

        return y;
    }

    /// <summary>Records y = f(a, b) with partials ∂y/∂a and ∂y/∂b; constants are left out; a recording for replay
    /// cannot replay it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Var<T> Operation(T value, Var<T> a, T da, Var<T> b, T db) => Operation(value, a, da, b, db, ReplayOp.Unknown);

    /// <summary>Records y = f(a, b) with partials ∂y/∂a and ∂y/∂b; constants are left out. A recording for replay
    /// also keeps <paramref name="op"/> (the code for two variables; see <see cref="ReplayOp"/>) and the rule
    /// <paramref name="fn"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Var<T> Operation(T value, Var<T> a, T da, Var<T> b, T db, ReplayOp op, nint fn = 0)
    {
        // A recording for replay, a foreign variable and no active tape all take the slow path (see IsPublished).
        int recording = a.Recording != 0 ? a.Recording : b.Recording;
        Tape<T> tape = PublishedSlot(recording);
        if (tape.IsPublished(recording))
        {
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
            else
            {
                return tape.Push(value, b.Index, db, recording);
            }
        }

        return OperationSlow(value, a.Primal, a.Index, a.Recording, da, b.Primal, b.Index, b.Recording, db, op, fn);
    }

    /// <summary>The binary operation off the fast path: a recording for replay, a tape the fast path did not find,
    /// two constants, or a variable of no active recording.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Var<T> OperationSlow(T value, T aValue, int aIndex, int aRecording, T da, T bValue, int bIndex, int bRecording, T db, ReplayOp op, nint fn)
    {
        if (Active is { } tape)
        {
            return tape.PushSlow(value, aValue, aIndex, aRecording, da, bValue, bIndex, bRecording, db, op, fn);
        }

        return OperationSlow(value, aRecording, bRecording);
    }

    // The out-of-line paths below take the operands' fields, not the Var structs: a struct passed whole to a call
    // keeps its fields in memory wherever it lives (the JIT promotes it dependently), which made every Var in a
    // user's loop a stack slot, stored and reloaded around each operation.

    /// <summary>The unary record on a tape that records for replay, with its step.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Var<T> PushForReplay(T value, T aValue, int aIndex, int aRecording, T da, ReplayOp op, nint fn)
    {
        Var<T> y = Push(value, aIndex, da, aRecording);
        NoteUnary(y.Index, op, fn, new Var<T>(aValue, aIndex, aRecording), default, 0);
        return y;
    }

    /// <summary>The binary record on the active tape off the fast path, with its step if it records for replay.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Var<T> PushSlow(T value, T aValue, int aIndex, int aRecording, T da, T bValue, int bIndex, int bRecording, T db, ReplayOp op, nint fn)
    {
        var a = new Var<T>(aValue, aIndex, aRecording);
        var b = new Var<T>(bValue, bIndex, bRecording);
        int recording = _recording;
        Var<T> y;
        if (a.Recording == recording && b.Recording == recording)
        {
            y = Push(value, a.Index, da, b.Index, db, recording);
        }
        else if (a.Recording == recording && b.Recording == 0)
        {
            y = Push(value, a.Index, da, recording);
        }
        else if (a.Recording == 0 && b.Recording == recording)
        {
            y = Push(value, b.Index, db, recording);
        }
        else
        {
            return OperationSlow(value, a.Recording, b.Recording);
        }

        if (_steps is not null)
        {
            NoteBinary(y.Index, op, fn, a, b);
        }

        return y;
    }

    /// <summary>Two constants, or a variable that is not of the active recording.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Var<T> OperationSlow(T value, int aRecording, int bRecording)
    {
        if (aRecording == 0 && bRecording == 0)
        {
            return new Var<T>(value);
        }

        if (aRecording != 0 && bRecording != 0 && aRecording != bRecording)
        {
            ThrowMixed();
        }

        ThrowForeign(Active);
        return default;
    }

    /// <summary>A record of two operands.</summary>
    /// <remarks>A full tape is the one path that calls out, and that call returns the finished variable itself:
    /// nothing of the push stays live across it, so the JIT keeps the push's values in registers (a call SysV
    /// returns from clobbers every vector register, so a value live across even a call never taken is spilled).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Var<T> Push(T value, int a, T da, int b, T db, int recording)
    {
        int i = _count;
        Entry[] entries = _entries;
        if ((uint)i < (uint)entries.Length)
        {
            ref Entry e = ref entries[i];
            e.A = a;
            e.B = b;
            e.Da = da;
            e.Db = db;
            _count = i + 1;
            return new Var<T>(value, i, recording);
        }

        return PushGrown(value, a, da, b, db, recording);
    }

    /// <summary>A unary record: its second operand is the record itself with partial 0, which the sweep adds
    /// to an adjoint it has already consumed, so unary records need no branch and share no sink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Var<T> Push(T value, int a, T da, int recording)
    {
        int i = _count;
        Entry[] entries = _entries;
        if ((uint)i < (uint)entries.Length)
        {
            ref Entry e = ref entries[i];
            e.A = a;
            e.B = i;
            e.Da = da;
            e.Db = T.Zero;
            _count = i + 1;
            return new Var<T>(value, i, recording);
        }

        return PushGrown(value, a, da, i, T.Zero, recording);
    }

    /// <summary>The push on a full tape: grows it (or throws when it may not grow), then records.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Var<T> PushGrown(T value, int a, T da, int b, T db, int recording)
    {
        Grow();
        return Push(value, a, da, b, db, recording);
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

    private void Grow()
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
    }

    /// <summary>One record: the operand indices and the local partial derivatives.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Entry
    {
        public int A;
        public int B;
        public T Da;
        public T Db;
    }
}
