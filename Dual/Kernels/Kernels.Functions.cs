using System.Numerics;

namespace DualAutodiff;

public static partial class Kernels
{
    //
    // Elementwise functions
    //

    /// <summary>destinationᵢ = exp(xᵢ).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results (may be <paramref name="x"/> exactly).</param>
    /// <remarks>d/dx exp x = exp x.</remarks>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.Exp(x, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = log(xᵢ), the natural logarithm.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results (may be <paramref name="x"/> exactly).</param>
    /// <remarks>d/dx log x = 1/x.</remarks>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Log<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.Log(x, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = tanh(xᵢ).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results (may be <paramref name="x"/> exactly).</param>
    /// <remarks>d/dx tanh x = 1 − tanh² x.</remarks>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.Tanh(x, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = σ(xᵢ) = 1/(1 + e^−xᵢ).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results (may be <paramref name="x"/> exactly).</param>
    /// <remarks>σ′ = σ·(1 − σ).</remarks>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        if (x.IsEmpty)
        {
            return;
        }

        KernelDispatch<T>.Instance.Sigmoid(x, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = log(1 + e^xᵢ), overflow-safe: max(x, 0) + log1p(e^−|x|).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results (may be <paramref name="x"/> exactly).</param>
    /// <remarks>d/dx softplus x = σ(x).</remarks>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Softplus<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.Softplus(x, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = xᵢ².</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the squares (may be <paramref name="x"/> exactly).</param>
    /// <remarks>d/dx x² = 2x.</remarks>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Square<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.Square(x, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x), the softmax, overflow-safe.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the probabilities (may be <paramref name="x"/> exactly).</param>
    /// <remarks>∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ), so the backward is x̄ = s ⊙ (s̄ − s̄·s). Unlike TensorPrimitives.SoftMax
    /// the maximum is subtracted first, so large inputs do not overflow.</remarks>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void SoftMax<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.SoftMax(x, destination[..x.Length]);
    }

    //
    // Matrices (row-major spans)
    //

    /// <summary>y = A·x for a row-major <paramref name="rows"/>×<paramref name="columns"/> matrix A.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="matrix">A, row-major: element (r, c) at r·columns + c; exactly rows·columns elements.</param>
    /// <param name="rows">m, the number of rows.</param>
    /// <param name="columns">n, the number of columns.</param>
    /// <param name="x">x, n elements.</param>
    /// <param name="destination">Receives y, at least m elements; must not overlap the inputs.</param>
    /// <remarks>Backward: Ā += ȳ·xᵀ, x̄ += Aᵀ·ȳ. At <c>Var</c> one record plus m adjoint slots.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    /// <exception cref="ArgumentException">A span whose length does not match the dimensions, or an overlap.</exception>
    public static void MatrixVector<T>(ReadOnlySpan<T> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        SameLength((long)rows * columns > int.MaxValue ? -1 : rows * columns, matrix.Length, nameof(matrix));
        SameLength(columns, x.Length, nameof(x));
        if (destination.Length < rows)
        {
            throw new ArgumentException($"Destination is too short: {destination.Length} elements for {rows} rows.", nameof(destination));
        }

        Span<T> y = destination[..rows];
        NoOverlap(matrix, y);
        NoOverlap(x, y);
        KernelDispatch<T>.Instance.MatrixVector(matrix, rows, columns, x, y);
    }

    /// <summary>C = A·B for row-major A (m×k) and B (k×n), C (m×n).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="a">A, row-major, m·k elements.</param>
    /// <param name="b">B, row-major, k·n elements.</param>
    /// <param name="destination">Receives C, at least m·n elements; must not overlap the inputs.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <remarks>Backward: Ā += C̄·Bᵀ, B̄ += Aᵀ·C̄. At <c>Var</c> one record plus m·n adjoint slots.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    /// <exception cref="ArgumentException">A span whose length does not match the dimensions, or an overlap.</exception>
    public static void MatrixMultiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, int m, int k, int n)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        SameLength(Product(m, k), a.Length, nameof(a));
        SameLength(Product(k, n), b.Length, nameof(b));
        int size = Product(m, n);
        if (size < 0 || destination.Length < size)
        {
            throw new ArgumentException($"Destination is too short: {destination.Length} elements for {m}×{n}.", nameof(destination));
        }

        Span<T> c = destination[..size];
        NoOverlap(a, c);
        NoOverlap(b, c);
        KernelDispatch<T>.Instance.MatrixMultiply(a, b, c, m, k, n);
    }

    /// <summary>p·q, or −1 when it overflows int (so no length matches).</summary>
    private static int Product(int p, int q) => (long)p * q > int.MaxValue ? -1 : p * q;
}
