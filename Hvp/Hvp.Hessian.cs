using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using DMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;
using DVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace DualAutodiff;

public static partial class Hvp
{
    /// <summary>The dense n×n Hessian of a generic scalar function, from n forward-over-reverse products H·eⱼ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>H with H[i, j] = ∂²f/∂xᵢ∂xⱼ, exactly symmetric.</returns>
    /// <remarks>Column j is H·eⱼ; the result is symmetrised as (A + Aᵀ)/2, which only removes rounding
    /// differences between ∂²f/∂xᵢ∂xⱼ and ∂²f/∂xⱼ∂xᵢ. Cost: n recordings and sweeps, O(n²) memory for the
    /// result. For large n use <see cref="Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/> and never form H.</remarks>
    public static T[,] Hessian<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return Hessian(new ScalarFunction<T>(f), x);
    }

    /// <summary>The dense n×n Hessian of f, from n forward-over-reverse products H·eⱼ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <c>Var&lt;Dual&lt;T&gt;&gt;</c>.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>H with H[i, j] = ∂²f/∂xᵢ∂xⱼ, exactly symmetric.</returns>
    public static T[,] Hessian<T>(Func<Var<Dual<T>>[], Var<Dual<T>>> f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return Hessian(new DelegateFunction<T>(f), x);
    }

    /// <summary>The Hessian-vector product H(x)·v of a generic scalar function, with MathNet vectors.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <param name="method">The route; forward-over-reverse unless a cross-check is wanted.</param>
    /// <returns>H·v as a dense vector.</returns>
    public static DVector Compute(IScalarFunction f, DVector x, DVector v, HvpMethod method = HvpMethod.ForwardOverReverse)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
        return DVector.Build.Dense(Compute(f, x.ToArray(), v.ToArray(), method));
    }

    /// <summary>The dense Hessian of a generic scalar function, as a MathNet matrix.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>The symmetric n×n Hessian.</returns>
    public static DMatrix Hessian(IScalarFunction f, DVector x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Matrix<double>.Build.DenseOfArray(Hessian(f, x.ToArray()));
    }

    private static T[,] Hessian<T, TFunction>(TFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
        where TFunction : ISecondOrderFunction<T>
    {
        Guard.Input(x, nameof(x));
        int n = x.Length;
        var hessian = new T[n, n];
        T[] unit = InputBuffer<T>.Rent(n);
        var gradient = new T[n];
        var column = new T[n];
        try
        {
            Array.Clear(unit);
            for (int j = 0; j < n; j++)
            {
                unit[j] = T.One;
                ForwardOverReverse(f, x, unit, gradient, column);
                unit[j] = T.Zero;
                for (int i = 0; i < n; i++)
                {
                    hessian[i, j] = column[i];
                }
            }
        }
        finally
        {
            InputBuffer<T>.Return(unit);
        }

        T half = T.CreateChecked(0.5);
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                T mean = half * (hessian[i, j] + hessian[j, i]);
                hessian[i, j] = mean;
                hessian[j, i] = mean;
            }
        }

        return hessian;
    }
}
