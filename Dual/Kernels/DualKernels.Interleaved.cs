using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DualAutodiff;

internal sealed partial class DualKernels<T>
{
    /// <summary>A span of <c>Dual&lt;double&gt;</c> read in place as interleaved doubles (value, tangent, value,
    /// tangent, …), so the cheap kernels run as SIMD passes over the pairs instead of a split into two spans and a
    /// merge back: sums are sums of doubles, products shuffle the value next to the tangent within a vector.</summary>
    private static class Interleaved
    {
        /// <summary>Whether T is double and the shuffles are there.</summary>
        public static readonly bool IsSupported = typeof(T) == typeof(double) && Avx2.IsSupported;

        /// <summary>Duals per chunk of the checked products (a few kilobytes: the first-level cache).</summary>
        private const int Chunk = 512;

        public static ReadOnlySpan<double> Doubles(ReadOnlySpan<Dual<T>> x) =>
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Dual<T>, double>(ref MemoryMarshal.GetReference(x)), 2 * x.Length);

        public static Span<double> Doubles(Span<Dual<T>> x) =>
            MemoryMarshal.CreateSpan(ref Unsafe.As<Dual<T>, double>(ref MemoryMarshal.GetReference(x)), 2 * x.Length);

        /// <summary>acc += Scale(x, y) elementwise: where a chunk's factors are finite, the plain products
        /// (xv·yv, ẋ·yv + ẏ·xv) are the propagation products (0·∞ needs an infinite factor); other chunks take the
        /// scalar rule.</summary>
        public static void ScaleAdd(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> acc)
        {
            for (int start = 0; start < acc.Length; start += Chunk)
            {
                int length = Math.Min(Chunk, acc.Length - start);
                ReadOnlySpan<double> xs = Doubles(x.Slice(start, length)), ys = Doubles(y.Slice(start, length));
                if (TensorPrimitives.IsFiniteAll(xs) && TensorPrimitives.IsFiniteAll(ys))
                {
                    MultiplyAdd(xs, ys, Doubles(acc.Slice(start, length)));
                    continue;
                }

                for (int i = start; i < start + length; i++)
                {
                    acc[i] += Propagation.Scale(x[i], y[i]);
                }
            }
        }

        /// <summary>acc += Scale(x, y) for a scalar y, as <see cref="ScaleAdd"/>.</summary>
        public static void ScaleAddScalar(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> acc)
        {
            double yv = double.CreateTruncating(y.Value), yt = double.CreateTruncating(y.Tangent);
            bool finite = double.IsFinite(yv) && double.IsFinite(yt);
            for (int start = 0; start < acc.Length; start += Chunk)
            {
                int length = Math.Min(Chunk, acc.Length - start);
                ReadOnlySpan<double> xs = Doubles(x.Slice(start, length));
                if (finite && TensorPrimitives.IsFiniteAll(xs))
                {
                    MultiplyAddScalar(xs, yv, yt, Doubles(acc.Slice(start, length)));
                    continue;
                }

                for (int i = start; i < start + length; i++)
                {
                    acc[i] += Propagation.Scale(x[i], y);
                }
            }
        }

        /// <summary>x + y, or y − x with <paramref name="negate"/>, on the pairs: the Dual sum's operations on each double.</summary>
        public static void Shift(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination, bool negate)
        {
            ReadOnlySpan<double> xs = Doubles(x);
            Span<double> ds = Doubles(destination);
            ref double xr = ref MemoryMarshal.GetReference(xs);
            ref double dr = ref MemoryMarshal.GetReference(ds);
            double yv = double.CreateTruncating(y.Value), yt = double.CreateTruncating(y.Tangent);
            Vector256<double> c = Vector256.Create(yv, yt, yv, yt);
            int i = 0;
            for (; i + 4 <= xs.Length; i += 4)
            {
                Vector256<double> a = Vector256.LoadUnsafe(ref xr, (nuint)i);
                (negate ? c - a : a + c).StoreUnsafe(ref dr, (nuint)i);
            }

            for (; i < xs.Length; i += 2)
            {
                ds[i] = negate ? yv - xs[i] : xs[i] + yv;
                ds[i + 1] = negate ? yt - xs[i + 1] : xs[i + 1] + yt;
            }
        }

        /// <summary>x² + (ẋ·x + ẋ·x)ε on the pairs, the Dual product's plain operations; a pair whose tangent comes out
        /// NaN (0·∞, or a NaN input) is redone with the Dual product itself, which applies the 0·∞ = 0 rule.</summary>
        public static void Square(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination)
        {
            ReadOnlySpan<double> xs = Doubles(x);
            Span<double> ds = Doubles(destination);
            ref double xr = ref MemoryMarshal.GetReference(xs);
            ref double dr = ref MemoryMarshal.GetReference(ds);
            Vector256<double> odd = Vector256.Create(0L, -1L, 0L, -1L).AsDouble();
            int i = 0;
            for (; i + 4 <= xs.Length; i += 4)
            {
                // (x₀, ẋ₀, x₁, ẋ₁)·(x₀, x₀, x₁, x₁) = (x₀², ẋ₀x₀, …); the tangents doubled, x² plus +0 unchanged
                Vector256<double> a = Vector256.LoadUnsafe(ref xr, (nuint)i);
                Vector256<double> p = a * Avx.Permute(a, 0b0000);
                Vector256<double> r = p + (p & odd);
                if (Vector256.EqualsAll(r, r))
                {
                    r.StoreUnsafe(ref dr, (nuint)i);
                    continue;
                }

                destination[i / 2] = x[i / 2] * x[i / 2];
                destination[(i / 2) + 1] = x[(i / 2) + 1] * x[(i / 2) + 1];
            }

            for (int j = i / 2; j < x.Length; j++)
            {
                destination[j] = x[j] * x[j];
            }
        }

