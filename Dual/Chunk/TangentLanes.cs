using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

/// <summary>
/// The chain-rule products on the lanes of an <see cref="ITangents{T, TSelf}"/>: each lane is exactly what
/// <see cref="Dual{T}"/> computes for one tangent, so k lanes give bit for bit the k single-tangent results.
/// </summary>
/// <remarks>
/// The 0·∞ = 0 rule costs one NaN test per lane: the plain products are exact unless one is NaN, and only then is
/// every lane recomputed with the exact propagation product, in line for a plain T (no call, so nothing is spilled), as
/// <see cref="Dual{T}"/> does per tangent.
/// </remarks>
internal static class TangentLanes
{
    /// <summary>Zero in every lane.</summary>
    /// <remarks>The default of every supported scalar is its zero (a <c>Var</c>'s default is the constant 0).</remarks>
    public static TTangents Zero<T, TTangents>()
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents> => default;

    /// <summary>Lanes copied from a span of exactly <c>Count</c> elements.</summary>
    public static TTangents From<T, TTangents>(ReadOnlySpan<T> source)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        TTangents result = default;
        for (int i = 0; i < source.Length; i++)
        {
            TTangents.Set(ref result, i, source[i]);
        }

        return result;
    }

    /// <summary>The first lanes, copied into <paramref name="destination"/> (its length, at most <c>Count</c>).</summary>
    public static void CopyTo<T, TTangents>(in TTangents lanes, Span<T> destination)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = TTangents.Get(in lanes, i);
        }
    }

    /// <summary>The propagation product aₗ·s in every lane (<see cref="Propagation.Scale{T}"/>: 0·∞ = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TTangents Scale<T, TTangents>(in TTangents a, T s)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        TTangents p = TTangents.Multiply(in a, s);
        return TTangents.AnyNaN(in p) ? TTangents.Scale(in a, s) : p;
    }

    /// <summary>aₗ·s + bₗ·t in every lane, each product a propagation product (the binary chain rule).</summary>
    /// <remarks>As <see cref="Dual{T}"/>: the plain sum unless it is NaN, when only a 0·∞ can be to blame; where the
    /// plain sum is not NaN, neither product is, so recomputing every lane changes only the NaN ones.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TTangents Scale<T, TTangents>(in TTangents a, T s, in TTangents b, T t)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        TTangents p = TTangents.Multiply(in a, s, in b, t);
        return TTangents.AnyNaN(in p) ? TTangents.Scale(in a, s, in b, t) : p;
    }

    /// <summary>Whether every lane is zero in every part.</summary>
    public static bool IsZero<T, TTangents>(in TTangents a)
        where T : IFloatingPointIeee754<T>
        where TTangents : struct, ITangents<T, TTangents>
    {
        for (int i = 0; i < TTangents.Count; i++)
        {
            if (!Propagation.IsZero(TTangents.Get(in a, i)))
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
        for (int i = 0; i < TTangents.Count; i++)
        {
            if (!TTangents.Get(in a, i).Equals(TTangents.Get(in b, i)))
            {
                return false;
            }
        }

        return true;
    }
}
