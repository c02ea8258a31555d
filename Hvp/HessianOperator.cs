using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// H(x)·v for any number of v from one recording of f at x: the operator a Newton–CG or trust-region solver applies
/// many times at one point. Made by <see cref="Hvp.Linearize{T}(IScalarFunction, T[])"/>.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>
/// <para>f is run once, recorded for replay at <c>Var&lt;Dual&lt;T, Tangents1&lt;T&gt;&gt;&gt;</c> (a dual number with one tangent lane, a type of its own so that the recording shares no JIT-compiled code with <c>Hvp.Compute</c>). Its records then become a second-order
/// tape (ADOL-C's second-order adjoints, computed once): per record its operands, first partials ∂φ, and second
/// partials times its adjoint in ∇f, ā·∂²φ, from its own rule evaluated at <c>Dual&lt;T&gt;</c>. Each
/// <see cref="Apply(T[])"/> is a forward tangent sweep ṫ = ∂φ·ṫ and a backward sweep ā̇ₐ += ∂ₐφ·ā̇ + ā·(∂²φ·ṫ)ₐ over
/// those numbers: the tangent of the gradient along v, as forward-over-reverse computes it, without re-running f or
/// any rule (n-ary rules such as <c>LogSumExp</c> excepted: their n×n ∂²φ is applied by the rule at each call).</para>
/// <para>A recording the replay cannot recompute (array kernels, vector rules, <c>Tape.Operation</c> with its own
/// partials) is followed by a second run of f, reverse-over-reverse: the gradient sweep runs in <c>Var&lt;T&gt;</c>
/// arithmetic and is itself recorded, and since H is symmetric each product is the vector-Jacobian product of that
/// gradient with seed v, one backward sweep over it.</para>
/// <para>The point is copied at creation; every call returns a fresh array (or writes the destination given). Dispose
/// the operator to give its storage (or tape) back to the pool; many may be alive at once, each used from one thread at a time
/// (a concurrent call throws). NaN or ∞ in v flows through to the result, as in <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>.</para>
/// </remarks>
public sealed class HessianOperator<T> : IDisposable
    where T : IFloatingPointIeee754<T>
{
    private const string Name = "Hessian operator";
    private readonly int _n;
    private readonly T[] _gradientValue;
    private readonly Exclusive<SecondOrderTape<T>>? _secondOrder;
    private readonly Exclusive<Tape<T>>? _recording;
    private readonly Var<T>[] _inputs = [];
    private readonly Var<T>[] _gradient = [];

    /// <summary>An operator on a second-order tape.</summary>
    internal HessianOperator(SecondOrderTape<T> tape, T value, T[] gradient)
    {
        _secondOrder = new Exclusive<SecondOrderTape<T>>(tape, Name, static t => t.Release());
        _n = gradient.Length;
        Value = value;
        _gradientValue = gradient;
    }

    /// <summary>An operator on the recorded gradient <paramref name="gradient"/> of <paramref name="inputs"/>.</summary>
    internal HessianOperator(Tape<T> tape, Var<T>[] inputs, Var<T>[] gradient, T value)
    {
        _recording = new Exclusive<Tape<T>>(tape, Name, static t => t.Return());
        _n = inputs.Length;
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
    public int Length => _n;

    /// <summary>Whether the operator runs on a second-order tape (else on a recorded gradient sweep).</summary>
    internal bool OnSecondOrderTape => _secondOrder is not null;

    /// <summary>f(x).</summary>
    public T Value { get; }

    /// <summary>∇f(x), as a new array.</summary>
    public T[] Gradient => (T[])_gradientValue.Clone();

    /// <summary>Writes ∇f(x) into <paramref name="destination"/> (length n), without allocating.</summary>
    internal void CopyGradientTo(Span<T> destination) => _gradientValue.CopyTo(destination);

    /// <summary>H(x)·v, from the stored partials (f is not run).</summary>
    /// <param name="v">The direction, length n.</param>
    /// <returns>H·v, length n.</returns>
    public T[] Apply(T[] v)
    {
        Guard.Length(v, _n, nameof(v), "the operator's point");
        var hvp = new T[_n];
        Apply(v, hvp);
        return hvp;
    }

    /// <summary>H(x)·v into <paramref name="destination"/>.</summary>
    /// <param name="v">The direction, length n.</param>
    /// <param name="destination">Receives H·v, length n.</param>
    public void Apply(ReadOnlySpan<T> v, Span<T> destination)
    {
        int n = _n;
        if (v.Length != n)
        {
            throw new ArgumentException($"Length mismatch: v has length {v.Length}, expected {n}.", nameof(v));
        }

        if (destination.Length != n)
        {
            throw new ArgumentException($"Length mismatch: destination has length {destination.Length}, expected {n}.", nameof(destination));
        }

        if (_secondOrder is not null)
        {
            SecondOrderTape<T> second = _secondOrder.Enter();
            try
            {
                second.Apply(v, destination);
            }
            finally
            {
                _secondOrder.Exit();
            }

            return;
        }

        Tape<T> tape = _recording!.Enter();
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

    /// <summary>Releases what the operator keeps (a tape goes back to the pool); later calls throw
    /// <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _secondOrder?.Dispose();
        _recording?.Dispose();
    }
}
