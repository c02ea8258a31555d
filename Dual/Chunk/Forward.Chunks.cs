using System.Numerics;
using System.Runtime.Intrinsics;

namespace DualAutodiff;

public static partial class Forward
{
    /// <summary>The widest lane type, <see cref="Tangents12{T}"/> (ForwardDiff's default chunk threshold).</summary>
    public const int MaxChunkSize = 12;

    /// <summary>The chunk threshold of <see cref="Forward"/>'s gradients and Jacobians: at most this many tangents per pass.</summary>
    /// <remarks>ForwardDiff's default is 12. Measured here (chained Rosenbrock n = 1000, x64, scalar lanes
    /// <see cref="Tangents8{T}"/> against <see cref="Tangents12{T}"/>): 8 lanes per pass are fastest, 12 no longer fit
    /// the registers with the temporaries of a typical expression. For <see cref="double"/> the passes use the SIMD
    /// lanes <see cref="DoubleTangents4"/> or <see cref="DoubleTangents8"/> (5.4× over n single-tangent passes). A
    /// backward sweep with many directions amortises the tape instead, so <c>Hvp.ComputeMany</c> takes up to
    /// <see cref="MaxChunkSize"/> directions per sweep.</remarks>
    public const int ChunkThreshold = 8;

    /// <summary>The number of tangents per pass that a gradient or Jacobian of <paramref name="inputLength"/> inputs
    /// uses: ForwardDiff's <c>pickchunksize</c>, balanced chunks of at most <see cref="ChunkThreshold"/>.</summary>
    /// <param name="inputLength">n, the number of inputs (directions).</param>
    /// <returns>n itself up to 8; beyond, ⌈n / ⌈n/8⌉⌉, so the ⌈n/8⌉ passes carry nearly equal chunks (n = 9 gives
    /// two passes of 5, not 8 + 1). Never less than 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputLength"/> is negative.</exception>
    public static int ChunkSize(int inputLength) => ChunkSize(inputLength, ChunkThreshold);

    /// <summary>Balanced chunks of at most <paramref name="threshold"/> (1 ≤ threshold ≤ <see cref="MaxChunkSize"/>).</summary>
    internal static int ChunkSize(int inputLength, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        if (inputLength <= threshold)
        {
            return Math.Max(inputLength, 1);
        }

        int chunks = (inputLength + threshold - 1) / threshold;
        return (inputLength + chunks - 1) / chunks;
    }

