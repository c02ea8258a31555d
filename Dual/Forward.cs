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
public static partial class Forward
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
        bool nested = ForwardNesting<T>.Enter();
        try
        {
            T tangent = f(new Dual<T>(x, T.One)).Tangent;
            if (nested && !Propagation.IsZero(f(x).Tangent))
            {
                ThrowPerturbationConfusion<T>();
            }

            return tangent;
        }
        finally
        {
            ForwardNesting<T>.Exit();
        }
    }

    /// <summary>The value f(x) and the directional derivative ∇f(x)·v of f: Rⁿ → R.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Dual{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>(f(x), ∇f(x)·v).</returns>
    /// <remarks>Preferred over the vector overload when a lambda fits both (<c>v =&gt; throw …</c>).</remarks>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static (T Value, T Tangent) Jvp<T>(Func<Dual<T>[], Dual<T>> f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return ScalarJvp<T, ScalarDelegate<T>>(new(f), x, v);
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
        Dual<T>[]? y = null;
        VectorJvp(new VectorDelegate<T>(f), Seed(x, v), ref y);
        return Split(y!);
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
        return JacobianByColumns<T, VectorDelegate<T>>(new(f), x);
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
        return ScalarJvp<T, ScalarInterface<T>>(new(f), x, v);
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
        Dual<T>[]? y = null;
        VectorJvp(new VectorInterface<T>(f, Guard.OutputLength(f, x.Length, nameof(f))), input, ref y);
        return Split(y!);
    }

    /// <summary>The m×n Jacobian of a generic vector function, k columns per pass (chunk mode, k = <see cref="ChunkSize(int)"/>(n)).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>J with J[i, j] = ∂fᵢ/∂xⱼ.</returns>
    public static T[,] Jacobian<T>(IVectorFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return JacobianByChunks(f, x);
    }

    /// <summary>f and its tangent at x + vε; the pooled input array is given back after.</summary>
    private static (T Value, T Tangent) ScalarJvp<T, TFunction>(TFunction f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
        where TFunction : IForwardScalarFunction<T>
    {
        Dual<T>[] input = Seed(x, v);
        bool nested = ForwardNesting<T>.Enter();
        try
        {
            Dual<T> y = f.Evaluate(input);
            if (nested && !Propagation.IsZero(f.Evaluate(Still(input)).Tangent))
            {
                ThrowPerturbationConfusion<T>();
            }

            return (y.Value, y.Tangent);
        }
        finally
        {
            ForwardNesting<T>.Exit();
            InputBuffer<Dual<T>>.Return(input);
        }
    }

    /// <summary>Evaluates a vector function at <paramref name="input"/>, checking for perturbation confusion
    /// when this call is nested in another forward call at the same type.</summary>
    private static void VectorJvp<T, TFunction>(TFunction f, Dual<T>[] input, ref Dual<T>[]? output)
        where T : IFloatingPointIeee754<T>
        where TFunction : IForwardVectorFunction<T>
    {
        bool nested = ForwardNesting<T>.Enter();
        try
        {
            f.Evaluate(input, ref output);
            if (nested)
            {
                Dual<T>[] still = Still([.. input]);
                Dual<T>[]? y = null;
                f.Evaluate(still, ref y);
                foreach (Dual<T> yi in y!)
                {
                    if (!Propagation.IsZero(yi.Tangent))
                    {
                        ThrowPerturbationConfusion<T>();
                    }
                }
            }
        }
        finally
        {
            ForwardNesting<T>.Exit();
        }
    }

    /// <summary>Column j of J is the tangent of f(x + eⱼε); the input and output buffers are reused.</summary>
    private static T[,] JacobianByColumns<T, TFunction>(TFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TFunction : IForwardVectorFunction<T>
    {
        Guard.Input(x, nameof(x));
        int n = x.Length;
        Dual<T>[] input = InputBuffer<Dual<T>>.Rent(n);
        Dual<T>[]? output = null;
        T[,]? jacobian = null;
        try
        {
            Still(input, x);
            for (int j = 0; j < n; j++)
            {
                input[j] = new Dual<T>(x[j], T.One);
                VectorJvp(f, input, ref output);
                Dual<T>[] y = output!;
                jacobian ??= new T[y.Length, n];
                for (int i = 0; i < y.Length; i++)
                {
                    jacobian[i, j] = y[i].Tangent;
                }

                input[j] = x[j];
            }

            if (jacobian is null)
            {
                // n = 0: no column to seed, but f still says how many rows the m×0 Jacobian has
                VectorJvp(f, input, ref output);
                jacobian = new T[output!.Length, 0];
            }
        }
        finally
        {
            InputBuffer<Dual<T>>.Return(input);
        }

        return jacobian;
    }

    /// <summary>The inputs with every tangent zero (in place): f evaluated there has a nonzero tangent only if
    /// something outside the call carries one.</summary>
    private static Dual<T>[] Still<T>(Dual<T>[] input)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = input[i].Value;
        }

        return input;
    }

    private static void Still<T>(Dual<T>[] input, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = x[i];
        }
    }

    /// <summary>A <see cref="Dual{T}"/> has no tag saying which call seeded it, so a value closed over from an
    /// outer <c>Forward</c> call at the same <typeparamref name="T"/> would add its tangent to the inner
    /// derivative, and the outer call would then treat the inner result as a constant. Nested calls (only they
    /// pay for it) evaluate f once more with every input tangent zero: a nonzero output tangent can only come from
    /// the outer call, and is reported here instead of returned wrong.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowPerturbationConfusion<T>() => throw new InvalidOperationException($"Perturbation confusion: a Forward call at Dual<{typeof(T).Name}> nested inside another at the same type uses a variable of the outer call, whose tangent would leak into this derivative. Nest at the next type level instead (e.g. Forward.Derivative<Dual<double>> inside Forward.Derivative<double>).");

    /// <summary>The inputs xᵢ + vᵢε, after checking x and v, in a pooled array (the scalar overloads give it back).</summary>
    private static Dual<T>[] Seed<T>(T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        Guard.Input(x, nameof(x));
        Guard.Length(v, x.Length, nameof(v), nameof(x));
        Dual<T>[] input = InputBuffer<Dual<T>>.Rent(x.Length);
        DualSpans<T>.Merge(x, v, input);
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
