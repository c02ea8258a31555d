namespace DualAutodiff;

/// <summary>Settings of <see cref="GradCheck"/>: the tolerance |computed − reference| ≤ atol/sᵢ + rtol·max(|computed|,
/// |reference|) + noise, and the scale of the difference step. The defaults pass on smooth functions and fail on a
/// derivative wrong by a factor of 1.01, and by 1 + 10⁻⁵ where the rounding noise of f allows.</summary>
public sealed class GradCheckOptions
{
    /// <summary>The default settings.</summary>
    public static GradCheckOptions Default { get; } = new();

    /// <summary>rtol, the relative part of the tolerance. Default 10⁻⁶.</summary>
    /// <remarks>The reference differences are accurate to about ε^(2/3) ≈ 4·10⁻¹¹ relative plus their rounding
    /// noise (which the tolerance adds separately), so 10⁻⁶ leaves a wide margin and still catches any derivative
    /// off by more than a part in a million.</remarks>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>atol, the absolute part of the tolerance, in the scaled coordinates yᵢ = xᵢ/sᵢ,
    /// sᵢ = max(|xᵢ|, 1), where the steps are taken. Default 10⁻⁹.</summary>
    /// <remarks>An entry that is a derivative with respect to xⱼ (∂f/∂xⱼ, ∂fᵢ/∂xⱼ, (H·v)ⱼ) is allowed atol/sⱼ:
    /// the same tolerance on ∂f/∂yⱼ = sⱼ·∂f/∂xⱼ, so rescaling an input leaves the check unchanged. It matters for
    /// entries that are zero or cancel; others are held to <see cref="RelativeTolerance"/>.</remarks>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>c in the steps hᵢ = c·∛ε·max(|xᵢ|, 1) (gradient and Jacobian columns) and
    /// t = c·∛ε / maxᵢ(|vᵢ| / max(|xᵢ|, 1)) (H·v). Default 1.</summary>
    /// <remarks>A larger c lowers the rounding noise of the differences (O(ε/h)) and raises their truncation
    /// error (O(h⁴) for the four-point stencil); a function that varies on a scale much finer than its inputs'
    /// magnitudes needs c &lt; 1.</remarks>
    public double StepScale { get; init; } = 1.0;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    internal void Validate()
    {
        Check(RelativeTolerance is >= 0 and < double.PositiveInfinity, nameof(RelativeTolerance), "must be non-negative and finite");
        Check(AbsoluteTolerance is >= 0 and < double.PositiveInfinity, nameof(AbsoluteTolerance), "must be non-negative and finite");
        Check(StepScale is > 0 and < double.PositiveInfinity, nameof(StepScale), "must be positive and finite");
    }

    private static void Check(bool ok, string setting, string what)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options", $"GradCheckOptions.{setting} {what}.");
        }
    }
}
