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
    /// only a NaN product looks further. For nested scalars the rule applies level by level: the value part is
    /// the propagation product of the value parts, and the other parts are those of the ordinary product (whose
    /// tangents already use this rule), so Dual(0, 1)·Dual(∞, 0) = Dual(0, ∞): the first-order part stays 0
    /// as without nesting, and the tangent of the tangent keeps its honest ∞. A recorded <c>Var</c> with value
    /// 0 is zero in value even though it is not <see cref="IsZero{T}"/> (its derivative may not be).
    /// </remarks>
    public static T Scale<T>(T a, T b)
        where T : IFloatingPointIeee754<T>
    {
        T p = a * b;
        if (!T.IsNaN(p))
        {
            return p;
        }

        // Nested: the value part is decided one level down; a NaN in data still gives NaN there.
        return p is IPropagationProduct<T> nested
            ? nested.WithPropagatedValue(a, b)
            : IsZero(a) || IsZero(b) ? T.Zero : p;
    }

    /// <summary><see cref="Scale{T}"/> forced in line, for the slow paths of the dual numbers' chain rules.</summary>
    /// <remarks>For a plain <typeparamref name="T"/> (double, float, Half) the whole product is a few instructions in
    /// the caller: a call left in a rarely run block makes the JIT spill every vector register live across it (SysV
    /// has no callee-saved ones), which costs a store and a reload per accumulator in a user's loop. Nested scalars
    /// call <see cref="Scale{T}"/>.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static T ScaleInline<T>(T a, T b)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float) && typeof(T) != typeof(Half))
        {
            return Scale(a, b);
        }

        T p = a * b;
        return T.IsNaN(p) && (T.IsZero(a) || T.IsZero(b)) ? T.Zero : p;
    }

    /// <summary>Whether <paramref name="x"/> is zero in every part (value and, for nested scalars, all tangents).</summary>
    /// <typeparam name="T">The scalar type, possibly nested.</typeparam>
    /// <param name="x">The scalar to test.</param>
    /// <returns><see langword="true"/> when x carries nothing at all.</returns>
    public static bool IsZero<T>(T x)
        where T : IFloatingPointIeee754<T> => x.Equals(T.Zero);
}