        /// <summary>Σx² + (2·Σx·ẋ)ε: one pass over the pairs copies the values to <paramref name="values"/> and sums
        /// the products x·ẋ, then Σx² is the kernel at double over the values (bit for bit the plain kernel's value).
        /// A NaN among the plain products is 0·∞ (a zero tangent at x = ±∞) or a NaN input: the products are then
        /// summed again with the propagation rule.</summary>
        public static Dual<T> SumOfSquares(ReadOnlySpan<Dual<T>> x, Span<double> values)
        {
            ReadOnlySpan<double> xs = Doubles(x);
            double products = ValuesAndProducts(xs, values);
            if (double.IsNaN(products))
            {
                products = 0;
                for (int i = 0; i < xs.Length; i += 2)
                {
                    products += Propagation.Scale(xs[i], xs[i + 1]);
                }
            }

            return new(T.CreateTruncating(TensorPrimitives.SumOfSquares<double>(values)), T.CreateTruncating(products + products));
        }

        /// <summary>The values of the pairs into <paramref name="values"/>, and Σ x·ẋ with plain products.</summary>
        private static double ValuesAndProducts(ReadOnlySpan<double> x, Span<double> values)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double vr = ref MemoryMarshal.GetReference(values);
            Vector256<double> s0 = Vector256<double>.Zero, s1 = Vector256<double>.Zero;
            int i = 0;
            for (; i + 8 <= x.Length; i += 8)
            {
                // (x₀, ẋ₀, x₁, ẋ₁)·(x₀, x₀, x₁, x₁): the products in the odd lanes
                Vector256<double> a = Vector256.LoadUnsafe(ref xr, (nuint)i), b = Vector256.LoadUnsafe(ref xr, (nuint)(i + 4));
                Avx2.Permute4x64(Avx.UnpackLow(a, b), 0b11_01_10_00).StoreUnsafe(ref vr, (nuint)(i / 2));
                s0 += a * Avx.Permute(a, 0b0000);
                s1 += b * Avx.Permute(b, 0b0000);
            }

            s0 += s1;
            double products = s0[1] + s0[3];
            for (; i < x.Length; i += 2)
            {
                values[i / 2] = x[i];
                products += x[i] * x[i + 1];
            }

            return products;
        }

        /// <summary>acc += x·y for interleaved pairs: values xv·yv, tangents ẋ·yv + ẏ·xv (the Dual product's order).</summary>
        private static void MultiplyAdd(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> acc)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double yr = ref MemoryMarshal.GetReference(y);
            ref double ar = ref MemoryMarshal.GetReference(acc);
            Vector256<double> odd = Vector256.Create(0L, -1L, 0L, -1L).AsDouble();
            int i = 0;
            for (; i + 4 <= x.Length; i += 4)
            {
                Vector256<double> xv = Vector256.LoadUnsafe(ref xr, (nuint)i), yv = Vector256.LoadUnsafe(ref yr, (nuint)i);

                // (xv·yv, ẋ·yv) + (xv·0, xv·ẏ)
                Vector256<double> p = (xv * Avx.Permute(yv, 0b0000)) + (Avx.Permute(xv, 0b0000) * (yv & odd));
                (Vector256.LoadUnsafe(ref ar, (nuint)i) + p).StoreUnsafe(ref ar, (nuint)i);
            }

            for (; i < x.Length; i += 2)
            {
                double v = x[i], t = x[i + 1], w = y[i], u = y[i + 1];
                acc[i] += v * w;
                acc[i + 1] += (t * w) + (u * v);
            }
        }

        private static void MultiplyAddScalar(ReadOnlySpan<double> x, double yv, double yt, Span<double> acc)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double ar = ref MemoryMarshal.GetReference(acc);
            Vector256<double> w = Vector256.Create(yv), u = Vector256.Create(0, yt, 0, yt);
            int i = 0;
            for (; i + 4 <= x.Length; i += 4)
            {
                Vector256<double> xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                Vector256<double> p = (xv * w) + (Avx.Permute(xv, 0b0000) * u);
                (Vector256.LoadUnsafe(ref ar, (nuint)i) + p).StoreUnsafe(ref ar, (nuint)i);
            }

            for (; i < x.Length; i += 2)
            {
                double v = x[i], t = x[i + 1];
                acc[i] += v * yv;
                acc[i + 1] += (t * yv) + (yt * v);
            }
        }
    }
}