    /// <summary>The gradient ∇f(x) of f: Rⁿ → R in forward mode, k tangents per pass with k = <see cref="ChunkSize(int)"/>(n).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, evaluated at <see cref="Dual{T, TTangents}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <remarks>⌈n/k⌉ passes, each seeding k inputs with unit tangents in their own lanes (chunk mode); for
    /// <see cref="double"/> with k ≥ 4 the SIMD lanes <see cref="DoubleTangents4"/>/<see cref="DoubleTangents8"/>. Equal bit for
    /// bit to n single-tangent passes (<see cref="Gradient{T}(Func{Dual{T}[], Dual{T}}, T[])"/>); reverse mode
    /// (one sweep) wins for large n, forward mode when n is small or f is cheap to run and costly to record.</remarks>
    public static T[] Gradient<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        int k = ChunkSize(x.Length);
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated && k >= 4)
        {
            // four lanes per vector: the same passes, each lane the same number, SIMD arithmetic
            double[] point = (double[])(object)x;
            return (T[])(object)(k > 4 ? Gradient<double, DoubleTangents8>(f, point) : Gradient<double, DoubleTangents4>(f, point));
        }

        return k switch
        {
            1 => Gradient<T, Tangents1<T>>(f, x),
            2 => Gradient<T, Tangents2<T>>(f, x),
            3 => Gradient<T, Tangents3<T>>(f, x),
            4 => Gradient<T, Tangents4<T>>(f, x),
            5 => Gradient<T, Tangents5<T>>(f, x),
            6 => Gradient<T, Tangents6<T>>(f, x),
            7 => Gradient<T, Tangents7<T>>(f, x),
            8 => Gradient<T, Tangents8<T>>(f, x),
            9 => Gradient<T, Tangents9<T>>(f, x),
            10 => Gradient<T, Tangents10<T>>(f, x),
            11 => Gradient<T, Tangents11<T>>(f, x),
            _ => Gradient<T, Tangents12<T>>(f, x),
        };
    }

    /// <summary>The gradient ∇f(x) in forward mode with the chunk width chosen by the caller.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <typeparam name="TTangents">The lanes per pass, e.g. <see cref="Tangents8{T}"/>.</typeparam>
    /// <param name="f">The function, evaluated at <see cref="Dual{T, TTangents}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>∇f(x), length n, from ⌈n/k⌉ passes.</returns>
    public static T[] Gradient<T, TTangents>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return GradientByChunks<T, TTangents, ChunkScalarInterface<T, TTangents>>(new(f), x);
    }

    /// <summary>The gradient ∇f(x) of a delegate written over <see cref="Dual{T, TTangents}"/>, k = lanes per pass.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <typeparam name="TTangents">The lanes per pass, e.g. <see cref="Tangents8{T}"/>.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>∇f(x), length n, from ⌈n/k⌉ passes.</returns>
    public static T[] Gradient<T, TTangents>(Func<Dual<T, TTangents>[], Dual<T, TTangents>> f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return GradientByChunks<T, TTangents, ChunkScalarDelegate<T, TTangents>>(new(f), x);
    }

    /// <summary>The gradient ∇f(x) from n single-tangent passes, one per input (seed eⱼ).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <see cref="Dual{T}"/>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>∇f(x), length n.</returns>
    /// <remarks>The chunked overloads give the same numbers in ⌈n/k⌉ passes.</remarks>
    public static T[] Gradient<T>(Func<Dual<T>[], Dual<T>> f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        var gradient = new T[x.Length];
        var input = new T[x.Length];
        var seed = new T[x.Length];
        x.CopyTo(input, 0);
        for (int j = 0; j < x.Length; j++)
        {
            seed[j] = T.One;
            gradient[j] = Jvp(f, input, seed).Tangent;
            seed[j] = T.Zero;
        }

        return gradient;
    }

    /// <summary>The m×n Jacobian of a delegate written over <see cref="Dual{T, TTangents}"/>, k columns per pass.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <typeparam name="TTangents">The lanes per pass.</typeparam>
    /// <param name="f">The function; its output keeps one length.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>J with J[i, j] = ∂fᵢ/∂xⱼ, from ⌈n/k⌉ passes.</returns>
    public static T[,] Jacobian<T, TTangents>(Func<Dual<T, TTangents>[], Dual<T, TTangents>[]> f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return JacobianByChunks<T, TTangents, ChunkVectorDelegate<T, TTangents>>(new(f), x);
    }

    /// <summary>The m×n Jacobian of a generic vector function with the chunk width chosen by the caller.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <typeparam name="TTangents">The lanes per pass.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>J with J[i, j] = ∂fᵢ/∂xⱼ, from ⌈n/k⌉ passes.</returns>
    public static T[,] Jacobian<T, TTangents>(IVectorFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return JacobianByChunks<T, TTangents, ChunkVectorInterface<T, TTangents>>(new(f, Guard.OutputLength(f, x.Length, nameof(f))), x);
    }

    /// <summary>The Jacobian of an <see cref="IVectorFunction"/> in chunks of <see cref="ChunkSize(int)"/>(n) columns.</summary>
    private static T[,] JacobianByChunks<T>(IVectorFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        int k = ChunkSize(x.Length);
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated && k >= 4)
        {
            double[] point = (double[])(object)x;
            return (T[,])(object)(k > 4 ? Jacobian<double, DoubleTangents8>(f, point) : Jacobian<double, DoubleTangents4>(f, point));
        }

        return k switch
        {
            1 => Jacobian<T, Tangents1<T>>(f, x),
            2 => Jacobian<T, Tangents2<T>>(f, x),
            3 => Jacobian<T, Tangents3<T>>(f, x),
            4 => Jacobian<T, Tangents4<T>>(f, x),
            5 => Jacobian<T, Tangents5<T>>(f, x),
            6 => Jacobian<T, Tangents6<T>>(f, x),
            7 => Jacobian<T, Tangents7<T>>(f, x),
            8 => Jacobian<T, Tangents8<T>>(f, x),
            9 => Jacobian<T, Tangents9<T>>(f, x),
            10 => Jacobian<T, Tangents10<T>>(f, x),
            11 => Jacobian<T, Tangents11<T>>(f, x),
            _ => Jacobian<T, Tangents12<T>>(f, x),
        };
    }

    /// <summary>Pass p seeds inputs pk … pk + k − 1 with unit tangents in lanes 0 … k − 1; lane l of the output is
    /// ∂f/∂x_{pk+l}. The input buffer is reused and given back after.</summary>
    private static T[] GradientByChunks<T, TTangents, TFunction>(TFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
        where TFunction : IChunkScalarFunction<T, TTangents>
    {
        int n = x.Length;
        int k = TTangents.Count;
        var gradient = new T[n];
        Dual<T, TTangents>[] input = InputBuffer<Dual<T, TTangents>>.Rent(n);
        bool nested = ForwardNesting<Dual<T, TTangents>>.Enter();
        try
        {
            Constants(input, x);
            if (nested && !TangentLanes.IsZero<T, TTangents>(f.Evaluate(input).Tangents))
            {
                ThrowPerturbationConfusion<T>();
            }

            if (n == 0)
            {
                // f: R⁰ → R still runs once, so its errors surface as for any other input.
                f.Evaluate(input);
            }

            for (int start = 0; start < n; start += k)
            {
                int width = Math.Min(k, n - start);
                for (int lane = 0; lane < width; lane++)
                {
                    input[start + lane] = Dual<T, TTangents>.Seed(x[start + lane], lane);
                }

                TTangents tangents = f.Evaluate(input).Tangents;
                TangentLanes.CopyTo(in tangents, gradient.AsSpan(start, width));
                for (int lane = 0; lane < width; lane++)
                {
                    input[start + lane] = x[start + lane];
                }
            }
        }
        finally
        {
            ForwardNesting<Dual<T, TTangents>>.Exit();
            InputBuffer<Dual<T, TTangents>>.Return(input);
        }

        return gradient;
    }

    /// <summary>Columns pk … pk + k − 1 of J from one pass: lane l of output i is ∂fᵢ/∂x_{pk+l}.</summary>
    private static T[,] JacobianByChunks<T, TTangents, TFunction>(TFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
        where TFunction : IChunkVectorFunction<T, TTangents>
    {
        int n = x.Length;
        int k = TTangents.Count;
        Dual<T, TTangents>[] input = InputBuffer<Dual<T, TTangents>>.Rent(n);
        Dual<T, TTangents>[]? output = null;
        T[,]? jacobian = null;
        bool nested = ForwardNesting<Dual<T, TTangents>>.Enter();
        try
        {
            Constants(input, x);
            if (nested || n == 0)
            {
                // With every tangent zero a nonzero output tangent can only come from an outer call; for n = 0 this
                // pass also says how many rows the m×0 Jacobian has.
                f.Evaluate(input, ref output);
                foreach (Dual<T, TTangents> yi in output!)
                {
                    if (!TangentLanes.IsZero<T, TTangents>(yi.Tangents))
                    {
                        ThrowPerturbationConfusion<T>();
                    }
                }

                jacobian = new T[output.Length, n];
            }

            for (int start = 0; start < n; start += k)
            {
                int width = Math.Min(k, n - start);
                for (int lane = 0; lane < width; lane++)
                {
                    input[start + lane] = Dual<T, TTangents>.Seed(x[start + lane], lane);
                }

                f.Evaluate(input, ref output);
                Dual<T, TTangents>[] y = output!;
                jacobian ??= new T[y.Length, n];
                for (int i = 0; i < y.Length; i++)
                {
                    TTangents tangents = y[i].Tangents;
                    for (int lane = 0; lane < width; lane++)
                    {
                        jacobian[i, start + lane] = TTangents.Get(in tangents, lane);
                    }
                }

                for (int lane = 0; lane < width; lane++)
                {
                    input[start + lane] = x[start + lane];
                }
            }
        }
        finally
        {
            ForwardNesting<Dual<T, TTangents>>.Exit();
            InputBuffer<Dual<T, TTangents>>.Return(input);
        }

        return jacobian!;
    }

    private static void Constants<T, TTangents>(Dual<T, TTangents>[] input, T[] x)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = x[i];
        }
    }
}
