using System.Numerics;

namespace DualAutodiff;

public static partial class GradCheck
{
    /// <summary>The scale sᵢ = max(|xᵢ|, 1) of one input: its magnitude, or 1 near 0, where a relative step
    /// would vanish.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="xi">The input xᵢ.</param>
    /// <returns>sᵢ; NaN if <paramref name="xi"/> is NaN.</returns>
    internal static T InputScale<T>(T xi)
        where T : IFloatingPointIeee754<T> => T.Max(T.Abs(xi), T.One);

    /// <summary>The central-difference step of one input alone, hᵢ = ∛ε·sᵢ with sᵢ = max(|xᵢ|, 1).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="xi">The input xᵢ.</param>
    /// <returns>hᵢ, which is <see cref="StepAlong{T}"/> for the unit vector eᵢ.</returns>
    internal static T Step<T>(T xi)
        where T : IFloatingPointIeee754<T> => CubeRootEpsilon<T>() * InputScale(xi);

    /// <summary>The central-difference step t along a direction v, scaled per input:
    /// t = ∛ε / maxᵢ(|vᵢ| / sᵢ) with sᵢ = max(|xᵢ|, 1); zero when v = 0.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction, of the length of <paramref name="x"/>.</param>
    /// <returns>t, so that the points x ± t·v are differenced; NaN when v or x holds NaN or ∞.</returns>
    /// <remarks>
    /// <para>
    /// In the scaled coordinates yᵢ = xᵢ/sᵢ every input has scale 1, and the usual central-difference step is
    /// ∛ε along a direction of unit ∞-norm: it balances the O(τ²) truncation error of the two-point stencil
    /// against its O(ε/τ) rounding error. The direction v is w = S⁻¹v in those coordinates (S = diag(sᵢ)), and a
    /// step τ along w/‖w‖∞ is the step t = τ/‖w‖∞ along v; hence t = ∛ε/maxᵢ(|vᵢ|/sᵢ). Each input then moves by
    /// t·|vᵢ| ≤ ∛ε·sᵢ, never more than its own step, and the input that moves most relative to its scale moves
    /// exactly that.
    /// </para>
    /// <para>
    /// The scales have to enter through the one scalar t: a directional difference needs one direction, and
    /// perturbing x ± t·(h∘v) would difference along h∘v, giving H·(h∘v) instead of H·v. For v = eᵢ the step is
    /// hᵢ = ∛ε·sᵢ (<see cref="Step{T}"/>); for equal scales s = max(1, ‖x‖∞) it is ∛ε·max(1, ‖x‖∞)/‖v‖∞, which
    /// lets a large input set the step of a small one (at x = (10⁻⁸, 10⁸) the first input would move by 600).
    /// Scaling v by α scales t by 1/α, so the points x ± t·v, and the differences divided by t, scale exactly.
    /// NaN or ∞ in v gives a NaN step, so it flows through to NaN differences instead of looking like v = 0.
    /// </para>
    /// </remarks>
    internal static T StepAlong<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> v)
        where T : IFloatingPointIeee754<T>
    {
        T rate = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            rate = T.Max(rate, T.Abs(v[i]) / InputScale(x[i]));
        }

        if (T.IsZero(rate))
        {
            return T.Zero;
        }

        return T.IsFinite(rate) ? CubeRootEpsilon<T>() / rate : T.NaN;
    }

    /// <summary>∛ε, ε the distance from 1 to the next larger <typeparamref name="T"/>.</summary>
    private static T CubeRootEpsilon<T>()
        where T : IFloatingPointIeee754<T> => T.Cbrt(T.BitIncrement(T.One) - T.One);
}
