using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public static partial class Kernels
{
    //
    // Matrices of constant data (doubles kept by reference)
    //

    /// <summary>y = A·x for a constant row-major <paramref name="rows"/>×<paramref name="columns"/> data matrix A of
    /// doubles (a design matrix, a batch of samples): PyTorch's <c>A @ w</c> with a tensor that does not require grad.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="matrix">A, row-major: element (r, c) at r·columns + c; exactly rows·columns elements.</param>
    /// <param name="rows">m, the number of rows.</param>
    /// <param name="columns">n, the number of columns.</param>
    /// <param name="x">x, n elements.</param>
    /// <param name="destination">Receives y, at least m elements.</param>
    /// <remarks>
    /// <para>The same product as <see cref="MatrixVector{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, Span{T})"/> with a
    /// matrix of constants, without converting the data to <typeparamref name="T"/>: at <c>Var</c> the tape keeps a
    /// reference to <paramref name="matrix"/> instead of a copy of its values, and the backward x̄ += Aᵀ·ȳ reads the
    /// doubles again (8 bytes an element, not a 16-byte constant <c>Var</c> copied on every call).</para>
    /// <para>So the data must not change while the recording is in use: from the call until the gradient (or H·v, or
    /// VJP) is returned, and for the lifetime of a kept recording (<c>Hvp.Linearize</c>, <c>Reverse.Linearize</c>).
    /// Changing it in between gives derivatives of the new data with values of the old.</para>
    /// <para>For a <typeparamref name="T"/> whose values are not doubles (<see cref="float"/>, <c>Dual&lt;float&gt;</c>)
    /// the data is converted element by element (correct, not fast).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    /// <exception cref="ArgumentException">A length that does not match the dimensions, or (at double) an overlap.</exception>
    public static void MatrixVector<T>(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            MatrixVector(As<T>(matrix.Span), rows, columns, x, destination);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        SameLength(Product(rows, columns), matrix.Length, nameof(matrix));
        SameLength(columns, x.Length, nameof(x));
        if (destination.Length < rows)
        {
            throw new ArgumentException($"Destination is too short: {destination.Length} elements for {rows} rows.", nameof(destination));
        }

        Span<T> y = destination[..rows];
        NoOverlap(x, y);
        KernelDispatch<T>.Instance.MatrixVectorData(matrix, rows, columns, x, y);
    }

    /// <summary>C = A·B for row-major A (m×k) of <typeparamref name="T"/> and a constant row-major data matrix B (k×n)
    /// of doubles, C (m×n): a layer's weights times a batch of inputs.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="a">A, row-major, m·k elements.</param>
    /// <param name="b">B, row-major, k·n doubles, kept by reference (see the remarks).</param>
    /// <param name="destination">Receives C, at least m·n elements; must not overlap <paramref name="a"/>.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <remarks>The same product as <see cref="MatrixMultiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/>
    /// with B constant, the data not converted to <typeparamref name="T"/>; at <c>Var</c> the tape keeps a reference to
    /// <paramref name="b"/> for the backward Ā += C̄·Bᵀ, so the data must not change while the recording is in use (as
    /// for <see cref="MatrixVector{T}(ReadOnlyMemory{double}, int, int, ReadOnlySpan{T}, Span{T})"/>).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    /// <exception cref="ArgumentException">A length that does not match the dimensions, or an overlap.</exception>
    public static void MatrixMultiply<T>(ReadOnlySpan<T> a, ReadOnlyMemory<double> b, Span<T> destination, int m, int k, int n)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            MatrixMultiply(a, As<T>(b.Span), destination, m, k, n);
            return;
        }

        Span<T> c = ProductShape(a.Length, b.Length, destination, m, k, n);
        NoOverlap(a, c);
        KernelDispatch<T>.Instance.MatrixMultiplyData(a, b, c, m, k, n);
    }

    /// <summary>C = A·B for a constant row-major data matrix A (m×k) of doubles and row-major B (k×n) of
    /// <typeparamref name="T"/>, C (m×n).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="a">A, row-major, m·k doubles, kept by reference (see the remarks).</param>
    /// <param name="b">B, row-major, k·n elements.</param>
    /// <param name="destination">Receives C, at least m·n elements; must not overlap <paramref name="b"/>.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <remarks>The same product as <see cref="MatrixMultiply{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, int, int)"/>
    /// with A constant; at <c>Var</c> the tape keeps a reference to <paramref name="a"/> for the backward B̄ += Aᵀ·C̄, so
    /// the data must not change while the recording is in use.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    /// <exception cref="ArgumentException">A length that does not match the dimensions, or an overlap.</exception>
    public static void MatrixMultiply<T>(ReadOnlyMemory<double> a, ReadOnlySpan<T> b, Span<T> destination, int m, int k, int n)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            MatrixMultiply(As<T>(a.Span), b, destination, m, k, n);
            return;
        }

        Span<T> c = ProductShape(a.Length, b.Length, destination, m, k, n);
        NoOverlap(b, c);
        KernelDispatch<T>.Instance.MatrixMultiplyData(a, b, c, m, k, n);
    }

    /// <summary>The doubles as a span of <typeparamref name="T"/>, which is <see cref="double"/>.</summary>
    internal static ReadOnlySpan<T> As<T>(ReadOnlySpan<double> data) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<double, T>(ref MemoryMarshal.GetReference(data)), data.Length);

    /// <summary>Checks the shapes of C = A·B (A m×k, B k×n) and returns C's span in <paramref name="destination"/>.</summary>
    private static Span<T> ProductShape<T>(int aLength, int bLength, Span<T> destination, int m, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        SameLength(Product(m, k), aLength, "a");
        SameLength(Product(k, n), bLength, "b");
        int size = Product(m, n);
        if (size < 0 || destination.Length < size)
        {
            throw new ArgumentException($"Destination is too short: {destination.Length} elements for {m}×{n}.", nameof(destination));
        }

        return destination[..size];
    }
}
