using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// Array kernels over spans, named and shaped as <c>System.Numerics.Tensors.TensorPrimitives</c>, generic over every
/// scalar the library supports: at <see cref="double"/> and <see cref="float"/> they are TensorPrimitives' SIMD kernels;
/// at <see cref="Dual{T}"/> value and tangent kernels at <c>T</c>; at <c>Var&lt;T&gt;</c> one tape record per call
/// (plus one adjoint slot per output) whose backward is a kernel at <c>T</c> too. Nested types compose:
/// <c>Var&lt;Dual&lt;double&gt;&gt;</c> (forward-over-reverse) gives exact H·v with SIMD sweeps.
/// </summary>
/// <remarks>
/// <para>Write a loss once with kernels (<c>Kernels.Dot(row, w)</c>) and every mode runs array code instead of one
/// record per element. Spans may hold constants and variables mixed; constant operands (a data matrix) cost nothing
/// in the backward sweep but their values.</para>
/// <para>Aliasing follows TensorPrimitives: an elementwise kernel's destination may be one of its inputs exactly
/// (the same start and length), never a partial overlap; a matrix kernel's destination must not overlap its inputs.
/// Lengths are checked and a mismatch throws <see cref="ArgumentException"/> naming the parameter.</para>
/// <para>Derivatives use the library's 0·∞ = 0 rule (<see cref="Propagation.Scale{T}"/>): a zero tangent or adjoint
/// never creates NaN, also where an input is infinite.</para>
/// </remarks>
public static partial class Kernels
{
    //
    // Reductions
    //

    /// <summary>The dot product Σ xᵢ·yᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as <paramref name="x"/>.</param>
    /// <returns>x·y (0 for empty spans).</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : IFloatingPointIeee754<T>
    {
        SameLength(x.Length, y.Length, nameof(y));
        return KernelDispatch<T>.Instance.Dot(x, y);
    }

    /// <summary>The sum Σ xᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The vector.</param>
    /// <returns>Σ xᵢ (0 for an empty span).</returns>
    public static T Sum<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => KernelDispatch<T>.Instance.Sum(x);

    /// <summary>The sum of squares Σ xᵢ².</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The vector.</param>
    /// <returns>Σ xᵢ² (0 for an empty span).</returns>
    public static T SumOfSquares<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => KernelDispatch<T>.Instance.SumOfSquares(x);

    /// <summary>The Euclidean norm ‖x‖ = √(Σ xᵢ²).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The vector.</param>
    /// <returns>‖x‖ (0 for an empty span).</returns>
    /// <remarks>∂‖x‖/∂x = x/‖x‖; at x = 0 the derivative along a zero tangent is 0 (the 0·∞ = 0 rule), as for
    /// <c>Sqrt(SumOfSquares(x))</c> written with scalars.</remarks>
    public static T Norm<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => KernelDispatch<T>.Instance.Norm(x);

    /// <summary>log Σ exp(xᵢ), overflow-safe (the maximum is factored out).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The vector.</param>
    /// <returns>log Σ exp(xᵢ): −∞ for an empty span or all −∞, +∞ when any xᵢ is +∞, NaN when any is NaN.</returns>
    /// <remarks>∂/∂xᵢ = softmax(x)ᵢ. One tape record at <c>Var</c>, like <see cref="Special.LogSumExp{T}"/>.</remarks>
    public static T LogSumExp<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => KernelDispatch<T>.Instance.LogSumExp(x);

    //
    // Elementwise, two spans
    //

