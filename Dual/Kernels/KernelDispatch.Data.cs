using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

internal abstract partial class KernelDispatch<T>
{
    //
    // Products with a constant data matrix of doubles (kept by reference where a tape records them). The defaults
    // convert the data to T and run the kernels above: correct at every type; double, Dual and Var override them.
    //

    /// <summary>y = D·x for a row-major rows×columns data matrix D.</summary>
    public virtual void MatrixVectorData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> destination)
    {
        T[] d = Convert(matrix.Span);
        try
        {
            MatrixVector(d.AsSpan(0, matrix.Length), rows, columns, x, destination);
        }
        finally
        {
            Release(d);
        }
    }

    /// <summary>C = A·D for A (m×k) and a data matrix D (k×n).</summary>
    public virtual void MatrixMultiplyData(ReadOnlySpan<T> a, ReadOnlyMemory<double> b, Span<T> destination, int m, int k, int n)
    {
        T[] d = Convert(b.Span);
        try
        {
            MatrixMultiply(a, d.AsSpan(0, b.Length), destination, m, k, n);
        }
        finally
        {
            Release(d);
        }
    }

    /// <summary>C = D·B for a data matrix D (m×k) and B (k×n).</summary>
    public virtual void MatrixMultiplyData(ReadOnlyMemory<double> a, ReadOnlySpan<T> b, Span<T> destination, int m, int k, int n)
    {
        T[] d = Convert(a.Span);
        try
        {
            MatrixMultiply(d.AsSpan(0, a.Length), b, destination, m, k, n);
        }
        finally
        {
            Release(d);
        }
    }

    /// <summary>acc += Dᵀ·g for a row-major rows×columns data matrix D (the backward of <see cref="MatrixVectorData"/>).</summary>
    public virtual void TransposeMultiplyAddData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<T> g, Span<T> acc)
    {
        T[] d = Convert(matrix.Span);
        try
        {
            TransposeMultiplyAdd(d.AsSpan(0, matrix.Length), rows, columns, g, acc);
        }
        finally
        {
            Release(d);
        }
    }

    /// <summary>Ā += G·Dᵀ for G (m×n) and a data matrix D (k×n), Ā (m×k) (the backward of C = A·D).</summary>
    public virtual void MultiplyTransposedAddData(ReadOnlySpan<T> g, ReadOnlyMemory<double> b, Span<T> acc, int m, int k, int n)
    {
        T[] d = Convert(b.Span);
        try
        {
            MultiplyTransposedAdd(g, d.AsSpan(0, b.Length), acc, m, k, n);
        }
        finally
        {
            Release(d);
        }
    }

    /// <summary>B̄ += Dᵀ·G for a data matrix D (m×k) and G (m×n), B̄ (k×n) (the backward of C = D·B).</summary>
    public virtual void TransposedMultiplyAddData(ReadOnlyMemory<double> a, ReadOnlySpan<T> g, Span<T> acc, int m, int k, int n)
    {
        T[] d = Convert(a.Span);
        try
        {
            TransposedMultiplyAdd(d.AsSpan(0, a.Length), g, acc, m, k, n);
        }
        finally
        {
            Release(d);
        }
    }

    /// <summary>The data as constants of <typeparamref name="T"/>, in a pooled buffer.</summary>
    private static T[] Convert(ReadOnlySpan<double> data)
    {
        T[] buffer = ArrayPool<T>.Shared.Rent(Math.Max(1, data.Length));
        for (int i = 0; i < data.Length; i++)
        {
            buffer[i] = T.CreateChecked(data[i]);
        }

        return buffer;
    }

    private static void Release(T[] buffer) => ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
