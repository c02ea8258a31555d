using System.Numerics;
using System.Runtime.Intrinsics;

namespace DualAutodiff;

public static partial class Hvp
{
    /// <summary>The k Hessian-vector products H(x)·v₁ … H(x)·vₖ, up to twelve from one recording and one backward sweep.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The k directions, each of length n.</param>
    /// <returns>The k products, <c>result[j]</c> = H·vⱼ, each of length n.</returns>
    /// <remarks>
    /// <c>Var&lt;Dual&lt;T, TTangents&gt;&gt;</c> is forward-over-reverse with k tangents: the inputs are the recorded
    /// variables xᵢ + Σⱼ vⱼᵢεⱼ, f is recorded once, and one backward sweep with multi-tangent adjoints gives ∂f/∂xᵢ in
    /// the value and (H·vⱼ)ᵢ in lane j. The directions are taken in ⌈k/12⌉ balanced chunks
    /// (<see cref="Forward.ChunkSize(int)"/> with threshold 12); every product equals <see cref="Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>
    /// of its direction bit for bit, except where f calls an array kernel (<c>Kernels</c>), whose vectorised
    /// <c>Var&lt;Dual&lt;T&gt;&gt;</c> path may round differently. This is the compressed-Hessian step: one product per
    /// colour, in one sweep.
    /// </remarks>
    /// <exception cref="ArgumentException">A direction is null or its length is not n.</exception>
    public static T[][] ComputeMany<T>(IScalarFunction f, T[] x, T[][] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(v);
        int k = Forward.ChunkSize(v.Length, Forward.MaxChunkSize);
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated && k >= 4)
        {
            // four lanes per vector (DoubleTangents4, 8, 12): the same sweeps, each product the same number
            double[] point = (double[])(object)x;
            double[][] directions = (double[][])(object)v;
            return (T[][])(object)(k > 8 ? ComputeMany<double, DoubleTangents12>(f, point, directions)
                : k > 4 ? ComputeMany<double, DoubleTangents8>(f, point, directions)
                : ComputeMany<double, DoubleTangents4>(f, point, directions));
        }

        return k switch
        {
            1 => ComputeMany<T, Tangents1<T>>(f, x, v),
            2 => ComputeMany<T, Tangents2<T>>(f, x, v),
            3 => ComputeMany<T, Tangents3<T>>(f, x, v),
            4 => ComputeMany<T, Tangents4<T>>(f, x, v),
            5 => ComputeMany<T, Tangents5<T>>(f, x, v),
            6 => ComputeMany<T, Tangents6<T>>(f, x, v),
            7 => ComputeMany<T, Tangents7<T>>(f, x, v),
            8 => ComputeMany<T, Tangents8<T>>(f, x, v),
            9 => ComputeMany<T, Tangents9<T>>(f, x, v),
            10 => ComputeMany<T, Tangents10<T>>(f, x, v),
            11 => ComputeMany<T, Tangents11<T>>(f, x, v),
            _ => ComputeMany<T, Tangents12<T>>(f, x, v),
        };
    }

    /// <summary>The k products H·vⱼ with the number of directions per sweep chosen by the caller.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <typeparam name="TTangents">The directions per recording and sweep, e.g. <see cref="Tangents4{T}"/>.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The k directions, each of length n.</param>
    /// <returns>The k products, each of length n, from ⌈k / lanes⌉ recordings and sweeps.</returns>
    /// <exception cref="ArgumentException">A direction is null or its length is not n.</exception>
    public static T[][] ComputeMany<T, TTangents>(IScalarFunction f, T[] x, T[][] v)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        ArgumentNullException.ThrowIfNull(v);
        int n = x.Length;
        var products = new T[v.Length][];
        for (int j = 0; j < v.Length; j++)
        {
            Guard.Length(v[j], n, nameof(v), nameof(x));
            products[j] = new T[n];
        }

        T[] gradient = InputBuffer<T>.Rent(n);
        try
        {
            int lanes = TTangents.Count;
            for (int start = 0; start < v.Length; start += lanes)
            {
                int width = Math.Min(lanes, v.Length - start);
                ForwardOverReverse<T, TTangents>(f, x, v.AsSpan(start, width), gradient, products.AsSpan(start, width));
            }
        }
        finally
        {
            InputBuffer<T>.Return(gradient);
        }

        return products;
    }

    /// <summary>The multi-direction forward-over-reverse core: one recording of f at xᵢ + Σⱼ vⱼᵢεⱼ and one backward
    /// sweep write ∇f(x) into <paramref name="gradient"/> and H·vⱼ into <paramref name="products"/>[j]; returns f(x).</summary>
    /// <remarks>For the compressed (sparse) Hessian: at most <c>TTangents.Count</c> directions, unchecked; the
    /// unused lanes carry zero tangents. Arguments are checked by the callers.</remarks>
    internal static T ForwardOverReverse<T, TTangents>(IScalarFunction f, ReadOnlySpan<T> x, ReadOnlySpan<T[]> v, Span<T> gradient, ReadOnlySpan<T[]> products)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Dual<T, TTangents>[] seeds = InputBuffer<Dual<T, TTangents>>.Rent(x.Length);
        Tape<Dual<T, TTangents>> tape = Tape<Dual<T, TTangents>>.Rent();
        try
        {
            for (int i = 0; i < seeds.Length; i++)
            {
                TTangents lanes = TangentLanes.Zero<T, TTangents>();
                for (int j = 0; j < v.Length; j++)
                {
                    TTangents.Set(ref lanes, j, v[j][i]);
                }

                seeds[i] = new Dual<T, TTangents>(x[i], lanes);
            }

            Var<Dual<T, TTangents>>[] input = tape.Inputs(seeds);
            Var<Dual<T, TTangents>> y = f.Evaluate<Var<Dual<T, TTangents>>>(input);
            tape.Backward(y);
            for (int i = 0; i < input.Length; i++)
            {
                Dual<T, TTangents> adjoint = tape.Adjoint(input[i]);
                gradient[i] = adjoint.Value;
                TTangents lanes = adjoint.Tangents;
                for (int j = 0; j < products.Length; j++)
                {
                    products[j][i] = TTangents.Get(in lanes, j);
                }
            }

            return y.Value.Value;
        }
        finally
        {
            tape.Return();
            InputBuffer<Dual<T, TTangents>>.Return(seeds);
        }
    }
}
