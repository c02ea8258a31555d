namespace DualAutodiff;

/// <summary>Settings of <see cref="NewtonCg.Minimize"/>; every default solves the standard test problems
/// without tuning.</summary>
public sealed class NewtonCgOptions
{
    /// <summary>The default settings.</summary>
    public static NewtonCgOptions Default { get; } = new();

    /// <summary>Converged when the Euclidean gradient norm ‖∇f‖₂ is at most this. Default 1e-8.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>The budget of trust-region iterations (accepted or rejected steps); default 200·n, as SciPy.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>The budget of conjugate-gradient steps (each one H·v) per iteration; default n, where CG is
    /// exact in exact arithmetic. A smaller budget truncates the Newton step, which stays a descent step.</summary>
    public int? MaxCgIterations { get; init; }

    /// <summary>The first trust-region radius Δ₀; default max(1, ‖x₀‖₂), so the first steps scale with the
    /// problem rather than with a fixed unit.</summary>
    public double? InitialTrustRadius { get; init; }

    /// <summary>The largest trust-region radius; default 1000·Δ₀.</summary>
    public double? MaxTrustRadius { get; init; }

    /// <summary>A step is accepted when the actual reduction is more than this fraction of the reduction the
    /// quadratic model predicts, ρ &gt; η. Default 0.15, as SciPy's <c>trust-ncg</c>; in [0, 0.25).</summary>
    public double Eta { get; init; } = 0.15;

    /// <summary>Called after every iteration with its value, gradient norm, CG steps and elapsed time.</summary>
    public Action<NewtonCgProgress>? Progress { get; init; }

    /// <summary>Stops the run between iterations (status <see cref="NewtonCgStatus.Cancelled"/>).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    internal void Validate()
    {
        Check(GradientTolerance >= 0, nameof(GradientTolerance), "must be non-negative");
        Check(MaxIterations is null or >= 0, nameof(MaxIterations), "must be non-negative");
        Check(MaxCgIterations is null or > 0, nameof(MaxCgIterations), "must be positive");
        Check(InitialTrustRadius is null or > 0 and < double.PositiveInfinity, nameof(InitialTrustRadius), "must be positive and finite");
        Check(MaxTrustRadius is null or > 0, nameof(MaxTrustRadius), "must be positive");
        Check(Eta is >= 0 and < 0.25, nameof(Eta), "must be in [0, 0.25)");
    }

    private static void Check(bool ok, string setting, string what)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException("options", $"NewtonCgOptions.{setting} {what}.");
        }
    }
}
