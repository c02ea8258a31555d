using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DualAutodiff;

/// <summary>
/// The arithmetic on the lanes of an <see cref="ITangents{T, TSelf}"/>, written once over the width: each lane is
/// exactly what <see cref="Dual{T}"/> computes for one tangent, so k lanes give bit for bit the k single-tangent results.
/// </summary>
/// <remarks>
/// For <see cref="double"/> the lanes run four at a time in <see cref="Vector256{T}"/> (the width is a JIT-time
/// constant, so the loops have fixed trip counts and the other paths are removed). The 0·∞ = 0 rule costs one
/// compare per vector: the plain products are exact unless one is NaN, and only then is every lane recomputed with
/// <see cref="Propagation.Scale{T}"/>, as <see cref="Dual{T}"/> does per tangent.
/// </remarks>
internal static class TangentLanes
{
    /// <summary>The lanes as a span; the inline array guarantees <c>Count</c> consecutive elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<T> AsSpan<T, TTangents>(in TTangents lanes)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents> =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TTangents, T>(ref Unsafe.AsRef(in lanes)), TTangents.Count);

    /// <summary>The lanes as a writable span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> AsWritableSpan<T, TTangents>(ref TTangents lanes)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents> =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TTangents, T>(ref lanes), TTangents.Count);

    /// <summary>Zero in every lane.</summary>
    /// <remarks>The default of every supported scalar is its zero (a <c>Var</c>'s default is the constant 0).</remarks>
    public static TTangents Zero<T, TTangents>()
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
        => default;

