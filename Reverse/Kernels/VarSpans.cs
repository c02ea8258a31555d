using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DualAutodiff;

/// <summary>Whole-span passes over <see cref="Var{T}"/>s for the kernel records: a run check (every element is record
/// first + step·i of one recording: consecutive variables for step 1, constants for first = step = recording = 0) with
/// or without copying the values out, and the outputs of a kernel written from their values.</summary>
/// <typeparam name="T">The tape's scalar type.</typeparam>
/// <remarks>At <c>Var&lt;double&gt;</c> (16 bytes: the value, then the index and the recording as one 64-bit word) the
/// passes are AVX2 shuffles of four variables at a time; a two-word value (<c>Var&lt;Dual&lt;double&gt;&gt;</c>, H·v) is
/// moved word by word; other types take the scalar loop.</remarks>
internal static class VarSpans<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly bool s_vectorized = typeof(T) == typeof(double) && Avx2.IsSupported && Unsafe.SizeOf<Var<T>>() == 16;

    /// <summary>The 64-bit words of a <typeparamref name="T"/> when a <c>Var&lt;T&gt;</c> is those words and then the
    /// identity word (T holds no references and is a whole number of words, e.g. 2 for <c>Dual&lt;double&gt;</c>); 0
    /// otherwise. Such variables are copied word by word, without moving a generic struct per element.</summary>
    private static readonly int s_words = !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Unsafe.SizeOf<T>() % 8 == 0
        && Unsafe.SizeOf<Var<T>>() == Unsafe.SizeOf<T>() + 8 ? Unsafe.SizeOf<T>() / 8 : 0;

    /// <summary>Whether two-word values (three words per variable) move eight variables at a time with 512-bit
    /// two-source permutes: 24 words in, the 16 value words and the 8 identity words out (and back).</summary>
    private static readonly bool s_wide3 = s_words == 2 && Avx512F.IsSupported;

    // word positions (of 24: eight variables of value, value, identity) for the two-source permutes; in the second
    // and third vector of a group, 8 + j is word j of the second source
    private static readonly Vector512<long> s_identitiesOf01 = Vector512.Create(2L, 5, 8, 11, 14, 0, 0, 0);
    private static readonly Vector512<long> s_identitiesWith2 = Vector512.Create(0L, 1, 2, 3, 4, 9, 12, 15);
    private static readonly Vector512<long> s_valuesOf01 = Vector512.Create(0L, 1, 3, 4, 6, 7, 9, 10);
    private static readonly Vector512<long> s_valuesOf12 = Vector512.Create(4L, 5, 7, 8, 10, 11, 13, 14);
    private static readonly Vector512<long> s_first = Vector512.Create(0L, 1, 8, 2, 3, 9, 4, 5);
    private static readonly Vector512<long> s_secondValues = Vector512.Create(0L, 6, 7, 0, 8, 9, 0, 10);
    private static readonly Vector512<long> s_second = Vector512.Create(10L, 1, 2, 11, 4, 5, 12, 7);
    private static readonly Vector512<long> s_third = Vector512.Create(3L, 13, 4, 5, 14, 6, 7, 15);

    /// <summary>Whether xᵢ is record <paramref name="first"/> + <paramref name="step"/>·i of
    /// <paramref name="recording"/> for every i, copying the values to <paramref name="values"/> (unless it is empty).</summary>
    public static bool IsRun(ReadOnlySpan<Var<T>> x, Span<T> values, int first, int step, int recording)
    {
        int i = 0;
        bool run = true;
        bool copy = !values.IsEmpty;
        if (s_vectorized)
        {
            ref long source = ref Unsafe.As<Var<T>, long>(ref MemoryMarshal.GetReference(x));
            ref long destination = ref Unsafe.As<T, long>(ref MemoryMarshal.GetReference(values));

            // identities in the order of the unpacked words: elements i, i + 2, i + 1, i + 3
            Vector256<long> expected = Vector256.Create(Word(first, recording), Word(first + (2 * step), recording), Word(first + step, recording), Word(first + (3 * step), recording));
            Vector256<long> increment = Vector256.Create((long)(4 * step));
            Vector256<long> differ = Vector256<long>.Zero;
            for (; i + 4 <= x.Length; i += 4)
            {
                Vector256<long> a = Vector256.LoadUnsafe(ref source, (nuint)(2 * i));
                Vector256<long> b = Vector256.LoadUnsafe(ref source, (nuint)((2 * i) + 4));
                differ |= Avx2.UnpackHigh(a, b) ^ expected;
                expected += increment;
                if (copy)
                {
                    Avx2.Permute4x64(Avx2.UnpackLow(a, b), 0b11_01_10_00).StoreUnsafe(ref destination, (nuint)i);
                }
            }

            run = differ == Vector256<long>.Zero;
        }
        else if (s_words == 2 && x.Length > 0)
        {
            // (value word, value word, identity word) per variable
            ref long source = ref Unsafe.As<Var<T>, long>(ref MemoryMarshal.GetReference(x));
            ref long destination = ref Unsafe.As<T, long>(ref MemoryMarshal.GetReference(values));
            long differ = 0;
            if (s_wide3)
            {
                Vector512<long> expected = Vector512.Create(Word(first, recording)) + (Vector512<long>.Indices * step);
                Vector512<long> increment = Vector512.Create((long)(8 * step));
                Vector512<long> differs = Vector512<long>.Zero;
                for (; i + 8 <= x.Length; i += 8)
                {
                    Vector512<long> a = Vector512.LoadUnsafe(ref source, (nuint)(3 * i));
                    Vector512<long> b = Vector512.LoadUnsafe(ref source, (nuint)((3 * i) + 8));
                    Vector512<long> c = Vector512.LoadUnsafe(ref source, (nuint)((3 * i) + 16));
                    Vector512<long> identities = Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(a, s_identitiesOf01, b), s_identitiesWith2, c);
                    differs |= identities ^ expected;
                    expected += increment;
                    if (copy)
                    {
                        Avx512F.PermuteVar8x64x2(a, s_valuesOf01, b).StoreUnsafe(ref destination, (nuint)(2 * i));
                        Avx512F.PermuteVar8x64x2(b, s_valuesOf12, c).StoreUnsafe(ref destination, (nuint)((2 * i) + 8));
                    }
                }

                differ = differs == Vector512<long>.Zero ? 0 : 1;
            }

            long expected1 = Word(first + (step * i), recording);
            for (; i < x.Length; i++)
            {
                ref long xi = ref Unsafe.Add(ref source, 3 * i);
                differ |= Unsafe.Add(ref xi, 2) ^ expected1;
                expected1 += step;
                if (copy)
                {
                    Unsafe.Add(ref destination, 2 * i) = xi;
                    Unsafe.Add(ref destination, (2 * i) + 1) = Unsafe.Add(ref xi, 1);
                }
            }

            return differ == 0;
        }

        for (; i < x.Length; i++)
        {
            Var<T> xi = x[i];
            run &= (xi.Index == first + (step * i)) & (xi.Recording == recording);
            if (copy)
            {
                values[i] = xi.Primal;
            }
        }

        return run;
    }

    /// <summary>outputⱼ = the variable of record <paramref name="first"/> + j of <paramref name="recording"/> with value zⱼ;
    /// and valuesⱼ = zⱼ unless <paramref name="values"/> is empty (a copy in the same pass).</summary>
    public static void Outputs(ReadOnlySpan<T> z, Span<Var<T>> output, int first, int recording, Span<T> values = default)
    {
        int j = 0;
        bool copy = !values.IsEmpty;
        if (s_vectorized)
        {
            ref long source = ref Unsafe.As<T, long>(ref MemoryMarshal.GetReference(z));
            ref long destination = ref Unsafe.As<Var<T>, long>(ref MemoryMarshal.GetReference(output));
            ref long copied = ref Unsafe.As<T, long>(ref MemoryMarshal.GetReference(values));
            Vector256<long> identity = Vector256.Create(Word(first, recording), Word(first + 2, recording), Word(first + 1, recording), Word(first + 3, recording));
            Vector256<long> increment = Vector256.Create(4L);
            for (; j + 4 <= z.Length; j += 4)
            {
                // values in the order j, j + 2, j + 1, j + 3, interleaved with their identities per 128-bit lane
                Vector256<long> loaded = Vector256.LoadUnsafe(ref source, (nuint)j);
                if (copy)
                {
                    loaded.StoreUnsafe(ref copied, (nuint)j);
                }

                Vector256<long> v = Avx2.Permute4x64(loaded, 0b11_01_10_00);
                Avx2.UnpackLow(v, identity).StoreUnsafe(ref destination, (nuint)(2 * j));
                Avx2.UnpackHigh(v, identity).StoreUnsafe(ref destination, (nuint)((2 * j) + 4));
                identity += increment;
            }
        }
        else if (copy)
        {
            z.CopyTo(values);
            copy = false;
        }

        if (s_words == 2 && z.Length > 0 && !s_vectorized)
        {
            ref long source = ref Unsafe.As<T, long>(ref MemoryMarshal.GetReference(z));
            ref long destination = ref Unsafe.As<Var<T>, long>(ref MemoryMarshal.GetReference(output));
            if (s_wide3)
            {
                Vector512<long> identities = Vector512.Create(Word(first, recording)) + Vector512<long>.Indices;
                Vector512<long> increment = Vector512.Create(8L);
                for (; j + 8 <= z.Length; j += 8)
                {
                    // values of variables 0-3 and 4-7 in, (value, value, identity) × 8 out
                    Vector512<long> d0 = Vector512.LoadUnsafe(ref source, (nuint)(2 * j));
                    Vector512<long> d1 = Vector512.LoadUnsafe(ref source, (nuint)((2 * j) + 8));
                    Avx512F.PermuteVar8x64x2(d0, s_first, identities).StoreUnsafe(ref destination, (nuint)(3 * j));
                    Avx512F.PermuteVar8x64x2(Avx512F.PermuteVar8x64x2(d0, s_secondValues, d1), s_second, identities).StoreUnsafe(ref destination, (nuint)((3 * j) + 8));
                    Avx512F.PermuteVar8x64x2(d1, s_third, identities).StoreUnsafe(ref destination, (nuint)((3 * j) + 16));
                    identities += increment;
                }
            }

            long identity = Word(first + j, recording);
            for (; j < z.Length; j++)
            {
                ref long o = ref Unsafe.Add(ref destination, 3 * j);
                o = Unsafe.Add(ref source, 2 * j);
                Unsafe.Add(ref o, 1) = Unsafe.Add(ref source, (2 * j) + 1);
                Unsafe.Add(ref o, 2) = identity++;
            }

            return;
        }

        for (; j < z.Length; j++)
        {
            output[j] = new Var<T>(z[j], first + j, recording);
            if (copy)
            {
                values[j] = z[j];
            }
        }
    }

    /// <summary>The index and the recording as the second 64-bit word of a <c>Var&lt;double&gt;</c> holds them.</summary>
    private static long Word(int index, int recording) => (long)(uint)index | ((long)recording << 32);
}
