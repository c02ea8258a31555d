using System.Numerics;

namespace DualAutodiff;

/// <summary>The one product used to propagate tangents and adjoints through local partials.</summary>
public static class Propagation
{
    /// <summary>The propagation product a·b, which is 0 whenever either factor is exactly zero.</summary>
    /// <typeparam name="T">The scalar type, possibly nested.</typeparam>
    /// <param name="a">A tangent, adjoint or partial.</param>
    /// <param name="b">The factor it scales.</param>
    /// <returns>a·b, or 0 when one factor is zero and IEEE arithmetic would give 0·∞ = NaN.</returns>
    /// <remarks>
    /// A zero tangent or adjoint carries no sensitivity, and neither does a zero partial, so
    /// 0·∞ = 0 here: √x at 0 has partial +∞, yet a constant's zero tangent stays 0 and x·√x has derivative 0
    /// at 0. NaN or ∞ in data still flows through every nonzero product. The fast path is a plain multiply;
    /// only a NaN product looks further. For nested scalars the NaN test reads the value part, and zero
    /// means every part zero (<see cref="IEquatable{T}.Equals(T)"/>), so tangents of tangents are kept.
    /// </remarks>
    public static T Scale<T>(T a, T b)
        where T : IFloatingPointIeee754<T>
    {
        T p = a * b;
        return T.IsNaN(p) && (IsZero(a) || IsZero(b)) ? T.Zero : p;
    }

    /// <summary>Whether <paramref name="x"/> is zero in every part (value and, for nested scalars, all tangents).</summary>
    /// <typeparam name="T">The scalar type, possibly nested.</typeparam>
    /// <param name="x">The scalar to test.</param>
    /// <returns><see langword="true"/> when x carries nothing at all.</returns>
    public static bool IsZero<T>(T x)
        where T : IFloatingPointIeee754<T> => x.Equals(T.Zero);
}