    /// <summary>Lanes copied from a span of exactly <c>Count</c> elements.</summary>
    public static TTangents From<T, TTangents>(ReadOnlySpan<T> source)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        TTangents result = default;
        source.CopyTo(AsWritableSpan<T, TTangents>(ref result));
        return result;
    }

    /// <summary>a + b, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TTangents Add<T, TTangents>(in TTangents a, in TTangents b)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        int n = TTangents.Count;
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            ref double pa = ref Doubles<T, TTangents>(in a);
            ref double pb = ref Doubles<T, TTangents>(in b);
            ref double pr = ref Doubles<T, TTangents>(in result);
            int i = 0;
            for (; i <= n - 4; i += 4)
            {
                (Vector256.LoadUnsafe(ref pa, (nuint)i) + Vector256.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pr, (nuint)i);
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref pr, i) = Unsafe.Add(ref pa, i) + Unsafe.Add(ref pb, i);
            }

            return result;
        }

        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        ReadOnlySpan<T> y = AsSpan<T, TTangents>(in b);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < n; i++)
        {
            r[i] = x[i] + y[i];
        }

        return result;
    }

    /// <summary>a − b, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TTangents Subtract<T, TTangents>(in TTangents a, in TTangents b)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        int n = TTangents.Count;
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            ref double pa = ref Doubles<T, TTangents>(in a);
            ref double pb = ref Doubles<T, TTangents>(in b);
            ref double pr = ref Doubles<T, TTangents>(in result);
            int i = 0;
            for (; i <= n - 4; i += 4)
            {
                (Vector256.LoadUnsafe(ref pa, (nuint)i) - Vector256.LoadUnsafe(ref pb, (nuint)i)).StoreUnsafe(ref pr, (nuint)i);
            }

            for (; i < n; i++)
            {
                Unsafe.Add(ref pr, i) = Unsafe.Add(ref pa, i) - Unsafe.Add(ref pb, i);
            }

            return result;
        }

        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        ReadOnlySpan<T> y = AsSpan<T, TTangents>(in b);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < n; i++)
        {
            r[i] = x[i] - y[i];
        }

        return result;
    }

    /// <summary>−a, lane by lane.</summary>
    public static TTangents Negate<T, TTangents>(in TTangents a)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = -x[i];
        }

        return result;
    }

    /// <summary>The propagation product aₖ·s in every lane (<see cref="Propagation.Scale{T}"/>: 0·∞ = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TTangents Scale<T, TTangents>(in TTangents a, T s)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        int n = TTangents.Count;
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            ref double pa = ref Doubles<T, TTangents>(in a);
            ref double pr = ref Doubles<T, TTangents>(in result);
            double d = Unsafe.As<T, double>(ref s);
            Vector256<double> vd = Vector256.Create(d);
            Vector256<double> ok = Vector256<double>.AllBitsSet;
            int i = 0;
            for (; i <= n - 4; i += 4)
            {
                Vector256<double> p = Vector256.LoadUnsafe(ref pa, (nuint)i) * vd;
                ok &= Vector256.Equals(p, p);
                p.StoreUnsafe(ref pr, (nuint)i);
            }

            bool nan = ok.ExtractMostSignificantBits() != 0b1111;
            for (; i < n; i++)
            {
                double p = Unsafe.Add(ref pa, i) * d;
                nan |= double.IsNaN(p);
                Unsafe.Add(ref pr, i) = p;
            }

            return nan ? ScaleSlow<T, TTangents>(a, s) : result;
        }

        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < n; i++)
        {
            r[i] = Propagation.Scale(x[i], s);
        }

        return result;
    }

    /// <summary>aₖ·s + bₖ·t in every lane, each product a propagation product (the binary chain rule).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TTangents Scale<T, TTangents>(in TTangents a, T s, in TTangents b, T t)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        int n = TTangents.Count;
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            ref double pa = ref Doubles<T, TTangents>(in a);
            ref double pb = ref Doubles<T, TTangents>(in b);
            ref double pr = ref Doubles<T, TTangents>(in result);
            double ds = Unsafe.As<T, double>(ref s);
            double dt = Unsafe.As<T, double>(ref t);
            Vector256<double> vs = Vector256.Create(ds);
            Vector256<double> vt = Vector256.Create(dt);
            Vector256<double> ok = Vector256<double>.AllBitsSet;
            int i = 0;
            for (; i <= n - 4; i += 4)
            {
                // Two roundings, never fused: the same value as Dual<double>'s b·∂ₓf + d·∂ᵧf.
                Vector256<double> p = (Vector256.LoadUnsafe(ref pa, (nuint)i) * vs) + (Vector256.LoadUnsafe(ref pb, (nuint)i) * vt);
                ok &= Vector256.Equals(p, p);
                p.StoreUnsafe(ref pr, (nuint)i);
            }

            bool nan = ok.ExtractMostSignificantBits() != 0b1111;
            for (; i < n; i++)
            {
                double p = (Unsafe.Add(ref pa, i) * ds) + (Unsafe.Add(ref pb, i) * dt);
                nan |= double.IsNaN(p);
                Unsafe.Add(ref pr, i) = p;
            }

            return nan ? ScaleSlow<T, TTangents>(a, s, b, t) : result;
        }

        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        ReadOnlySpan<T> y = AsSpan<T, TTangents>(in b);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < n; i++)
        {
            // As Dual<T>: the plain sum unless it is NaN, when only a 0·∞ can be to blame.
            T p = (x[i] * s) + (y[i] * t);
            r[i] = T.IsNaN(p) ? Propagation.Scale(x[i], s) + Propagation.Scale(y[i], t) : p;
        }

        return result;
    }

    /// <summary>aₖ·s + bₖ·t + cₖ·u in every lane, each product a propagation product (the ternary rules).</summary>
    public static TTangents Scale<T, TTangents>(in TTangents a, T s, in TTangents b, T t, in TTangents c, T u)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        ReadOnlySpan<T> y = AsSpan<T, TTangents>(in b);
        ReadOnlySpan<T> z = AsSpan<T, TTangents>(in c);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = Propagation.Scale(x[i], s) + Propagation.Scale(y[i], t) + Propagation.Scale(z[i], u);
        }

        return result;
    }

    /// <summary>Whether every lane is zero in every part.</summary>
    public static bool IsZero<T, TTangents>(in TTangents a)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        foreach (T lane in AsSpan<T, TTangents>(in a))
        {
            if (!Propagation.IsZero(lane))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the lanes are equal one by one (<see cref="IEquatable{T}.Equals(T)"/>, so NaN equals NaN).</summary>
    public static bool Equal<T, TTangents>(in TTangents a, in TTangents b)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        ReadOnlySpan<T> y = AsSpan<T, TTangents>(in b);
        for (int i = 0; i < x.Length; i++)
        {
            if (!x[i].Equals(y[i]))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Doubles<T, TTangents>(in TTangents lanes)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents> => ref Unsafe.As<TTangents, double>(ref Unsafe.AsRef(in lanes));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TTangents ScaleSlow<T, TTangents>(TTangents a, T s)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = Propagation.Scale(x[i], s);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TTangents ScaleSlow<T, TTangents>(TTangents a, T s, TTangents b, T t)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        Unsafe.SkipInit(out TTangents result);
        ReadOnlySpan<T> x = AsSpan<T, TTangents>(in a);
        ReadOnlySpan<T> y = AsSpan<T, TTangents>(in b);
        Span<T> r = AsWritableSpan<T, TTangents>(ref result);
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = Propagation.Scale(x[i], s) + Propagation.Scale(y[i], t);
        }

        return result;
    }
}
