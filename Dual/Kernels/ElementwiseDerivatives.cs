using System.Numerics;

namespace DualAutodiff;

/// <summary>The elementwise functions of <see cref="Kernels"/>.</summary>
internal enum ElementwiseFunction
{
    Exp,
    Log,
    Tanh,
    Sigmoid,
    Softplus,
    Square,
}

/// <summary>f′ of the elementwise kernels over whole spans, the one place both kernel modes read it: the tangent
/// kernels of <see cref="Dual{T}"/> (f′(x)·ẋ) and the backward of a kernel record on a tape (f′(x)·ȳ).</summary>
/// <remarks>These are the rule table's derivatives (<see cref="Rules{T}.Exp"/>, <see cref="Rules{T}.Log(T)"/>,
/// <see cref="Rules{T}.Tanh"/>, <see cref="Special.Sigmoid{T}"/>, <see cref="Special.Softplus{T}"/>, x² as x·x) in
/// span form, so a kernel computes them with SIMD passes from the values it already has instead of one scalar rule
/// call per element; the kernel tests check every mode against the same function written with the scalar rules.</remarks>
internal static class ElementwiseDerivatives<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>f′(x) for y = f(x), into <paramref name="scratch"/> (or y itself, for exp).</summary>
    /// <param name="function">f.</param>
    /// <param name="x">The arguments.</param>
    /// <param name="y">The values f(x), as the kernel computed them.</param>
    /// <param name="scratch">Room for f′(x), the length of x.</param>
    /// <returns>f′(x).</returns>
    public static ReadOnlySpan<T> Of(ElementwiseFunction function, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> scratch)
    {
        KernelDispatch<T> k = KernelDispatch<T>.Instance;
        switch (function)
        {
            case ElementwiseFunction.Exp:
                // eˣ
                return y;
            case ElementwiseFunction.Log:
                // 1/x
                k.ScalarDivide(T.One, x, scratch);
                break;
            case ElementwiseFunction.Tanh:
                // 1 − tanh²x
                k.Square(y, scratch);
                k.ScalarSubtract(T.One, scratch, scratch);
                break;
            case ElementwiseFunction.Sigmoid:
                // σ(1 − σ)
                k.ScalarSubtract(T.One, y, scratch);
                k.Multiply(y, scratch, scratch);
                break;
            case ElementwiseFunction.Softplus:
                // σ(x)
                k.Sigmoid(x, scratch);
                break;
            default:
                // 2x
                k.Add(x, x, scratch);
                break;
        }

        return scratch;
    }
}
