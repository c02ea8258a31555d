using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// H(x)·v for any number of v from one evaluation of f at x: the operator a Newton–CG or trust-region solver applies
/// many times at one point. Made by <see cref="Hvp.Linearize{T}(IScalarFunction, T[])"/>.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>
/// <para>f is run once, reverse-over-reverse: its gradient sweep runs in <c>Var&lt;T&gt;</c> arithmetic and so is
/// itself recorded, which leaves the computation x ↦ ∇f(x) on a tape. Since H is symmetric, H·v = (vᵀH)ᵀ is the
/// vector-Jacobian product of that gradient with seed v: each <see cref="Apply(T[])"/> is one backward sweep over the
/// stored recording, never a re-run of f.</para>
/// <para>The point is copied at creation; every call returns a fresh array (or writes the destination given). Dispose
/// the operator to give its tape back to the pool; many may be alive at once, each used from one thread at a time
/// (a concurrent call throws). NaN or ∞ in v flows through to the result, as in <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>.</para>
/// </remarks>
public sealed class HessianOperator<T> : IDisposable
    where T : IFloatingPointIeee754<T>
{
    private readonly Var<T>[] _inputs;
    private readonly Var<T>[] _gradient;
    private readonly T[] _gradientValue;
    private readonly KeptRecording<T> _recording;

    internal HessianOperator(Tape<T> tape, Var<T>[] inputs, Var<T>[] gradient, T value)
    {
        _recording = new KeptRecording<T>(tape, "Hessian operator");
        _inputs = inputs;
        _gradient = gradient;
        Value = value;
        _gradientValue = new T[gradient.Length];
        for (int i = 0; i < gradient.Length; i++)
        {
            _gradientValue[i] = gradient[i].Value;
        }
    }

    /// <summary>n, the length of x and of every v.</summary>
    public int Length => _inputs.Length;

    /// <summary>f(x).</summary>
    public T Value { get; }

    /// <summary>∇f(x), as a new array.</summary>
    public T[] Gradient => (T[])_gradientValue.Clone();

    /// <summary>H(x)·v: one backward sweep over the recorded gradient.</summary>
    /// <param name="v">The direction, length n.</param>
    /// <returns>H·v, length n.</returns>
    public T[] Apply(T[] v)
    {
        Guard.Length(v, _inputs.Length, nameof(v), "the operator's point");
        var hvp = new T[_inputs.Length];
        Apply(v, hvp);
        return hvp;
    }

    /// <summary>H(x)·v into <paramref name="destination"/> (which may not overlap <paramref name="v"/>).</summary>
    /// <param name="v">The direction, length n.</param>
    /// <param name="destination">Receives H·v, length n.</param>
    public void Apply(ReadOnlySpan<T> v, Span<T> destination)
    {
        int n = _inputs.Length;
        if (v.Length != n)
        {
            throw new ArgumentException($"Length mismatch: v has length {v.Length}, expected {n}.", nameof(v));
        }

        if (destination.Length != n)
        {
            throw new ArgumentException($"Length mismatch: destination has length {destination.Length}, expected {n}.", nameof(destination));
        }

        Tape<T> tape = _recording.Enter();
        try
        {
            tape.Backward(_gradient, v);
            for (int i = 0; i < n; i++)
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
}
