using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// f recorded once for replay at <c>Var&lt;Dual&lt;T, Tangents1&lt;T&gt;&gt;&gt;</c>, from which a <see cref="HessianOperator{T}"/> is made
/// at any new point without running f: the replay recomputes every value, checks every decision f made on a value
/// (as <see cref="CompiledGradient{T}"/> does), and the second-order tape is built from it. For a Newton method, which
/// needs f, ∇f and H·v at each of many points. Made by <see cref="Hvp.Compile{T}(IScalarFunction, T[])"/>.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>
/// <para>Where f would take another path at the new point (a comparison, a selection, a conversion comes out
/// differently), f is recorded anew there and <see cref="Recordings"/> counts it: an operator is never that of another
/// path. A recording the replay cannot recompute (array kernels, vector rules, <c>Tape.Operation</c>;
/// <see cref="NotReplayableReason"/>) is not tried again: each <see cref="Linearize(T[])"/> then runs f once,
/// reverse-over-reverse, as <see cref="Hvp.Linearize{T}(IScalarFunction, T[])"/> does for such an f.</para>
/// <para>The operators it returns are independent of it and of each other (dispose each). Use it from one thread at a
/// time (a concurrent call throws); an exception in f during a recording reaches the caller and leaves it usable.
/// Dispose it to give its tape back to the pool.</para>
/// </remarks>
public sealed class CompiledHessian<T> : IDisposable
    where T : IFloatingPointIeee754<T>
{
    private readonly IScalarFunction _f;
    private readonly int _n;
    private readonly Dual<T, Tangents1<T>>[] _point;
    private readonly Tape<Dual<T, Tangents1<T>>> _tape;
    private readonly Exclusive<Tape<Dual<T, Tangents1<T>>>> _use;
    private Var<Dual<T, Tangents1<T>>> _output;
    private bool _recorded;
    private bool _disposed;
    private int _recordings;

    internal CompiledHessian(IScalarFunction f, T[] x)
    {
        _f = f;
        _n = x.Length;
        _point = new Dual<T, Tangents1<T>>[_n];
        _tape = Tape<Dual<T, Tangents1<T>>>.Rent();
        _tape.End();
        _use = new Exclusive<Tape<Dual<T, Tangents1<T>>>>(_tape, "compiled Hessian", static t => t.ReturnCompiled());
        try
        {
            Record(_tape, x);
        }
        catch
        {
            _use.Dispose();
            throw;
        }
    }

    /// <summary>n, the length of every x.</summary>
    public int InputLength => _n;

    /// <summary>How many times f has been recorded for replay: 1 at creation, plus one for each point where f took
    /// another path.</summary>
    public int Recordings => Volatile.Read(ref _recordings);

    /// <summary>Whether the latest recording replays at new points (else each operator costs a run of f).</summary>
    public bool IsReplayable => _recorded && !_disposed && _tape.NotReplayable is null;

    /// <summary>Why the latest recording does not replay, or null when it does.</summary>
    public string? NotReplayableReason => _disposed ? "disposed" : _recorded ? _tape.NotReplayable : "no recording has succeeded yet";

    /// <summary>The Hessian operator at <paramref name="x"/>, with f(x) and ∇f(x): from a replay of the recording, or
    /// from a new recording where f takes another path at x.</summary>
    /// <param name="x">The point, length n; copied.</param>
    /// <returns>A new operator; dispose it.</returns>
    public HessianOperator<T> Linearize(T[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != _n)
        {
            throw new ArgumentException($"Length mismatch: x has length {x.Length}, expected {_n}.", nameof(x));
        }

        Tape<Dual<T, Tangents1<T>>> tape = _use.Enter();
        try
        {
            if (_recorded && tape.NotReplayable is not null)
            {
                return Hvp.ReverseOverReverseOperator(_f, x);
            }

            HessianOperator<T>? h = _recorded ? Build(tape, x) : null;
            if (h is null)
            {
                // f takes another path at x (or the last recording failed): record it there
                Record(tape, x);
                h = Build(tape, x);
            }

            if (h is null)
            {
                // not replayable: the recording is not tried again
                tape.DropReplayData();
                h = Hvp.ReverseOverReverseOperator(_f, x);
            }

            return h;
        }
        finally
        {
            _use.Exit();
        }
    }

    /// <summary>Gives the tape back to the pool; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _use.Dispose();
        _disposed = true;
    }

    /// <summary>The operator from the recording replayed at x, or null where it does not replay there.</summary>
    private HessianOperator<T>? Build(Tape<Dual<T, Tangents1<T>>> tape, T[] x)
    {
        SetPoint(x);
        var gradient = new T[_n];
        SecondOrderTape<T>? second = SecondOrderTape<T>.TryBuild(tape, _point, _output, gradient, out T value);
        return second is null ? null : new HessianOperator<T>(second, value, gradient);
    }

    /// <summary>Records f at x for replay; on an exception in f the tape is left empty and the next call records.</summary>
    private void Record(Tape<Dual<T, Tangents1<T>>> tape, T[] x)
    {
        _recorded = false;
        SetPoint(x);
        tape.BeginCompile();
        try
        {
            _output = _f.Evaluate<Var<Dual<T, Tangents1<T>>>>(tape.Inputs(_point));
            tape.EndCompile(_n);
        }
        catch
        {
            tape.AbandonCompile();
            throw;
        }

        _recorded = true;
        Interlocked.Increment(ref _recordings);
    }

    private void SetPoint(T[] x)
    {
        for (int i = 0; i < _n; i++)
        {
            _point[i] = (Dual<T, Tangents1<T>>)x[i];
        }
    }
}
