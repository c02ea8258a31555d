namespace DualAutodiff;

/// <summary>Settings of <see cref="NewtonCg.Minimize"/>; every default solves the standard test problems
/// without tuning (all 35 of Moré, Garbow and Hillstrom from their standard starts, <c>Tests/Hvp/Mgh/</c>).</summary>
/// <remarks>The run converges when any one test holds: the absolute <see cref="GradientTolerance"/>, the
/// <see cref="RelativeGradientTolerance"/>, or the stall test of <see cref="FunctionTolerance"/>. The relative tests
/// make the defaults independent of the scale of f and x: a tolerance on ‖∇f‖ alone is either above what a
/// minimiser with f* = 0 needs or below rounding where f* ≈ 10⁵.</remarks>
public sealed class NewtonCgOptions
{
    /// <summary>The default settings.</summary>
    public static NewtonCgOptions Default { get; } = new();

    /// <summary>Converged when the Euclidean gradient norm ‖∇f‖₂ is at most this. Default 0 (off: the relative
    /// tests decide).</summary>
    public double GradientTolerance { get; init; }

    /// <summary>Converged when ‖∇f ⊙ max(|x|, 1)‖₂ ≤ this·max(|f|, 1) (the gradient with respect to relative
    /// changes of the variables, relative to f, or absolute for |f| &lt; 1). Default 1e-10.</summary>
    public double RelativeGradientTolerance { get; init; } = 1e-10;

    /// <summary>The stall test: when no step changes x or f any more (the trust region has shrunk below the
    /// resolution of x, or x + p = x), the run has converged if the unconstrained Newton step predicts a decrease of
    /// f of at most this·|f| (progress is below rounding in f), and stops with
    /// <see cref="NewtonCgStatus.StepTooSmall"/> otherwise. Default 1e-13; f is then within about this relative of
    /// the local minimum.</summary>
    public double FunctionTolerance { get; init; } = 1e-13;

    /// <summary>The budget of trust-region iterations (accepted or rejected steps); default max(1000, 200·n).</summary>
    /// <remarks>SciPy's 200·n is too small for n = 3: Meyer's curved valley takes about 500 iterations.</remarks>
    public int? MaxIterations { get; init; }

    /// <summary>The budget of conjugate-gradient steps (each one H·v) per iteration; default n, where CG is
    /// exact in exact arithmetic. A smaller budget truncates the Newton step, which stays a descent step.</summary>
    public int? MaxCgIterations { get; init; }

    /// <summary>The first trust-region radius Δ₀ in scaled units (see <see cref="Scaling"/>); default 1, a
    /// relative change of 100 % in the variables' own scale.</summary>
    public double? InitialTrustRadius { get; init; }

    /// <summary>The largest trust-region radius, in scaled units; default unlimited.</summary>
    public double? MaxTrustRadius { get; init; }

    /// <summary>Whether the trust region is scaled, ‖Dp‖ ≤ Δ with dᵢ = 1/max(|xᵢ|, |x₀ᵢ|, <see cref="TypicalMagnitude"/>),
    /// non-increasing over the run, so each variable moves in its own units. Default true; false gives the plain
    /// Euclidean region ‖p‖ ≤ Δ.</summary>
    public bool Scaling { get; init; } = true;

    /// <summary>The magnitude below which a variable counts as of scale 1 for <see cref="Scaling"/>. Default 1.</summary>
    public double TypicalMagnitude { get; init; } = 1;

    /// <summary>A step is accepted when the actual reduction is more than this fraction of the reduction the
    /// quadratic model predicts, ρ &gt; η. Default 0.15, as SciPy's <c>trust-ncg</c>; in [0, 0.25).</summary>
    public double Eta { get; init; } = 0.15;

    /// <summary>Called after every iteration with its value, gradient norm, CG steps and elapsed time.</summary>
    public Action<NewtonCgProgress>? Progress { get; init; }

    /// <summary>Stops the run between iterations (status <see cref="NewtonCgStatus.Cancelled"/>).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Throws when a setting is out of range, naming it (<c>options.Eta</c>).</summary>
    internal void Validate()
    {
        Check(GradientTolerance >= 0, nameof(GradientTolerance), GradientTolerance, "must be non-negative");
        Check(RelativeGradientTolerance >= 0, nameof(RelativeGradientTolerance), RelativeGradientTolerance, "must be non-negative");
        Check(FunctionTolerance >= 0, nameof(FunctionTolerance), FunctionTolerance, "must be non-negative");
        Check(MaxIterations is null or >= 0, nameof(MaxIterations), MaxIterations, "must be non-negative");
        Check(MaxCgIterations is null or > 0, nameof(MaxCgIterations), MaxCgIterations, "must be positive");
        Check(InitialTrustRadius is null or > 0 and < double.PositiveInfinity, nameof(InitialTrustRadius), InitialTrustRadius, "must be positive and finite");
        Check(MaxTrustRadius is null or > 0, nameof(MaxTrustRadius), MaxTrustRadius, "must be positive");
        Check(TypicalMagnitude is > 0 and < double.PositiveInfinity, nameof(TypicalMagnitude), TypicalMagnitude, "must be positive and finite");
        Check(Eta is >= 0 and < 0.25, nameof(Eta), Eta, "must be in [0, 0.25)");
    }

    private static void Check(bool ok, string setting, object? value, string what)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException($"options.{setting}", value, $"NewtonCgOptions.{setting} {what}.");
        }
    }
}
