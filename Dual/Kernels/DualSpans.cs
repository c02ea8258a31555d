using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DualAutodiff;

/// <summary>Spans of <see cref="Dual{T}"/> split into values and tangents and merged back: four pairs at a time with
/// AVX2 shuffles at <c>Dual&lt;double&gt;</c> (value, tangent, value, tangent, … in memory), a loop otherwise.</summary>
/// <typeparam name="T">The scalar type of value and tangent.</typeparam>
internal static class DualSpans<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly bool s_vectorized = typeof(T) == typeof(double) && Avx2.IsSupported && Unsafe.SizeOf<Dual<T>>() == 16;

    /// <summary>Values and tangents into their own spans (<paramref name="values"/> may be empty: tangents only);
    /// whether every tangent is zero, found in the same pass.</summary>
    public static bool Split(ReadOnlySpan<Dual<T>> x, Span<T> values, Span<T> tangents)
    {
        bool still = true;
        bool withValues = !values.IsEmpty;
        int i = 0;
        if (s_vectorized)
        {
            ref double source = ref Unsafe.As<Dual<T>, double>(ref MemoryMarshal.GetReference(x));
            ref double v = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(values));
            ref double t = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(tangents));
            Vector256<long> magnitudes = Vector256<long>.Zero;
            for (; i + 4 <= x.Length; i += 4)
            {
                // (v₀, t₀, v₁, t₁), (v₂, t₂, v₃, t₃) → (v₀, v₂, v₁, v₃) and (t₀, t₂, t₁, t₃) per lane, then in order
                Vector256<double> a = Vector256.LoadUnsafe(ref source, (nuint)(2 * i));
                Vector256<double> b = Vector256.LoadUnsafe(ref source, (nuint)((2 * i) + 4));
                Vector256<double> ts = Avx2.Permute4x64(Avx.UnpackHigh(a, b), 0b11_01_10_00);
                ts.StoreUnsafe(ref t, (nuint)i);
                magnitudes |= ts.AsInt64() & Vector256.Create(long.MaxValue);
                if (withValues)
                {
                    Avx2.Permute4x64(Avx.UnpackLow(a, b), 0b11_01_10_00).StoreUnsafe(ref v, (nuint)i);
                }
            }

            // ±0 have no magnitude bits
            still = magnitudes == Vector256<long>.Zero;
        }

        for (; i < x.Length; i++)
        {
            T ti = x[i].Tangent;
            if (withValues)
            {
                values[i] = x[i].Value;
            }

            tangents[i] = ti;
            still &= Propagation.IsZero(ti);
        }

        return still;
    }

    /// <summary>destinationᵢ = valuesᵢ + tangentsᵢ·ε.</summary>
    public static void Merge(ReadOnlySpan<T> values, ReadOnlySpan<T> tangents, Span<Dual<T>> destination)
    {
        int i = 0;
        if (s_vectorized)
        {
            ref double v = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(values));
            ref double t = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(tangents));
            ref double d = ref Unsafe.As<Dual<T>, double>(ref MemoryMarshal.GetReference(destination));
            for (; i + 4 <= destination.Length; i += 4)
            {
                // (v₀, t₀, v₂, t₂) and (v₁, t₁, v₃, t₃), then their halves in order
                Vector256<double> vs = Vector256.LoadUnsafe(ref v, (nuint)i), ts = Vector256.LoadUnsafe(ref t, (nuint)i);
                Vector256<double> low = Avx.UnpackLow(vs, ts), high = Avx.UnpackHigh(vs, ts);
                Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref d, (nuint)(2 * i));
                Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref d, (nuint)((2 * i) + 4));
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = new(values[i], tangents[i]);
        }
    }
}