    /// <summary>destinationᵢ = xᵢ + yᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The first addends.</param>
    /// <param name="y">The second addends, as many as <paramref name="x"/>.</param>
    /// <param name="destination">Receives the sums; at least as long as <paramref name="x"/>, and may be
    /// <paramref name="x"/> or <paramref name="y"/> exactly.</param>
    /// <exception cref="ArgumentException">A length mismatch, a destination too short, or a partial overlap.</exception>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Binary(x, y, destination);
        KernelDispatch<T>.Instance.Add(x, y, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = xᵢ − yᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The minuends.</param>
    /// <param name="y">The subtrahends, as many as <paramref name="x"/>.</param>
    /// <param name="destination">Receives the differences (may be an input exactly).</param>
    /// <exception cref="ArgumentException">A length mismatch, a destination too short, or a partial overlap.</exception>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Binary(x, y, destination);
        KernelDispatch<T>.Instance.Subtract(x, y, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = xᵢ·yᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The first factors.</param>
    /// <param name="y">The second factors, as many as <paramref name="x"/>.</param>
    /// <param name="destination">Receives the products (may be an input exactly).</param>
    /// <exception cref="ArgumentException">A length mismatch, a destination too short, or a partial overlap.</exception>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Binary(x, y, destination);
        KernelDispatch<T>.Instance.Multiply(x, y, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = xᵢ / yᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The dividends.</param>
    /// <param name="y">The divisors, as many as <paramref name="x"/>.</param>
    /// <param name="destination">Receives the quotients (may be an input exactly).</param>
    /// <exception cref="ArgumentException">A length mismatch, a destination too short, or a partial overlap.</exception>
    public static void Divide<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Binary(x, y, destination);
        KernelDispatch<T>.Instance.Divide(x, y, destination[..x.Length]);
    }

    //
    // Elementwise, a span and a scalar
    //

    /// <summary>destinationᵢ = xᵢ + y.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The addends.</param>
    /// <param name="y">The scalar added to each.</param>
    /// <param name="destination">Receives the sums (may be <paramref name="x"/> exactly).</param>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Add<T>(ReadOnlySpan<T> x, T y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.AddScalar(x, y, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = xᵢ − y.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The minuends.</param>
    /// <param name="y">The scalar subtracted from each.</param>
    /// <param name="destination">Receives the differences (may be <paramref name="x"/> exactly).</param>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Subtract<T>(ReadOnlySpan<T> x, T y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.SubtractScalar(x, y, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = x − yᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The scalar minuend.</param>
    /// <param name="y">The subtrahends.</param>
    /// <param name="destination">Receives the differences (may be <paramref name="y"/> exactly).</param>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Subtract<T>(T x, ReadOnlySpan<T> y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(y, destination, nameof(y));
        KernelDispatch<T>.Instance.ScalarSubtract(x, y, destination[..y.Length]);
    }

    /// <summary>destinationᵢ = xᵢ·y.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The factors.</param>
    /// <param name="y">The scalar factor.</param>
    /// <param name="destination">Receives the products (may be <paramref name="x"/> exactly).</param>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Multiply<T>(ReadOnlySpan<T> x, T y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.MultiplyScalar(x, y, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = xᵢ / y.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The dividends.</param>
    /// <param name="y">The scalar divisor.</param>
    /// <param name="destination">Receives the quotients (may be <paramref name="x"/> exactly).</param>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Divide<T>(ReadOnlySpan<T> x, T y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(x, destination);
        KernelDispatch<T>.Instance.DivideScalar(x, y, destination[..x.Length]);
    }

    /// <summary>destinationᵢ = x / yᵢ.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The scalar dividend.</param>
    /// <param name="y">The divisors.</param>
    /// <param name="destination">Receives the quotients (may be <paramref name="y"/> exactly).</param>
    /// <exception cref="ArgumentException">A destination too short, or a partial overlap.</exception>
    public static void Divide<T>(T x, ReadOnlySpan<T> y, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Unary(y, destination, nameof(y));
        KernelDispatch<T>.Instance.ScalarDivide(x, y, destination[..y.Length]);
    }

    //
    // Argument checks
    //

    private static void SameLength(int expected, int actual, string name)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"Length mismatch: '{name}' has {actual} elements, {expected} expected.", name);
        }
    }

    private static void Binary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
    {
        SameLength(x.Length, y.Length, nameof(y));
        Unary(x, destination);
        NoPartialOverlap(y, destination);
    }

    private static void Unary<T>(ReadOnlySpan<T> x, Span<T> destination, string name = "x")
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException($"Destination is too short: {destination.Length} elements for {x.Length} in '{name}'.", nameof(destination));
        }

        NoPartialOverlap(x, destination);
    }

    /// <summary>TensorPrimitives' rule: an input may be the destination exactly, never overlap it otherwise.</summary>
    private static void NoPartialOverlap<T>(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (x.Overlaps(destination, out int offset) && offset != 0)
        {
            throw new ArgumentException("The destination overlaps an input span without starting at the same element; only an exact alias is allowed.", nameof(destination));
        }
    }

    private static void NoOverlap<T>(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (x.Overlaps(destination))
        {
            throw new ArgumentException("The destination of a matrix kernel must not overlap its inputs.", nameof(destination));
        }
    }
}
