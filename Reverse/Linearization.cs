using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// One recording of f: Rⁿ → Rᵐ at a point x, kept for any number of Jacobian-vector products J·v (a forward tangent
/// sweep over the stored partials) and vector-Jacobian products uᵀ·J (a backward sweep), without running f again:
/// JAX's <c>linearize</c> and <c>vjp</c> from one trace. Made by <see cref="Reverse.Linearize{T}(IVectorFunction, T[])"/>.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>
/// <para>Each product costs one sweep over the recording (about the cost of one gradient's sweep) and allocates only
/// its result; the point is copied at creation, inputs are never modified and every call returns a fresh array.</para>
/// <para>The recording is fixed: branches f took at x are the ones differentiated, at x. Dispose the linearization to
/// give its tape back to the pool; use it from one thread at a time (a concurrent call throws).</para>
/// </remarks>
public sealed class Linearization<T> : IDisposable
    where T : IFloatingPointIeee754<T>
{
    private readonly Var<T>[] _inputs;
    private readonly Var<T>[] _outputs;
    private readonly T[] _value;
    private readonly Exclusive<Tape<T>> _recording;

    internal Linearization(Tape<T> tape, Var<T>[] inputs, Var<T>[] outputs)
    {
        _recording = new Exclusive<Tape<T>>(tape, "linearization", static t => t.Return());
        _inputs = inputs;
        _outputs = outputs;
        _value = new T[outputs.Length];
        for (int j = 0; j < outputs.Length; j++)
        {
            _value[j] = outputs[j].Value;
        }
    }

    /// <summary>n, the length of x and of every v.</summary>
    public int InputLength => _inputs.Length;

    /// <summary>m, the length of f(x) and of every u.</summary>
    public int OutputLength => _outputs.Length;

    /// <summary>f(x), as a new array.</summary>
    public T[] Value => (T[])_value.Clone();

    /// <summary>J(x)·v: one forward tangent sweep over the recording.</summary>
    /// <param name="v">The tangent, length n.</param>
    /// <returns>J·v, length m.</returns>
    public T[] Jvp(T[] v)
    {
        Guard.Length(v, _inputs.Length, nameof(v), "the linearization's input");
        var jvp = new T[_outputs.Length];
        Jvp(v, jvp);
        return jvp;
    }

    /// <summary>J(x)·v into <paramref name="destination"/>.</summary>
    /// <param name="v">The tangent, length n.</param>
    /// <param name="destination">Receives J·v, length m.</param>
    public void Jvp(ReadOnlySpan<T> v, Span<T> destination)
    {
        Tape<T> tape = Enter(v.Length, _inputs.Length, nameof(v), destination.Length, _outputs.Length, nameof(destination));
        try
        {
            tape.SweepTangents(_inputs, v);
            for (int j = 0; j < _outputs.Length; j++)
            {
                destination[j] = tape.Tangent(_outputs[j]);
            }
        }
        finally
        {
            _recording.Exit();
        }
    }

    /// <summary>uᵀ·J(x): one backward sweep over the recording.</summary>
    /// <param name="u">The adjoint seed, length m.</param>
    /// <returns>uᵀ·J, length n.</returns>
    public T[] Vjp(T[] u)
    {
        Guard.Length(u, _outputs.Length, nameof(u), "the linearization's output");
        var vjp = new T[_inputs.Length];
        Vjp(u, vjp);
        return vjp;
    }

    /// <summary>uᵀ·J(x) into <paramref name="destination"/>.</summary>
    /// <param name="u">The adjoint seed, length m.</param>
    /// <param name="destination">Receives uᵀ·J, length n.</param>
    public void Vjp(ReadOnlySpan<T> u, Span<T> destination)
    {
        Tape<T> tape = Enter(u.Length, _outputs.Length, nameof(u), destination.Length, _inputs.Length, nameof(destination));
        try
        {
            tape.Backward(_outputs, u);
            for (int i = 0; i < _inputs.Length; i++)
            {
                destination[i] = tape.Adjoint(_inputs[i]);
            }
        }
        finally
        {
            _recording.Exit();
        }
    }

    /// <summary>Gives the recording's tape back to the pool; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _recording.Dispose();

    /// <summary>Checks the lengths and claims the recording for this call.</summary>
    private Tape<T> Enter(int seedLength, int expectedSeed, string seedName, int resultLength, int expectedResult, string resultName)
    {
        if (seedLength != expectedSeed)
        {
            throw new ArgumentException($"Length mismatch: {seedName} has length {seedLength}, expected {expectedSeed}.", seedName);
        }

        if (resultLength != expectedResult)
        {
            throw new ArgumentException($"Length mismatch: {resultName} has length {resultLength}, expected {expectedResult}.", resultName);
        }

        return _recording.Enter();
    }
}
