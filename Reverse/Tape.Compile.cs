using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Recording for replay (Reverse.Compile): per record what recomputes it, per branch what decided it
    //

    /// <summary>How many recordings for replay of this scalar type are open on any thread: while none is, a
    /// comparison or a value read costs one test of this field and nothing else.</summary>
    internal static int s_compiling;

    /// <summary>The recordings for replay open on any thread, for a guard on a thread that is not recording them.</summary>
    private static readonly List<Tape<T>> s_open = [];

    /// <summary>Per record, what recomputes it at replay; null unless this tape records for replay. Slot i belongs to
    /// record i; a slot nobody wrote reads as <see cref="ReplayOp.Unknown"/>.</summary>
    private ReplayStep<T>[]? _steps;

    /// <summary>The step storage of an earlier recording for replay, kept for the next one while the tape records
    /// ordinarily (large arrays would otherwise be allocated anew by every <see cref="BeginCompile"/>).</summary>
    private ReplayStep<T>[]? _spareSteps;

    private ReplayGuard<T>[] _guards = [];
    private int _guardCount;
    private string? _notReplayable;
    private bool _compiling;

    /// <summary>Why the last recording for replay cannot be replayed, or null when it can.</summary>
    internal string? NotReplayable => _notReplayable;

    /// <summary>Whether a comparison or a value read may need a guard: some recording for replay is open.</summary>
    internal static bool AnyCompiling
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref s_compiling) != 0;
    }

    /// <summary>Starts a recording for replay on this (rented, inactive) tape.</summary>
    internal void BeginCompile()
    {
        Record();
        _steps = _spareSteps;
        _spareSteps = null;
        if (_steps is null || _steps.Length < _entries.Length)
        {
            _steps = new ReplayStep<T>[_entries.Length];
        }
        else
        {
            Array.Clear(_steps);
        }

        Unpublish();

        if (_guardCount > 0)
        {
            Array.Clear(_guards, 0, _guardCount);
        }

        _guardCount = 0;
        _notReplayable = null;
        _compiling = true;
        lock (s_open)
        {
            s_open.Add(this);
        }

        Interlocked.Increment(ref s_compiling);
    }

    /// <summary>Ends a recording for replay begun by <see cref="BeginCompile"/> and decides whether it replays.</summary>
    /// <param name="inputs">n, the number of inputs recorded first.</param>
    internal void EndCompile(int inputs)
    {
        StopCompiling();
        End();
        if (_notReplayable is not null)
        {
            return;
        }

        if (_leadingVariables != inputs)
        {
            _notReplayable = "f created variables of its own (Tape.Variable)";
            return;
        }

        ReplayStep<T>[] steps = _steps!;
        for (int k = 0; k < _specialCount; k++)
        {
            int record = _specials[k].Record;
            if (record >= steps.Length || steps[record].Op is not (ReplayOp.Ternary or ReplayOp.Span))
            {
                _notReplayable = "f used an n-ary operation with its own partials (Tape.Operation), a vector rule or an array kernel (a special record)";
                return;
            }
        }

        for (int i = _leadingVariables + 1; i < _count; i++)
        {
            if (i >= steps.Length || steps[i].Op == ReplayOp.Unknown)
            {
                _notReplayable = "f used an operation with no replay (a record made by Tape.Operation with its own partials, or by library code that gives no replay)";
                return;
            }
        }

        BuildProgram();
    }

    /// <summary>Ends a recording for replay that f left by an exception: the tape is inactive and empty.</summary>
    internal void AbandonCompile()
    {
        StopCompiling();
        if (_isActive)
        {
            Deactivate();
        }

        Reset();
        _notReplayable = "the recording failed";
    }

    /// <summary>Forgets the replay data of a recording that is not replayable (keeping the reason), so the recordings
    /// that follow are ordinary ones.</summary>
    internal void DropReplayData()
    {
        _spareSteps = _steps ?? _spareSteps;
        _steps = null;
        if (_guardCount > 0)
        {
            Array.Clear(_guards, 0, _guardCount);
        }

        _guardCount = 0;
    }

    /// <summary>Gives a tape that recorded for replay back to the pool, without its replay data.</summary>
    internal void ReturnCompiled()
    {
        StopCompiling();
        _spareSteps = _steps ?? _spareSteps;
        _steps = null;
        _guards = [];
        _guardCount = 0;
        _notReplayable = null;
        Return();
    }

    private void StopCompiling()
    {
        if (_compiling)
        {
            _compiling = false;
            Interlocked.Decrement(ref s_compiling);
            lock (s_open)
            {
                s_open.Remove(this);
            }
        }
    }

    /// <summary>The adjoints of the first <paramref name="n"/> records (the inputs) after the last sweep, as a new array.</summary>
    internal T[] InputAdjoints(int n)
    {
        var adjoints = new T[n];
        for (int i = 0; i < n; i++)
        {
            adjoints[i] = i + 1 <= _swept ? _adjoints[i + 1] : T.Zero;
        }

        return adjoints;
    }

    /// <summary>Marks the recording for replay holding <paramref name="x"/> (if any) as not replayable.</summary>
    internal static void Block(Var<T> x, string why)
    {
        Tape<T>? tape = Compiling(x.Recording);
        if (tape is not null)
        {
            tape._notReplayable ??= why;
        }
    }

    //
    // Steps: called right after the record is pushed, only when _steps is not null (from the out-of-line pushes for
    // replay, into which they are inlined: no second call and no copies of the operands per record)
    //

    /// <summary>The step of unary record <paramref name="i"/> of operand a (and, for CopySign, the sign <paramref name="aux"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteUnary(int i, ReplayOp op, nint fn, Var<T> a, Var<T> aux, int n)
    {
        if (!_compiling)
        {
            return;
        }

        ref ReplayStep<T> s = ref StepAt(i);
        s.Op = op;
        s.Fn = fn;
        s.N = n;
        if (aux.Recording == _recording)
        {
            s.N = aux.Index;
        }
        else
        {
            s.C = aux.Primal;
        }
    }

    /// <summary>The step of record <paramref name="i"/> of the binary operation <paramref name="op"/> (its two-variable
    /// code) on a and b, one of which may be a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteBinary(int i, ReplayOp op, nint fn, Var<T> a, Var<T> b)
    {
        if (!_compiling)
        {
            return;
        }

        ref ReplayStep<T> s = ref StepAt(i);
        s.Fn = fn;
        if (op == ReplayOp.Unknown)
        {
            return;
        }

        // The one-constant codes follow their two-variable code: …Vc = op + 1, …Cv = op + 2; the record's first
        // operand is then the variable one, as the replay reads it.
        if (a.Recording == 0)
        {
            s.Op = op + 2;
            s.C = a.Primal;
        }
        else if (b.Recording == 0)
        {
            s.Op = op + 1;
            s.C = b.Primal;
        }
        else
        {
            s.Op = op;
        }
    }

    /// <summary>y = f(a, b, c) with three partials, while some recording for replay is open: on one, a special record
    /// of all three arguments (a constant one has record 0 and keeps its value), which a replay recomputes through the
    /// rule <paramref name="fn"/>; elsewhere the ordinary record.</summary>
    internal static Var<T> TernaryForReplay(T value, Var<T> a, T da, Var<T> b, T db, Var<T> c, T dc, nint fn)
    {
        int recording = a.Recording != 0 ? a.Recording : b.Recording != 0 ? b.Recording : c.Recording;
        Tape<T>? tape = Active;
        if (recording == 0 || tape is null || !tape._compiling || tape._recording != recording
            || (a.Recording != 0 && a.Recording != recording) || (b.Recording != 0 && b.Recording != recording) || (c.Recording != 0 && c.Recording != recording))
        {
            return Operation(value, a, da, b, db, c, dc);
        }

        Span<Arg> args = tape.PushSpecial(3, outputs: 0, rule: null, out Var<T> y, value);
        args[0] = a.Recording != 0 ? new Arg(a.Index, da) : new Arg(0, a.Primal);
        args[1] = b.Recording != 0 ? new Arg(b.Index, db) : new Arg(0, b.Primal);
        args[2] = c.Recording != 0 ? new Arg(c.Index, dc) : new Arg(0, c.Primal);
        ref ReplayStep<T> s = ref tape.StepAt(y.Index);
        s.Op = ReplayOp.Ternary;
        s.Fn = fn;
        s.N = tape._argCount - 3;
        return y;
    }

    /// <summary>y = f(x₀, …, xₙ₋₁) of a span rule with its partials, while some recording for replay is open: on one, a
    /// special record of every argument (constants as for <see cref="TernaryForReplay"/>) that a replay recomputes
    /// through <paramref name="fn"/> (value and gradient at the arguments); elsewhere the ordinary record.</summary>
    internal static unsafe Var<T> SpanForReplay(T value, ReadOnlySpan<Var<T>> x, ReadOnlySpan<T> partials, delegate*<ReadOnlySpan<T>, Span<T>, T> fn)
    {
        int recording = 0;
        foreach (Var<T> xi in x)
        {
            if (xi.Recording != 0)
            {
                recording = recording == 0 || recording == xi.Recording ? xi.Recording : -1;
            }
        }

        Tape<T>? tape = Active;
        if (recording <= 0 || tape is null || !tape._compiling || tape._recording != recording)
        {
            return Operation(value, x, partials);
        }

        Span<Arg> args = tape.PushSpecial(x.Length, outputs: 0, rule: null, out Var<T> y, value);
        for (int k = 0; k < x.Length; k++)
        {
            args[k] = x[k].Recording != 0 ? new Arg(x[k].Index, partials[k]) : new Arg(0, x[k].Primal);
        }

        ref ReplayStep<T> s = ref tape.StepAt(y.Index);
        s.Op = ReplayOp.Span;
        s.Fn = (nint)fn;
        s.N = tape._specialCount - 1;
        return y;
    }

    private ref ReplayStep<T> StepAt(int i)
    {
        if (i >= _steps!.Length)
        {
            Array.Resize(ref _steps, Math.Max(_entries.Length, i + 1));
        }

        return ref _steps[i];
    }

    //
    // Guards: called by Var<T> when AnyCompiling, for operands of any recording
    //

    /// <summary>The open recording for replay that holds records of <paramref name="recording"/>, if any: the active
    /// tape or one further out (a tape f opened for a differentiation of its own may be active inside it).</summary>
    private static Tape<T>? Compiling(int recording)
    {
        if (recording == 0)
        {
            return null;
        }

        for (Tape<T>? t = Active; t is not null; t = t._outer)
        {
            if (t._recording == recording)
            {
                return t._compiling ? t : null;
            }
        }

        BlockElsewhere(recording);
        return null;
    }

    /// <summary>A value of a recording for replay open on another thread steered code on this one (f started threads
    /// that compare its values): no guard can be kept in order, so that recording is made not replayable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BlockElsewhere(int recording)
    {
        lock (s_open)
        {
            foreach (Tape<T> t in s_open)
            {
                if (t._recording == recording)
                {
                    // Read by EndCompile on the recording thread after f returned, and so after f joined its threads.
                    Volatile.Write(ref t._notReplayable, "a value of the recording steered code on another thread");
                }
            }
        }
    }

    /// <summary>Records a guard on the operands (constants: record 0) if one of them belongs to a recording for replay.</summary>
    internal static void Guard(GuardKind kind, byte detail, Var<T> a, Var<T> b, Var<T> c, int outcome, T result = default!, ReplayCheck<T>? check = null)
    {
        Tape<T>? tape = Compiling(a.Recording) ?? Compiling(b.Recording) ?? Compiling(c.Recording);
        if (tape is null)
        {
            return;
        }

        if (tape._guardCount == tape._guards.Length)
        {
            Array.Resize(ref tape._guards, Math.Max(16, tape._guards.Length * 2));
        }

        ref ReplayGuard<T> g = ref tape._guards[tape._guardCount++];
        g.Kind = kind;
        g.Detail = detail;
        g.Outcome = outcome;
        g.Result = result;
        g.Check = check;
        (g.A, g.Ca) = tape.Operand(a);
        (g.B, g.Cb) = tape.Operand(b);
        (g.C, g.Cc) = tape.Operand(c);
    }

    /// <summary>A guard operand: its record, or 0 and its value when it is not a variable of this recording.</summary>
    private (int Index, T Constant) Operand(Var<T> x) => x.Recording == _recording ? (x.Index, T.Zero) : (0, x.Primal);

    /// <summary>Records a comparison's outcome.</summary>
    internal static void Guard(GuardKind kind, Var<T> a, Var<T> b, bool outcome) => Guard(kind, 0, a, b, default, outcome ? 1 : 0);

    /// <summary>Records a predicate's outcome (or an integer function's value).</summary>
    internal static void Guard(Predicate predicate, Var<T> a, int outcome) => Guard(GuardKind.Predicate, (byte)predicate, a, default, default, outcome);

    /// <summary>Records that the value of <paramref name="a"/> left the tape: replay needs the same value bit for bit.</summary>
    internal static void GuardSame(Var<T> a) => Guard(GuardKind.Same, 0, a, default, default, 0, a.Primal);
}
