using System.Numerics;

namespace DualAutodiff;

internal sealed partial class PlainKernels<T>
{
    //
    // Data matrices: at double the doubles are a span of T, read in place; other plain types convert (the defaults)
    //

    private static readonly bool s_isDouble = typeof(T) == typeof(double);

    public override void MatrixVectorData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> destination)
    {
        if (s_isDouble)
        {
            MatrixVector(Kernels.As<T>(matrix.Span), rows, columns, x, destination);
            return;
        }

        base.MatrixVectorData(matrix, rows, columns, x, destination);
    }

    public override void MatrixMultiplyData(ReadOnlySpan<T> a, ReadOnlyMemory<double> b, Span<T> destination, int m, int k, int n)
    {
        if (s_isDouble)
        {
            MatrixMultiply(a, Kernels.As<T>(b.Span), destination, m, k, n);
            return;
        }

        base.MatrixMultiplyData(a, b, destination, m, k, n);
    }

    public override void MatrixMultiplyData(ReadOnlyMemory<double> a, ReadOnlySpan<T> b, Span<T> destination, int m, int k, int n)
    {
        if (s_isDouble)
        {
            MatrixMultiply(Kernels.As<T>(a.Span), b, destination, m, k, n);
            return;
        }

        base.MatrixMultiplyData(a, b, destination, m, k, n);
    }

    public override void TransposeMultiplyAddData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<T> g, Span<T> acc)
    {
        if (s_isDouble)
        {
            TransposeMultiplyAdd(Kernels.As<T>(matrix.Span), rows, columns, g, acc);
            return;
        }

        base.TransposeMultiplyAddData(matrix, rows, columns, g, acc);
    }

    public override void MultiplyTransposedAddData(ReadOnlySpan<T> g, ReadOnlyMemory<double> b, Span<T> acc, int m, int k, int n)
    {
        if (s_isDouble)
        {
            MultiplyTransposedAdd(g, Kernels.As<T>(b.Span), acc, m, k, n);
            return;
        }

        base.MultiplyTransposedAddData(g, b, acc, m, k, n);
    }

    public override void TransposedMultiplyAddData(ReadOnlyMemory<double> a, ReadOnlySpan<T> g, Span<T> acc, int m, int k, int n)
    {
        if (s_isDouble)
        {
            TransposedMultiplyAdd(Kernels.As<T>(a.Span), g, acc, m, k, n);
            return;
        }

        base.TransposedMultiplyAddData(a, g, acc, m, k, n);
    }
}
