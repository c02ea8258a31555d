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
/// <para>Every cᵢⱼ is cᵢⱼ + aᵢ₀·b₀ⱼ + aᵢ₁·b₁ⱼ + … summed in the order of p with fused multiply-adds (one rounding
/// per term, so within rounding of the row-by-row axpy loop it replaces, usually closer to the exact sum); 512-bit
/// blocks where AVX-512 is there, 256-bit blocks and scalar tails for the rest.</para>
/// <para>The products are plain IEEE products: callers that need the 0·∞ = 0 rule check their factors are finite
/// first (then the two agree).</para>
/// </remarks>
internal static class Gemm<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Whether the blocked kernels apply (T is double or float and 256-bit vectors are hardware accelerated).</summary>
    public static readonly bool IsSupported = (typeof(T) == typeof(double) || typeof(T) == typeof(float)) && Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    /// <summary>Whether 512-bit blocks run first (AVX-512).</summary>
    private static readonly bool s_wide = Vector512.IsHardwareAccelerated;

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
            if (s_wide)
            {
                for (; j + (2 * Vector512<T>.Count) <= n; j += 2 * Vector512<T>.Count)
                {
                    Block4x2Wide(ref ar, ref br, ref cr, i, j, k, n);
                }
            }

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
                        s = T.FusedMultiplyAdd(Unsafe.Add(ref ar, (r * k) + p), Unsafe.Add(ref br, (p * n) + j), s);
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
                    s = Fma(Vector256.Create(Unsafe.Add(ref ar, (i * k) + p)), Vector256.LoadUnsafe(ref br, (nuint)((p * n) + j)), s);
                }

                s.StoreUnsafe(ref cr, (nuint)((i * n) + j));
            }

            for (; j < n; j++)
            {
                ref T cij = ref Unsafe.Add(ref cr, (i * n) + j);
                T s = cij;
                for (int p = 0; p < k; p++)
                {
                    s = T.FusedMultiplyAdd(Unsafe.Add(ref ar, (i * k) + p), Unsafe.Add(ref br, (p * n) + j), s);
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

    /// <summary>a·b + c with one rounding (the fused multiply-add of the hardware).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> a, Vector256<T> b, Vector256<T> c) => typeof(T) == typeof(double)
        ? Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
        : Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> a, Vector512<T> b, Vector512<T> c) => typeof(T) == typeof(double)
        ? Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>()
        : Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();

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
            s00 = Fma(x, b0, s00);
            s01 = Fma(x, b1, s01);
            x = Vector256.Create(Unsafe.Add(ref a1, p));
            s10 = Fma(x, b0, s10);
            s11 = Fma(x, b1, s11);
            x = Vector256.Create(Unsafe.Add(ref a2, p));
            s20 = Fma(x, b0, s20);
            s21 = Fma(x, b1, s21);
            x = Vector256.Create(Unsafe.Add(ref a3, p));
            s30 = Fma(x, b0, s30);
            s31 = Fma(x, b1, s31);
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

    /// <summary><see cref="Block4x2"/> with 512-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x2Wide(ref T a, ref T b, ref T c, int i, int j, int k, int n)
    {
        int w = Vector512<T>.Count;
        nuint c0 = (nuint)((i * n) + j), c1 = c0 + (nuint)n, c2 = c1 + (nuint)n, c3 = c2 + (nuint)n;
        Vector512<T> s00 = Vector512.LoadUnsafe(ref c, c0), s01 = Vector512.LoadUnsafe(ref c, c0 + (nuint)w);
        Vector512<T> s10 = Vector512.LoadUnsafe(ref c, c1), s11 = Vector512.LoadUnsafe(ref c, c1 + (nuint)w);
        Vector512<T> s20 = Vector512.LoadUnsafe(ref c, c2), s21 = Vector512.LoadUnsafe(ref c, c2 + (nuint)w);
        Vector512<T> s30 = Vector512.LoadUnsafe(ref c, c3), s31 = Vector512.LoadUnsafe(ref c, c3 + (nuint)w);
        ref T a0 = ref Unsafe.Add(ref a, i * k);
        ref T a1 = ref Unsafe.Add(ref a0, k);
        ref T a2 = ref Unsafe.Add(ref a1, k);
        ref T a3 = ref Unsafe.Add(ref a2, k);
        for (int p = 0; p < k; p++)
        {
            nuint bp = (nuint)((p * n) + j);
            Vector512<T> b0 = Vector512.LoadUnsafe(ref b, bp), b1 = Vector512.LoadUnsafe(ref b, bp + (nuint)w);
            Vector512<T> x = Vector512.Create(Unsafe.Add(ref a0, p));
            s00 = Fma(x, b0, s00);
            s01 = Fma(x, b1, s01);
            x = Vector512.Create(Unsafe.Add(ref a1, p));
            s10 = Fma(x, b0, s10);
            s11 = Fma(x, b1, s11);
            x = Vector512.Create(Unsafe.Add(ref a2, p));
            s20 = Fma(x, b0, s20);
            s21 = Fma(x, b1, s21);
            x = Vector512.Create(Unsafe.Add(ref a3, p));
            s30 = Fma(x, b0, s30);
            s31 = Fma(x, b1, s31);
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
            s0 = Fma(Vector256.Create(Unsafe.Add(ref a0, p)), b0, s0);
            s1 = Fma(Vector256.Create(Unsafe.Add(ref a0, k + p)), b0, s1);
            s2 = Fma(Vector256.Create(Unsafe.Add(ref a0, (2 * k) + p)), b0, s2);
            s3 = Fma(Vector256.Create(Unsafe.Add(ref a0, (3 * k) + p)), b0, s3);
        }

        s0.StoreUnsafe(ref c, c0);
        s1.StoreUnsafe(ref c, c1);
        s2.StoreUnsafe(ref c, c2);
        s3.StoreUnsafe(ref c, c3);
    }
}
