using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

internal sealed partial class DualKernels<T>
{
    //
    // Elementwise functions: the value at T, then the tangent f′(x)·ẋ
    //

    public override void Exp(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, ElementwiseFunction.Exp);

    public override void Log(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, ElementwiseFunction.Log);

    public override void Tanh(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, ElementwiseFunction.Tanh);

    public override void Sigmoid(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, ElementwiseFunction.Sigmoid);

    public override void Softplus(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, ElementwiseFunction.Softplus);

    public override void Square(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination)
    {
        if (Interleaved.IsSupported)
        {
            Interleaved.Square(x, destination);
            return;
        }

        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = x[i] * x[i];
            }

            return;
        }

        Function(x, destination, ElementwiseFunction.Square);
    }

    /// <summary>s + (s ⊙ (ẋ − s·ẋ))ε with s = softmax(x).</summary>
    public override void SoftMax(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination)
    {
        int n = x.Length;
        T[] buffer = Rent(3 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), s = buffer.AsSpan(2 * n, n);
            Split(x, xv, xt);
            K.SoftMax(xv, s);
            T mean = K.ScaleDot(s, xt);
            K.SubtractScalar(xt, mean, xt);
            K.Scale(s, xt, xt);
            Merge(s, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // Helpers
    //

    /// <summary>f(a) + (f′(a)·b)ε for one of the elementwise functions, f′ from <see cref="ElementwiseDerivatives{T}"/>.</summary>
    private static void Function(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination, ElementwiseFunction kind)
    {
        int n = x.Length;
        T[] buffer = Rent(5 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), z = buffer.AsSpan(2 * n, n), d = buffer.AsSpan(3 * n, n), t = buffer.AsSpan(4 * n, n);
            Split(x, xv, xt);
            ReadOnlySpan<T> derivative = ValueAndDerivative(kind, xv, z, d);
            K.Scale(xt, derivative, t);
            Merge(z, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>z = f(xv) and f′(xv) (into <paramref name="d"/>, or z itself for exp): the value part of an elementwise
    /// function, the one place both the single-tangent and the lanes kernels compute it; the tangent is Scale(ẋ, f′).</summary>
    internal static ReadOnlySpan<T> ValueAndDerivative(ElementwiseFunction kind, ReadOnlySpan<T> xv, Span<T> z, Span<T> d)
    {
        KernelDispatch<T> k = K;
        switch (kind)
        {
            case ElementwiseFunction.Exp:
                k.Exp(xv, z);
                break;
            case ElementwiseFunction.Log:
                k.Log(xv, z);
                break;
            case ElementwiseFunction.Tanh:
                k.Tanh(xv, z);
                break;
            case ElementwiseFunction.Sigmoid:
                k.Sigmoid(xv, z);
                break;
            case ElementwiseFunction.Softplus:
                k.Softplus(xv, z);
                break;
            default:
                k.Square(xv, z);
                break;
        }

        return ElementwiseDerivatives<T>.Of(kind, xv, z, d);
    }

    /// <summary>(x ± y) + (ẋ ± ẏ)ε.</summary>
    private static void Linear(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination, bool subtract)
    {
        int n = x.Length;
        T[] buffer = Rent(4 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            if (subtract)
            {
                K.Subtract(xv, yv, xv);
                K.Subtract(xt, yt, xt);
            }
            else
            {
                K.Add(xv, yv, xv);
                K.Add(xt, yt, xt);
            }

            Merge(xv, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>(±xᵢ + y) + (±ẋᵢ + ẏ)ε.</summary>
    private static void Shift(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination, bool negate)
    {
        if (Interleaved.IsSupported)
        {
            Interleaved.Shift(x, y, destination, negate);
            return;
        }

        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = negate ? y - x[i] : x[i] + y;
            }

            return;
        }

        int n = x.Length;
        T[] buffer = Rent(2 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n);
            Split(x, xv, xt);
            if (negate)
            {
                K.ScalarSubtract(y.Value, xv, xv);
                K.ScalarSubtract(y.Tangent, xt, xt);
            }
            else
            {
                K.AddScalar(xv, y.Value, xv);
                K.AddScalar(xt, y.Tangent, xt);
            }

            Merge(xv, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>yᵣ = Σ Scale(Aᵣₖ, xₖ): a plain product, redone row by row only where it made NaN.</summary>
    private static void ScaledMatrixVector(ReadOnlySpan<T> a, int rows, int columns, ReadOnlySpan<T> x, Span<T> y)
    {
        if (AllZero(x))
        {
            y.Clear();
            return;
        }

        K.MatrixVector(a, rows, columns, x, y);
        for (int r = 0; r < rows; r++)
        {
            if (T.IsNaN(y[r]))
            {
                y[r] = K.ScaleDot(a.Slice(r * columns, columns), x);
            }
        }
    }

    /// <summary>C = A·B with propagation products, redone with scalars only when the plain product made NaN.</summary>
    private static void ScaledMatrixMultiply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        K.MatrixMultiply(a, b, c, m, k, n);
        for (int i = 0; i < c.Length; i++)
        {
            if (T.IsNaN(c[i]))
            {
                int row = i / n, column = i % n;
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    sum += Propagation.Scale(a[(row * k) + p], b[(p * n) + column]);
                }

                c[i] = sum;
            }
        }
    }

    internal static bool AllZero(ReadOnlySpan<T> x)
    {
        foreach (T v in x)
        {
            if (!Propagation.IsZero(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Values and tangents into their own spans; whether every tangent is zero (a constant operand), found
    /// in the same pass.</summary>
    private static bool Split(ReadOnlySpan<Dual<T>> x, Span<T> values, Span<T> tangents) => DualSpans<T>.Split(x, values, tangents);

    private static void Merge(ReadOnlySpan<T> values, ReadOnlySpan<T> tangents, Span<Dual<T>> destination) => DualSpans<T>.Merge(values, tangents, destination);

    private static T[] Rent(int length) => ArrayPool<T>.Shared.Rent(Math.Max(1, length));

    private static void Return(T[] buffer) => ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
