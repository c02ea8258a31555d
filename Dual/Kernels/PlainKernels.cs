using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DualAutodiff;

/// <summary>The kernels of a plain scalar type: TensorPrimitives' (SIMD for <see cref="double"/> and
/// <see cref="float"/>, scalar loops for other types), plus the few TensorPrimitives does not have, composed of its
/// kernels.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal sealed partial class PlainKernels<T> : KernelDispatch<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Elements per chunk of the checked propagation kernels (a few kilobytes: the first-level cache).</summary>
    private const int Chunk = 1024;

    /// <summary>Whether <see cref="ScaleAdd"/> runs as one vector pass (double and float, 256- or 512-bit vectors).</summary>
    private static readonly bool s_vectorScaleAdd = (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        && (Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated);

    public override T Dot(ReadOnlySpan<T> x, ReadOnlySpan<T> y) => TensorPrimitives.Dot(x, y);

    public override T Sum(ReadOnlySpan<T> x) => TensorPrimitives.Sum(x);

    public override T SumOfSquares(ReadOnlySpan<T> x) => TensorPrimitives.SumOfSquares(x);

    public override T Norm(ReadOnlySpan<T> x) => TensorPrimitives.Norm(x);

    public override T LogSumExp(ReadOnlySpan<T> x)
    {
        if (x.IsEmpty)
        {
            return T.NegativeInfinity;
        }

        T max = TensorPrimitives.Max(x);
        if (!T.IsFinite(max))
        {
            // NaN (Max propagates it), +∞, or all −∞
            return max;
        }

        T[] buffer = ArrayPool<T>.Shared.Rent(x.Length);
        try
        {
            Span<T> e = buffer.AsSpan(0, x.Length);
            TensorPrimitives.Subtract(x, max, e);
            TensorPrimitives.Exp(e, e);
            return max + T.Log(TensorPrimitives.Sum<T>(e));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    public override void Add(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Add(x, y, destination);

    public override void Subtract(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Subtract(x, y, destination);

    public override void Multiply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Multiply(x, y, destination);

    public override void Divide(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Divide(x, y, destination);

    public override void AddScalar(ReadOnlySpan<T> x, T y, Span<T> destination) => TensorPrimitives.Add(x, y, destination);

    public override void SubtractScalar(ReadOnlySpan<T> x, T y, Span<T> destination) => TensorPrimitives.Subtract(x, y, destination);

    public override void ScalarSubtract(T x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Subtract(x, y, destination);

    public override void MultiplyScalar(ReadOnlySpan<T> x, T y, Span<T> destination) => TensorPrimitives.Multiply(x, y, destination);

    public override void DivideScalar(ReadOnlySpan<T> x, T y, Span<T> destination) => TensorPrimitives.Divide(x, y, destination);

    public override void ScalarDivide(T x, ReadOnlySpan<T> y, Span<T> destination) => TensorPrimitives.Divide(x, y, destination);

    public override void Exp(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Exp(x, destination);

    public override void Log(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Log(x, destination);

    public override void Tanh(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Tanh(x, destination);

    public override void Sigmoid(ReadOnlySpan<T> x, Span<T> destination)
    {
        // TensorPrimitives.Sigmoid refuses empty spans
        if (!x.IsEmpty)
        {
            TensorPrimitives.Sigmoid(x, destination);
        }
    }

    public override void Softplus(ReadOnlySpan<T> x, Span<T> destination)
    {
        // max(x, 0) + log1p(e^−|x|): no overflow for large x, no loss for very negative x
        T[] buffer = ArrayPool<T>.Shared.Rent(x.Length);
        try
        {
            Span<T> positive = buffer.AsSpan(0, x.Length);
            TensorPrimitives.Max(x, T.Zero, positive);
            TensorPrimitives.Abs(x, destination);
            TensorPrimitives.Negate<T>(destination, destination);
            TensorPrimitives.Exp<T>(destination, destination);
            TensorPrimitives.LogP1<T>(destination, destination);
            TensorPrimitives.Add<T>(destination, positive, destination);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    public override void Square(ReadOnlySpan<T> x, Span<T> destination) => TensorPrimitives.Multiply(x, x, destination);

    public override void SoftMax(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (x.IsEmpty)
        {
            return;
        }

        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Exp<T>(destination, destination);
        T sum = TensorPrimitives.Sum<T>(destination);
        TensorPrimitives.Divide<T>(destination, sum, destination);
    }

    public override void MatrixVector(ReadOnlySpan<T> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            destination[r] = TensorPrimitives.Dot(matrix.Slice(r * columns, columns), x);
        }
    }

    public override void MatrixMultiply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, int m, int k, int n)
    {
        if (Gemm<T>.IsSupported)
        {
            destination[..(m * n)].Clear();
            Gemm<T>.MultiplyAdd(a, b, destination, m, k, n);
            return;
        }

        // Row i of C is Σₚ aᵢₚ·(row p of B): axpy over contiguous rows, which vectorises.
        for (int i = 0; i < m; i++)
        {
            Span<T> c = destination.Slice(i * n, n);
            c.Clear();
            for (int p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), a[(i * k) + p], c, c);
            }
        }
    }

    public override void Scale(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
    {
        if (x.Overlaps(destination) || y.Overlaps(destination))
        {
            // the fix-up below reads the inputs after the product is written
            T[] buffer = ArrayPool<T>.Shared.Rent(destination.Length);
            try
            {
                Span<T> product = buffer.AsSpan(0, destination.Length);
                Scale(x, y, product);
                product.CopyTo(destination);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }

            return;
        }

        // chunk by chunk, so the check reads what the product just wrote while it is in the first-level cache
        for (int start = 0; start < destination.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, destination.Length - start);
            Span<T> d = destination.Slice(start, length);
            TensorPrimitives.Multiply(x.Slice(start, length), y.Slice(start, length), d);
            if (TensorPrimitives.IsNaNAny<T>(d))
            {
                // only a 0·∞ (or a NaN input) makes NaN; redo those with the propagation product
                for (int i = start; i < start + length; i++)
                {
                    destination[i] = Propagation.Scale(x[i], y[i]);
                }
            }
        }
    }

    public override void ScaleScalar(ReadOnlySpan<T> x, T y, Span<T> destination)
    {
        if (x.Overlaps(destination))
        {
            T[] buffer = ArrayPool<T>.Shared.Rent(destination.Length);
            try
            {
                Span<T> product = buffer.AsSpan(0, destination.Length);
                ScaleScalar(x, y, product);
                product.CopyTo(destination);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buffer);
            }

            return;
        }

        for (int start = 0; start < destination.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, destination.Length - start);
            Span<T> d = destination.Slice(start, length);
            TensorPrimitives.Multiply(x.Slice(start, length), y, d);
            if (TensorPrimitives.IsNaNAny<T>(d))
            {
                for (int i = start; i < start + length; i++)
                {
                    destination[i] = Propagation.Scale(x[i], y);
                }
            }
        }
    }

    public override T ScaleDot(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        T dot = TensorPrimitives.Dot(x, y);
        if (!T.IsNaN(dot))
        {
            return dot;
        }

        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Propagation.Scale(x[i], y[i]);
        }

        return sum;
    }

    public override void ScaleAdd(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> acc)
    {
        if (s_vectorScaleAdd)
        {
            ScaleAddVectors(x, y, acc, doubled: false);
            return;
        }

        // finite factors cannot meet 0·∞: the plain pass is the propagation product; checked chunk by chunk, so the
        // product reads the factors from the first-level cache the check brought them to
        for (int start = 0; start < acc.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, acc.Length - start);
            ReadOnlySpan<T> xs = x.Slice(start, length), ys = y.Slice(start, length);
            Span<T> a = acc.Slice(start, length);
            if (TensorPrimitives.IsFiniteAll(xs) && TensorPrimitives.IsFiniteAll(ys))
            {
                TensorPrimitives.MultiplyAdd(xs, ys, a, a);
                continue;
            }

            for (int i = 0; i < length; i++)
            {
                a[i] += Propagation.Scale(xs[i], ys[i]);
            }
        }
    }

    /// <summary>accᵢ += Scale(xᵢ, yᵢ) in one pass, or Scale(xᵢ, yᵢ + yᵢ) when <paramref name="doubled"/>: the plain
    /// products, with the lanes where a zero factor made NaN (0·∞, 0·NaN) set to +0 as <see cref="Propagation.Scale{T}"/>
    /// does; the same sums as the plain pass, bit for bit. With <paramref name="assign"/> acc is not read: each sum
    /// starts from +0 (bit for bit a cleared acc, −0 products included).</summary>
    private static void ScaleAddVectors(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> acc, bool doubled, bool assign = false)
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T ar = ref MemoryMarshal.GetReference(acc);
        int n = acc.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // two vectors per step, every load before the stores (a store to acc and a later load of x at the same
            // offset modulo 4 KB would otherwise wait for each other)
            int c = Vector512<T>.Count;
            for (; i <= n - (2 * c); i += 2 * c)
            {
                Vector512<T> a0 = Vector512.LoadUnsafe(ref xr, (nuint)i), b0 = Vector512.LoadUnsafe(ref yr, (nuint)i);
                Vector512<T> a1 = Vector512.LoadUnsafe(ref xr, (nuint)(i + c)), b1 = Vector512.LoadUnsafe(ref yr, (nuint)(i + c));
                Vector512<T> s0 = assign ? Vector512<T>.Zero : Vector512.LoadUnsafe(ref ar, (nuint)i);
                Vector512<T> s1 = assign ? Vector512<T>.Zero : Vector512.LoadUnsafe(ref ar, (nuint)(i + c));
                if (doubled)
                {
                    b0 += b0;
                    b1 += b1;
                }

                (s0 + Product(a0, b0)).StoreUnsafe(ref ar, (nuint)i);
                (s1 + Product(a1, b1)).StoreUnsafe(ref ar, (nuint)(i + c));
            }

            for (; i <= n - c; i += c)
            {
                Vector512<T> a = Vector512.LoadUnsafe(ref xr, (nuint)i), b = Vector512.LoadUnsafe(ref yr, (nuint)i);
                ((assign ? Vector512<T>.Zero : Vector512.LoadUnsafe(ref ar, (nuint)i)) + Product(a, doubled ? b + b : b)).StoreUnsafe(ref ar, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> a = Vector256.LoadUnsafe(ref xr, (nuint)i), b = Vector256.LoadUnsafe(ref yr, (nuint)i);
                ((assign ? Vector256<T>.Zero : Vector256.LoadUnsafe(ref ar, (nuint)i)) + Product(a, doubled ? b + b : b)).StoreUnsafe(ref ar, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            T yi = Unsafe.Add(ref yr, i);
            Unsafe.Add(ref ar, i) = (assign ? T.Zero : Unsafe.Add(ref ar, i)) + Propagation.Scale(Unsafe.Add(ref xr, i), doubled ? yi + yi : yi);
        }
    }

    /// <summary>Scale(a, b) lane by lane: the product, +0 where a zero factor made NaN (0·∞, 0·NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Product(Vector512<T> a, Vector512<T> b)
    {
        Vector512<T> p = a * b;
        if (Vector512.EqualsAll(p, p))
        {
            return p;
        }

        Vector512<T> zeroFactor = Vector512.Equals(a, Vector512<T>.Zero) | Vector512.Equals(b, Vector512<T>.Zero);
        return Vector512.AndNot(p, Vector512.IsNaN(p) & zeroFactor);
    }

    /// <summary><see cref="Product(Vector512{T}, Vector512{T})"/> at 256 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Product(Vector256<T> a, Vector256<T> b)
    {
        Vector256<T> p = a * b;
        if (Vector256.EqualsAll(p, p))
        {
            return p;
        }

        Vector256<T> zeroFactor = Vector256.Equals(a, Vector256<T>.Zero) | Vector256.Equals(b, Vector256<T>.Zero);
        return Vector256.AndNot(p, Vector256.IsNaN(p) & zeroFactor);
    }

    /// <summary>Whether the fused passes below (<see cref="ScaleAddDoubled"/>, <see cref="AddAndSubtract"/>) run as vector passes.</summary>
    public static bool HasVectorPasses => s_vectorScaleAdd;

    /// <summary>accᵢ += Scale(gᵢ, xᵢ + xᵢ) in one vector pass (the backward of Square, ∂x²/∂x = 2x): bit for bit 2x
    /// into a span, then <see cref="ScaleAdd"/>.</summary>
    /// <param name="g">The adjoints.</param>
    /// <param name="x">The arguments.</param>
    /// <param name="acc">The sums (not overlapping the inputs).</param>
    /// <param name="assign">Whether acc starts from +0 (not read).</param>
    public static void ScaleAddDoubled(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> acc, bool assign = false) => ScaleAddVectors(g, x, acc, doubled: true, assign);

    /// <summary>accᵢ = +0 + Scale(xᵢ, y): bit for bit <see cref="ScaleAddScalar"/> into a cleared acc, without reading it.</summary>
    /// <param name="x">The values.</param>
    /// <param name="y">The factor.</param>
    /// <param name="acc">The sums (as long as x).</param>
    public static void ScaleInto(ReadOnlySpan<T> x, T y, Span<T> acc)
    {
        if (T.IsZero(y))
        {
            // Scale(x, 0) = 0 for every x, NaN and ∞ included
            acc.Clear();
            return;
        }

        int i = 0;
        if (T.IsFinite(y) && s_vectorScaleAdd)
        {
            // a finite nonzero factor makes NaN only from a NaN, as the propagation product does; + 0 makes −0 +0
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T ar = ref MemoryMarshal.GetReference(acc);
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<T> f = Vector512.Create(y);
                for (; i <= acc.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    (Vector512<T>.Zero + (Vector512.LoadUnsafe(ref xr, (nuint)i) * f)).StoreUnsafe(ref ar, (nuint)i);
                }
            }
            else
            {
                Vector256<T> f = Vector256.Create(y);
                for (; i <= acc.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    (Vector256<T>.Zero + (Vector256.LoadUnsafe(ref xr, (nuint)i) * f)).StoreUnsafe(ref ar, (nuint)i);
                }
            }
        }

        for (; i < acc.Length; i++)
        {
            acc[i] = T.Zero + Propagation.Scale(x[i], y);
        }
    }

    /// <summary>aᵢ += gᵢ and bᵢ −= gᵢ in one vector pass (the backward of a − b); a and b must not overlap.</summary>
    /// <param name="g">The adjoints.</param>
    /// <param name="a">The first sums.</param>
    /// <param name="b">The second sums.</param>
    /// <param name="assignA">Whether a starts from +0 (not read: aᵢ = +0 + gᵢ).</param>
    /// <param name="assignB">Whether b starts from +0 (not read: bᵢ = +0 − gᵢ).</param>
    public static void AddAndSubtract(ReadOnlySpan<T> g, Span<T> a, Span<T> b, bool assignA = false, bool assignB = false)
    {
        ref T gr = ref MemoryMarshal.GetReference(g);
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        int n = g.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int c = Vector512<T>.Count;
            for (; i <= n - c; i += c)
            {
                Vector512<T> gi = Vector512.LoadUnsafe(ref gr, (nuint)i);
                Vector512<T> ai = assignA ? Vector512<T>.Zero : Vector512.LoadUnsafe(ref ar, (nuint)i);
                Vector512<T> bi = assignB ? Vector512<T>.Zero : Vector512.LoadUnsafe(ref br, (nuint)i);
                (ai + gi).StoreUnsafe(ref ar, (nuint)i);
                (bi - gi).StoreUnsafe(ref br, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            int c = Vector256<T>.Count;
            for (; i <= n - c; i += c)
            {
                Vector256<T> gi = Vector256.LoadUnsafe(ref gr, (nuint)i);
                Vector256<T> ai = assignA ? Vector256<T>.Zero : Vector256.LoadUnsafe(ref ar, (nuint)i);
                Vector256<T> bi = assignB ? Vector256<T>.Zero : Vector256.LoadUnsafe(ref br, (nuint)i);
                (ai + gi).StoreUnsafe(ref ar, (nuint)i);
                (bi - gi).StoreUnsafe(ref br, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ar, i) = (assignA ? T.Zero : Unsafe.Add(ref ar, i)) + Unsafe.Add(ref gr, i);
            Unsafe.Add(ref br, i) = (assignB ? T.Zero : Unsafe.Add(ref br, i)) - Unsafe.Add(ref gr, i);
        }
    }

    public override void ScaleAddScalar(ReadOnlySpan<T> x, T y, Span<T> acc)
    {
        if (T.IsZero(y))
        {
            // Scale(x, 0) = 0 for every x, NaN and ∞ included
            return;
        }

        if (T.IsFinite(y))
        {
            // a finite nonzero factor makes NaN only from a NaN, as the propagation product does
            TensorPrimitives.MultiplyAdd(x, y, acc, acc);
            return;
        }

        for (int i = 0; i < acc.Length; i++)
        {
            acc[i] += Propagation.Scale(x[i], y);
        }
    }

    public override void TransposeMultiplyAdd(ReadOnlySpan<T> a, int rows, int columns, ReadOnlySpan<T> g, Span<T> acc)
    {
        if (Gemm<T>.IsSupported && TensorPrimitives.IsFiniteAll(g) && !TensorPrimitives.IsNaNAny<T>(acc))
        {
            // The blocked plain products, checked afterwards instead of a pass over A before: a plain product differs
            // from the propagation product only where it is NaN (0·∞, or a NaN in A), and a NaN reaches the sum, so
            // a result without NaN is exact; otherwise acc is restored and the rows are redone with the rule.
            T[] saved = ArrayPool<T>.Shared.Rent(Math.Max(1, acc.Length));
            try
            {
                acc.CopyTo(saved);
                Gemm<T>.TransposeMultiplyAdd(a, rows, columns, g, acc);
                if (!TensorPrimitives.IsNaNAny<T>(acc))
                {
                    return;
                }

                saved.AsSpan(0, acc.Length).CopyTo(acc);
            }
            finally
            {
                ArrayPool<T>.Shared.Return(saved);
            }
        }

        for (int r = 0; r < rows; r++)
        {
            ScaleAddScalar(a.Slice(r * columns, columns), g[r], acc);
        }
    }

    public override void MultiplyTransposedAdd(ReadOnlySpan<T> g, ReadOnlySpan<T> b, Span<T> acc, int m, int k, int n)
    {
        // Ā (m×k) += G (m×n) · Bᵀ (B is k×n); finite factors cannot meet 0·∞
        if (Gemm<T>.IsSupported && TensorPrimitives.IsFiniteAll(g) && TensorPrimitives.IsFiniteAll(b))
        {
            Gemm<T>.MultiplyTransposedAdd(g, b, acc, m, n, k);
            return;
        }

        base.MultiplyTransposedAdd(g, b, acc, m, k, n);
    }

    public override void TransposedMultiplyAdd(ReadOnlySpan<T> a, ReadOnlySpan<T> g, Span<T> acc, int m, int k, int n)
    {
        // B̄ (k×n) += Aᵀ (A is m×k) · G (m×n); finite factors cannot meet 0·∞
        if (Gemm<T>.IsSupported && TensorPrimitives.IsFiniteAll(a) && TensorPrimitives.IsFiniteAll(g))
        {
            Gemm<T>.TransposedMultiplyAdd(a, g, acc, k, m, n);
            return;
        }

        base.TransposedMultiplyAdd(a, g, acc, m, k, n);
    }

    public override void OuterAdd(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> acc)
    {
        for (int r = 0; r < g.Length; r++)
        {
            ScaleAddScalar(x, g[r], acc.Slice(r * x.Length, x.Length));
        }
    }
}
