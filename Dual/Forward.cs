using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// Forward-mode differentiation with <see cref="Dual{T}"/>: one pass gives f(x) and the Jacobian-vector
/// product J·v (JAX's <c>jvp</c>).
/// </summary>
/// <remarks>
/// Each input xᵢ becomes the dual number xᵢ + vᵢε; evaluating f propagates tangents by the chain rule, so the
/// output's tangent is J·v. A full m×n Jacobian takes n such passes, one per column (seed v = eⱼ); reverse
/// mode gets it in m sweeps instead, which wins when m &lt; n.
/// </remarks>
public static class Forward
{
    /// <summary>The derivative f′(x) of a scalar function of one variable.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Dual{T}"/>.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x), the tangent of f(x + 1ε).</returns>
    public static T Derivative<T>(Func<Dual<T>, Dual<T>> f, T x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return f(new Dual<T>(x, T.One)).Tangent;
    }

    /// <summary>The value f(x) and the directional derivative ∇f(x)·v of f: Rⁿ → R.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Dual{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>(f(x), ∇f(x)·v).</returns>
    public static (T Value, T Tangent) Jvp<T>(Func<Dual<T>[], Dual<T>> f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Dual<T>[] input = Seed(x, v);
        try
        {
            Dual<T> y = f(input);
            return (y.Value, y.Tangent);
        }
        finally
        {
            InputBuffer<Dual<T>>.Return(input);
        }
    }

    /// <summary>The value f(x) and the Jacobian-vector product J(x)·v of f: Rⁿ → Rᵐ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Dual{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>(f(x), J·v), each of length m.</returns>
    public static (T[] Value, T[] Tangent) Jvp<T>(Func<Dual<T>[], Dual<T>[]> f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return Split(Guard.Output(f(Seed(x, v)), -1, nameof(f)));
    }

    /// <summary>The m×n Jacobian of f: Rⁿ → Rᵐ, from n JVPs (one per column).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Dual{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>J with J[i, j] = ∂fᵢ/∂xⱼ.</returns>
    public static T[,] Jacobian<T>(Func<Dual<T>[], Dual<T>[]> f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return JacobianByColumns(x, -1, (input, output) => Guard.Output(f(input), output?.Length ?? -1, nameof(f)));
    }

    /// <summary>The value f(x) and ∇f(x)·v for a generic scalar function.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>(f(x), ∇f(x)·v).</returns>
    public static (T Value, T Tangent) Jvp<T>(IScalarFunction f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Dual<T>[] input = Seed(x, v);
        try
        {
            Dual<T> y = f.Evaluate<Dual<T>>(input);
            return (y.Value, y.Tangent);
        }
        finally
        {
            InputBuffer<Dual<T>>.Return(input);
        }
    }

    /// <summary>The value f(x) and J(x)·v for a generic vector function.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>(f(x), J·v), each of length m.</returns>
    public static (T[] Value, T[] Tangent) Jvp<T>(IVectorFunction f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Dual<T>[] input = Seed(x, v);
        var y = new Dual<T>[Guard.OutputLength(f, x.Length, nameof(f))];
        f.Evaluate<Dual<T>>(input, y);
        return Split(y);
    }

    /// <summary>The m×n Jacobian of a generic vector function, from n JVPs.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>J with J[i, j] = ∂fᵢ/∂xⱼ.</returns>
    public static T[,] Jacobian<T>(IVectorFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        int m = Guard.OutputLength(f, x.Length, nameof(f));
        return JacobianByColumns(x, m, (input, output) =>
        {
            output ??= new Dual<T>[m];
            f.Evaluate<Dual<T>>(input, output);
            return output;
        });
    }

    /// <summary>Column j of J is the tangent of f(x + eⱼε); the input and output buffers are reused.</summary>
    private static T[,] JacobianByColumns<T>(T[] x, int m, Func<Dual<T>[], Dual<T>[]?, Dual<T>[]> evaluate)
        where T : IFloatingPointIeee754<T>
    {
        Guard.Input(x, nameof(x));
        int n = x.Length;
        var input = new Dual<T>[n];
        for (int j = 0; j < n; j++)
        {
            input[j] = x[j];
        }

        Dual<T>[]? output = null;
        T[,]? jacobian = m > 0 ? new T[m, n] : null;
        for (int j = 0; j < n; j++)
        {
            input[j] = new Dual<T>(x[j], T.One);
            output = evaluate(input, output);
            jacobian ??= new T[output.Length, n];
            for (int i = 0; i < output.Length; i++)
            {
                jacobian[i, j] = output[i].Tangent;
            }

            input[j] = x[j];
        }

        return jacobian!;
    }

    /// <summary>The inputs xᵢ + vᵢε, after checking x and v, in a pooled array the scalar overloads give back.</summary>
    private static Dual<T>[] Seed<T>(T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        Guard.Input(x, nameof(x));
        Guard.Length(v, x.Length, nameof(v), nameof(x));
        Dual<T>[] input = InputBuffer<Dual<T>>.Rent(x.Length);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = new Dual<T>(x[i], v[i]);
        }

        return input;
    }

    private static (T[] Value, T[] Tangent) Split<T>(Dual<T>[] y)
        where T : IFloatingPointIeee754<T>
    {
        var value = new T[y.Length];
        var tangent = new T[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            value[i] = y[i].Value;
            tangent[i] = y[i].Tangent;
        }

        return (value, tangent);
    }
}
