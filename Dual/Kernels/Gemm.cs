using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DualAutodiff;

/// <summary>Register-blocked matrix products at <see cref="double"/> and <see cref="float"/> (row-major): C += A·B in
/// blocks of 4 rows × 2 vectors, so each loaded row of B serves four rows of A and the partial sums stay in
/// registers over the whole inner dimension.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>
/// <para>Every cᵢⱼ is cᵢⱼ + aᵢ₀·b₀ⱼ + aᵢ₁·b₁ⱼ + … summed in the order of p, each product rounded then added (no fused
/// multiply-add), exactly as the row-by-row axpy loop it replaces (TensorPrimitives.MultiplyAdd per row of B), so the
/// values are the same bit for bit; it is just fewer loads, stores and calls.</para>
/// <para>The products are plain IEEE products: callers that need the 0·∞ = 0 rule check their factors are finite
/// first (then the two agree).</para>
/// </remarks>
internal static class Gemm<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Whether the blocked kernels apply (T is double or float and 256-bit vectors are hardware accelerated).</summary>
    public static readonly bool IsSupported = (typeof(T) == typeof(double) || typeof(T) == typeof(float)) && Vector256.IsHardwareAccelerated;

    /// <summary>C += A·B for row-major A (m×k), B (k×n), C (m×n); C must not overlap A or B.</summary>
    public static void MultiplyAdd(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T cr = ref MemoryMarshal.GetReference(c);
        int w = Vector256<T>.Count;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + (2 * w) <= n; j += 2 * w)
            {
                Block4x2(ref ar, ref br, ref cr, i, j, k, n);
            }

            for (; j + w <= n; j += w)
            {
                Block4x1(ref ar, ref br, ref cr, i, j, k, n);
            }

            for (; j < n; j++)
            {
                for (int r = i; r < i + 4; r++)
                {
                    ref T cij = ref Unsafe.Add(ref cr, (r * n) + j);
                    T s = cij;
                    for (int p = 0; p < k; p++)
                    {
                        s += Unsafe.Add(ref ar, (r * k) + p) * Unsafe.Add(ref br, (p * n) + j);
                    }

                    cij = s;
                }
            }
        }

        for (; i < m; i++)
        {
            int j = 0;
            for (; j + w <= n; j += w)
            {
                Vector256<T> s = Vector256.LoadUnsafe(ref cr, (nuint)((i * n) + j));
                for (int p = 0; p < k; p++)
                {
                    s += Vector256.Create(Unsafe.Add(ref ar, (i * k) + p)) * Vector256.LoadUnsafe(ref br, (nuint)((p * n) + j));
                }

                s.StoreUnsafe(ref cr, (nuint)((i * n) + j));
            }

            for (; j < n; j++)
            {
                ref T cij = ref Unsafe.Add(ref cr, (i * n) + j);
                T s = cij;
                for (int p = 0; p < k; p++)
                {
                    s += Unsafe.Add(ref ar, (i * k) + p) * Unsafe.Add(ref br, (p * n) + j);
                }

                cij = s;
            }
        }
    }

    /// <summary>C += A·Bᵀ for row-major A (m×k), B (n×k), C (m×n): B is transposed into a pooled buffer first.</summary>
    public static void MultiplyTransposedAdd(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        T[] buffer = ArrayPool<T>.Shared.Rent(Math.Max(1, k * n));
        try
        {
            Span<T> bt = buffer.AsSpan(0, k * n);
            Transpose(b, bt, n, k);
            MultiplyAdd(a, bt, c, m, k, n);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>C += Aᵀ·B for row-major A (k×m), B (k×n), C (m×n): A is transposed into a pooled buffer first.</summary>
    public static void TransposedMultiplyAdd(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        T[] buffer = ArrayPool<T>.Shared.Rent(Math.Max(1, k * m));
        try
        {
            Span<T> at = buffer.AsSpan(0, k * m);
            Transpose(a, at, k, m);
            MultiplyAdd(at, b, c, m, k, n);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>acc += Aᵀ·g for a row-major A (rows×columns): four rows per pass over acc, each element summed in
    /// row order as the row-by-row axpy loop does.</summary>
    public static void TransposeMultiplyAdd(ReadOnlySpan<T> a, int rows, int columns, ReadOnlySpan<T> g, Span<T> acc)
    {
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T cr = ref MemoryMarshal.GetReference(acc);
        int w = Vector256<T>.Count;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            T g0 = g[r], g1 = g[r + 1], g2 = g[r + 2], g3 = g[r + 3];
            Vector256<T> x0 = Vector256.Create(g0), x1 = Vector256.Create(g1), x2 = Vector256.Create(g2), x3 = Vector256.Create(g3);
            ref T a0 = ref Unsafe.Add(ref ar, r * columns);
            ref T a1 = ref Unsafe.Add(ref a0, columns);
            ref T a2 = ref Unsafe.Add(ref a1, columns);
            ref T a3 = ref Unsafe.Add(ref a2, columns);
            int j = 0;
            for (; j + w <= columns; j += w)
            {
                Vector256<T> s = Vector256.LoadUnsafe(ref cr, (nuint)j);
                s += Vector256.LoadUnsafe(ref a0, (nuint)j) * x0;
                s += Vector256.LoadUnsafe(ref a1, (nuint)j) * x1;
                s += Vector256.LoadUnsafe(ref a2, (nuint)j) * x2;
                s += Vector256.LoadUnsafe(ref a3, (nuint)j) * x3;
                s.StoreUnsafe(ref cr, (nuint)j);
            }

            for (; j < columns; j++)
            {
                ref T s = ref Unsafe.Add(ref cr, j);
                s = s + (Unsafe.Add(ref a0, j) * g0) + (Unsafe.Add(ref a1, j) * g1) + (Unsafe.Add(ref a2, j) * g2) + (Unsafe.Add(ref a3, j) * g3);
            }
        }

        for (; r < rows; r++)
        {
            T gr = g[r];
            ref T a0 = ref Unsafe.Add(ref ar, r * columns);
            for (int j = 0; j < columns; j++)
            {
                Unsafe.Add(ref cr, j) += Unsafe.Add(ref a0, j) * gr;
            }
        }
    }

    /// <summary>destination (columns×rows) = sourceᵀ for a row-major source of rows×columns.</summary>
    private static void Transpose(ReadOnlySpan<T> source, Span<T> destination, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = source.Slice(r * columns, columns);
            for (int q = 0; q < row.Length; q++)
            {
                destination[(q * rows) + r] = row[q];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x2(ref T a, ref T b, ref T c, int i, int j, int k, int n)
    {
        int w = Vector256<T>.Count;
        nuint c0 = (nuint)((i * n) + j), c1 = c0 + (nuint)n, c2 = c1 + (nuint)n, c3 = c2 + (nuint)n;
        Vector256<T> s00 = Vector256.LoadUnsafe(ref c, c0), s01 = Vector256.LoadUnsafe(ref c, c0 + (nuint)w);
        Vector256<T> s10 = Vector256.LoadUnsafe(ref c, c1), s11 = Vector256.LoadUnsafe(ref c, c1 + (nuint)w);
        Vector256<T> s20 = Vector256.LoadUnsafe(ref c, c2), s21 = Vector256.LoadUnsafe(ref c, c2 + (nuint)w);
        Vector256<T> s30 = Vector256.LoadUnsafe(ref c, c3), s31 = Vector256.LoadUnsafe(ref c, c3 + (nuint)w);
        ref T a0 = ref Unsafe.Add(ref a, i * k);
        ref T a1 = ref Unsafe.Add(ref a0, k);
        ref T a2 = ref Unsafe.Add(ref a1, k);
        ref T a3 = ref Unsafe.Add(ref a2, k);
        for (int p = 0; p < k; p++)
        {
            nuint bp = (nuint)((p * n) + j);
            Vector256<T> b0 = Vector256.LoadUnsafe(ref b, bp), b1 = Vector256.LoadUnsafe(ref b, bp + (nuint)w);
            Vector256<T> x = Vector256.Create(Unsafe.Add(ref a0, p));
            s00 += x * b0;
            s01 += x * b1;
            x = Vector256.Create(Unsafe.Add(ref a1, p));
            s10 += x * b0;
            s11 += x * b1;
            x = Vector256.Create(Unsafe.Add(ref a2, p));
            s20 += x * b0;
            s21 += x * b1;
            x = Vector256.Create(Unsafe.Add(ref a3, p));
            s30 += x * b0;
            s31 += x * b1;
        }

        s00.StoreUnsafe(ref c, c0);
        s01.StoreUnsafe(ref c, c0 + (nuint)w);
        s10.StoreUnsafe(ref c, c1);
        s11.StoreUnsafe(ref c, c1 + (nuint)w);
        s20.StoreUnsafe(ref c, c2);
        s21.StoreUnsafe(ref c, c2 + (nuint)w);
        s30.StoreUnsafe(ref c, c3);
        s31.StoreUnsafe(ref c, c3 + (nuint)w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x1(ref T a, ref T b, ref T c, int i, int j, int k, int n)
    {
        nuint c0 = (nuint)((i * n) + j), c1 = c0 + (nuint)n, c2 = c1 + (nuint)n, c3 = c2 + (nuint)n;
        Vector256<T> s0 = Vector256.LoadUnsafe(ref c, c0), s1 = Vector256.LoadUnsafe(ref c, c1);
        Vector256<T> s2 = Vector256.LoadUnsafe(ref c, c2), s3 = Vector256.LoadUnsafe(ref c, c3);
        ref T a0 = ref Unsafe.Add(ref a, i * k);
        for (int p = 0; p < k; p++)
        {
            Vector256<T> b0 = Vector256.LoadUnsafe(ref b, (nuint)((p * n) + j));
            s0 += Vector256.Create(Unsafe.Add(ref a0, p)) * b0;
            s1 += Vector256.Create(Unsafe.Add(ref a0, k + p)) * b0;
            s2 += Vector256.Create(Unsafe.Add(ref a0, (2 * k) + p)) * b0;
            s3 += Vector256.Create(Unsafe.Add(ref a0, (3 * k) + p)) * b0;
        }

        s0.StoreUnsafe(ref c, c0);
        s1.StoreUnsafe(ref c, c1);
        s2.StoreUnsafe(ref c, c2);
        s3.StoreUnsafe(ref c, c3);
    }
}
