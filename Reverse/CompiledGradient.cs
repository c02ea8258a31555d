using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// The gradient of f: Rⁿ → R as a replayable recording (ADOL-C's and CppAD's reused tapes, CoDiPack's primal value
/// tape): each <see cref="ValueAndGradient(T[])"/> at a new point recomputes every recorded value and local partial from
/// the new inputs, checks every decision f made on a value, and runs one backward sweep; f itself is not run. Made by
/// <see cref="Reverse.Compile{T}(IScalarFunction, T[])"/>.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>
/// <para><b>Never the gradient of the wrong path.</b> The recording keeps, in order, the outcome of everything by
/// which a value could steer f: comparisons (<c>&lt;</c>, <c>==</c>, <c>CompareTo</c>, <c>Equals</c>…), predicates
/// (<c>IsNaN</c>, <c>IsNegative</c>, <c>IsInteger</c>, <c>Sign</c>…), which argument a selection returned (<c>Min</c>,
/// <c>Max</c>, <c>Clamp</c>, <c>MaxMagnitude</c>…, and the sign CopySign took from a variable), the result of a
/// piecewise-constant function (<c>Floor</c>, <c>Round</c>…), the result of every conversion out of the tape
/// (<c>int.CreateTruncating(x)</c>, <c>double.CreateChecked(x)</c>: equal results, so an array index or a loop count
/// taken from a value is safe), and every value read out (<see cref="Var{T}.Value"/>, <c>ToString</c>, a hash,
/// <c>StopGradient</c>: the same value bit for bit). When any of them comes out differently at the new point, f is
/// recorded anew there, the result is that recording's, and <see cref="Recordings"/> counts it. Kinks inside one rule
/// (<c>Abs</c>, <c>%</c>, <c>Pow</c> at 0…) need no check: the replay calls the rule again.</para>
/// <para><b>What replays.</b> Arithmetic, every function of the rule table (<c>Exp</c>, <c>Sin</c>, <c>Pow</c>,
/// <c>Atan2</c>, the ternary <c>FusedMultiplyAdd</c> and <c>Lerp</c>…), custom <see cref="IScalarRule"/>, <see cref="IBinaryRule"/> and <see cref="ISpanRule"/> rules (so
/// <c>Special</c>'s functions, <c>LogSumExp</c> included), selections and constants. A recording that holds anything else is <em>not replayable</em>, and then
/// every call records f anew (the cost of <see cref="Reverse.ValueAndGradient{T}(IScalarFunction, T[])"/>, and each call
/// counts in <see cref="Recordings"/>): records made with their own partials
/// (<see cref="Tape{T}.Operation(T, ReadOnlySpan{Var{T}}, ReadOnlySpan{T})"/>), vector rules, array kernels, variables f makes itself, a backward sweep inside f, and a value compared or read on another thread than the
/// recording's (f's own worker threads).
/// <see cref="NotReplayableReason"/> says which.</para>
/// <para>The point given at creation is copied, inputs are never modified and every call returns a fresh array. Use it
/// from one thread at a time (a concurrent call throws); an exception in f during a recording leaves it usable (the
/// next call records again). Dispose it to give its tape back to the pool.</para>
/// </remarks>
public sealed class CompiledGradient<T> : IDisposable
    where T : IFloatingPointIeee754<T>
{
    private readonly IScalarFunction _f;
    private readonly int _n;
    private Tape<T>? _tape;
    private Var<T> _output;
    private bool _recorded;
    private int _recordings;
    private int _busy;

    internal CompiledGradient(IScalarFunction f, T[] x)
    {
        _f = f;
        _n = x.Length;
        _tape = Tape<T>.Rent();
        _tape.End();
        try
        {
            Record(_tape, x);
        }
        catch
        {
            Tape<T> tape = _tape;
            _tape = null;
            tape.ReturnCompiled();
            throw;
        }
    }

    /// <summary>n, the length of every x.</summary>
    public int InputLength => _n;

    /// <summary>How many times f has been recorded: 1 for the recording at creation, plus one for each call at a point
    /// where f took another path (or every call, when the recording is not replayable).</summary>
    public int Recordings => Volatile.Read(ref _recordings);

    /// <summary>Whether the latest recording replays at new points (else every call records f anew).</summary>
    public bool IsReplayable => _recorded && _tape?.NotReplayable is null;

    /// <summary>Why the latest recording does not replay (what in f it cannot recompute), or null when it does.</summary>
    public string? NotReplayableReason => _recorded ? _tape?.NotReplayable : "no recording has succeeded yet";

    /// <summary>f(x) and ∇f(x), by replaying the recording at x (or, where f takes another path at x, by a new recording).</summary>
    /// <param name="x">The point, length n; not modified.</param>
    /// <returns>The value and a new gradient array.</returns>
    public (T Value, T[] Gradient) ValueAndGradient(T[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != _n)
        {
            throw new ArgumentException($"Length mismatch: x has length {x.Length}, expected {_n}.", nameof(x));
        }

        Tape<T> tape = Enter();
        try
        {
            bool replayed = _recorded && tape.NotReplayable is null && tape.Replay(x);
            if (!replayed && _recorded && tape.NotReplayable is not null)
            {
                RecordOrdinary(tape, x);
            }
            else if (!replayed)
            {
                Record(tape, x);
            }

            if (replayed)
            {
                return (tape.ReplayedValue(_output), tape.ProgramGradient(_output, _n));
            }

            tape.Backward(_output);
            return (_output.Primal, tape.InputAdjoints(_n));
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Gives the tape back to the pool; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The compiled gradient is in use on another thread.");
        }

        Interlocked.Exchange(ref _tape, null)?.ReturnCompiled();
        Volatile.Write(ref _busy, 0);
    }

    /// <summary>Records f at x for replay; on an exception in f the tape is left empty and the next call records.</summary>
    private void Record(Tape<T> tape, T[] x)
    {
        _recorded = false;
        tape.BeginCompile();
        try
        {
            Var<T>[] input = tape.Inputs(x);
            Var<T> y = _f.Evaluate<Var<T>>(input);
            tape.EndCompile(_n);
            _output = y;
        }
        catch
        {
            tape.AbandonCompile();
            throw;
        }

        _recorded = true;
        Interlocked.Increment(ref _recordings);
    }

    /// <summary>Records f at x as <see cref="Reverse.ValueAndGradient{T}(IScalarFunction, T[])"/> does, without replay
    /// data: a recording that is not replayable is not tried for replay again, so it costs no more than a gradient.</summary>
    private void RecordOrdinary(Tape<T> tape, T[] x)
    {
        _recorded = false;
        tape.DropReplayData();
        using (tape.Record())
        {
            Var<T>[] input = tape.Inputs(x);
            _output = _f.Evaluate<Var<T>>(input);
        }

        _recorded = true;
        Interlocked.Increment(ref _recordings);
    }

    private Tape<T> Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("A compiled gradient is used from one thread at a time; this one is in use.");
        }

        Tape<T>? tape = _tape;
        if (tape is null)
        {
            Volatile.Write(ref _busy, 0);
            throw new ObjectDisposedException(nameof(CompiledGradient<T>));
        }

        return tape;
    }
}
