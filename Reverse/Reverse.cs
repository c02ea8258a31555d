using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// Reverse-mode differentiation with <see cref="Var{T}"/> and <see cref="Tape{T}"/>: one recording of f and one
/// backward sweep give a vector-Jacobian product uᵀ·J (JAX's <c>vjp</c>, PyTorch's
/// <c>y.backward(gradient=u)</c>); with u = 1 for a scalar loss, the gradient.
/// </summary>
/// <remarks>
/// Each call records on a tape of the calling thread's own pool, so threads never share state and an
/// exception thrown by f leaves the tape clean for the next call. Steady-state calls allocate only their
/// result arrays. The input array handed to a delegate is reused by the next call on the same thread.
/// Nested differentiation uses the next type level: <c>Reverse.Gradient&lt;Var&lt;double&gt;&gt;</c> inside a
/// function differentiated by <c>Reverse.Gradient&lt;double&gt;</c>; a nested call at the same type whose
/// function touches an outer variable throws instead of returning a wrong (constant) result.
/// </remarks>
public static partial class Reverse
{
    /// <summary>The derivative f′(x) of a scalar function of one variable.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Var{T}"/>.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x).</returns>
    public static T Derivative<T>(Func<Var<T>, Var<T>> f, T x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            Var<T> input = tape.Variable(x);
            tape.Backward(f(input));
            return tape.Adjoint(input);
        }
        finally
        {
            tape.Return();
        }
    }

    /// <summary>The gradient ∇f(x) of f: Rⁿ → R.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Var{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>∇f(x), length n.</returns>
    public static T[] Gradient<T>(Func<Var<T>[], Var<T>> f, T[] x)
        where T : IFloatingPointIeee754<T> => ValueAndGradient(f, x).Gradient;

    /// <summary>The value f(x) and gradient ∇f(x) from one recording and one backward sweep.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Var{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>(f(x), ∇f(x)).</returns>
    public static (T Value, T[] Gradient) ValueAndGradient<T>(Func<Var<T>[], Var<T>> f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return ValueAndGradient<T, RecordedScalarDelegate<T>>(new(f), x);
    }

    /// <summary>The gradient ∇f(x) of a generic scalar function.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>∇f(x), length n.</returns>
    public static T[] Gradient<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T> => ValueAndGradient(f, x).Gradient;

    /// <summary>The value f(x) and gradient ∇f(x) of a generic scalar function.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>(f(x), ∇f(x)).</returns>
    public static (T Value, T[] Gradient) ValueAndGradient<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return ValueAndGradient<T, RecordedScalarFunction<T>>(new(f), x);
    }

    /// <summary>The value f(x) of a generic scalar function, with its gradient ∇f(x) written into
    /// <paramref name="gradient"/>: no result array, so a loop over large inputs allocates nothing.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="gradient">Where ∇f(x) goes, length n (it may be <paramref name="x"/> itself: x is read whole before
    /// f runs).</param>
    /// <returns>f(x).</returns>
    /// <remarks>The same numbers as <see cref="ValueAndGradient{T}(IScalarFunction, T[])"/>, bit for bit. At large n a
    /// new result array per call is a fresh large-object-heap block for the garbage collector, whose first writes
    /// fault its pages in; a buffer the caller keeps is written while it is warm. <paramref name="gradient"/> is
    /// untouched when f throws.</remarks>
    public static T ValueAndGradient<T>(IScalarFunction f, ReadOnlySpan<T> x, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(gradient.Length, x.Length, nameof(gradient), nameof(x));

        return ValueAndGradientInto<T, RecordedScalarFunction<T>>(new(f), x, gradient);
    }

    /// <summary>The value y = f(x) and the vector-Jacobian product uᵀ·J(x) of f: Rⁿ → Rᵐ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Var{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="u">The cotangent seed, length m.</param>
    /// <returns>(f(x), uᵀ·J), of lengths m and n.</returns>
    public static (T[] Value, T[] Vjp) Vjp<T>(Func<Var<T>[], Var<T>[]> f, T[] x, T[] u)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        ArgumentNullException.ThrowIfNull(u);
        return Vjp<T, RecordedVectorDelegate<T>>(new(f), x, u);
    }

    /// <summary>The value y = f(x) and uᵀ·J(x) of a generic vector function.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="u">The cotangent seed, length m.</param>
    /// <returns>(f(x), uᵀ·J).</returns>
    public static (T[] Value, T[] Vjp) Vjp<T>(IVectorFunction f, T[] x, T[] u)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        int m = Guard.OutputLength(f, x.Length, nameof(f));
        Guard.Length(u, m, nameof(u), "the output of f");
        return Vjp<T, RecordedVectorFunction<T>>(new(f, m), x, u);
    }

    /// <summary>The m×n Jacobian of f: Rⁿ → Rᵐ from one recording and m backward sweeps (one per row).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Var{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>J with J[i, j] = ∂fᵢ/∂xⱼ.</returns>
    public static T[,] Jacobian<T>(Func<Var<T>[], Var<T>[]> f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return Jacobian<T, RecordedVectorDelegate<T>>(new(f), x);
    }

    /// <summary>The m×n Jacobian of a generic vector function from one recording and m backward sweeps.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>J with J[i, j] = ∂fᵢ/∂xⱼ.</returns>
    public static T[,] Jacobian<T>(IVectorFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return Jacobian<T, RecordedVectorFunction<T>>(new(f, Guard.OutputLength(f, x.Length, nameof(f))), x);
    }

    /// <summary>One recording and one backward sweep from the scalar output.</summary>
    private static (T Value, T[] Gradient) ValueAndGradient<T, TFunction>(TFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TFunction : IRecordedFunction<T, Var<T>>
    {
        Guard.Input(x, nameof(x));

        // every element is written (800 KB at n = 10⁵ need no zeroing)
        T[] gradient = GC.AllocateUninitializedArray<T>(x.Length);
        T value = ValueAndGradientInto(f, x, gradient);
        return (value, gradient);
    }

    /// <summary>One recording and one backward sweep from y, the inputs' adjoints copied into <paramref name="gradient"/>
    /// (untouched when f throws; it may be <paramref name="x"/>, which the tape copies before f runs).</summary>
    private static T ValueAndGradientInto<T, TFunction>(TFunction f, ReadOnlySpan<T> x, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
        where TFunction : IRecordedFunction<T, Var<T>>
    {
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            Var<T>[] input = tape.Inputs(x);
            if (typeof(TFunction) == typeof(RecordedScalarFunction<T>))
            {
                // an IScalarFunction gets the input buffer as a read-only span: it cannot change under the recording
                tape.SealInputs();
            }

            Var<T> y = f.Evaluate(input);

            // only the inputs' adjoints are read: a group of kernel records need not store its inner adjoints
            tape.BackwardForLeading(y);

            // the inputs are the leading records: their adjoints in one copy
            tape.LeadingAdjoints(x.Length).CopyTo(gradient);
            return y.Value;
        }
        finally
        {
            tape.Return();
        }
    }

    /// <summary>One recording and one backward sweep seeded with u.</summary>
    private static (T[] Value, T[] Vjp) Vjp<T, TFunction>(TFunction f, T[] x, T[] u)
        where T : IFloatingPointIeee754<T>
        where TFunction : IRecordedFunction<T, Var<T>[]>
    {
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            Var<T>[] input = tape.Inputs(x);
            Var<T>[] y = f.Evaluate(input);
            Guard.Length(u, y.Length, nameof(u), "the output of f");
            tape.Backward(y, u);
            return (Values(y), tape.Adjoints(input));
        }
        finally
        {
            tape.Return();
        }
    }

    /// <summary>One recording and m backward sweeps, one per row.</summary>
    private static T[,] Jacobian<T, TFunction>(TFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TFunction : IRecordedFunction<T, Var<T>[]>
    {
        Guard.Input(x, nameof(x));
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            Var<T>[] input = tape.Inputs(x);
            return Rows(tape, input, f.Evaluate(input));
        }
        finally
        {
            tape.Return();
        }
    }

    /// <summary>Row i of J is the adjoint of the inputs after a sweep seeded with eᵢ.</summary>
    private static T[,] Rows<T>(Tape<T> tape, Var<T>[] input, Var<T>[] y)
        where T : IFloatingPointIeee754<T>
    {
        var jacobian = new T[y.Length, input.Length];
        for (int i = 0; i < y.Length; i++)
        {
            tape.Backward(y[i]);
            for (int j = 0; j < input.Length; j++)
            {
                jacobian[i, j] = tape.Adjoint(input[j]);
            }
        }

        return jacobian;
    }

    private static T[] Values<T>(Var<T>[] y)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            values[i] = y[i].Primal;
        }

        return values;
    }
}
