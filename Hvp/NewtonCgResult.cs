namespace DualAutodiff;

/// <summary>Why <see cref="NewtonCg.Minimize"/> stopped.</summary>
public enum NewtonCgStatus
{
    /// <summary>A convergence test of <see cref="NewtonCgOptions"/> holds: the relative gradient
    /// (<see cref="NewtonCgOptions.RelativeGradientTolerance"/>), the absolute one
    /// (<see cref="NewtonCgOptions.GradientTolerance"/>), or the stall test (no step changes x any more and the Newton
    /// step predicts a decrease below <see cref="NewtonCgOptions.FunctionTolerance"/>·|f|).
    /// <see cref="NewtonCgResult.Message"/> says which.</summary>
    Converged,

    /// <summary>The iteration budget <see cref="NewtonCgOptions.MaxIterations"/> ran out first.</summary>
    IterationLimit,

    /// <summary>f, ∇f or H·v was NaN or infinite where it must be finite: at the start point, in a curvature
    /// dᵀHd, or −∞ at a trial point (f unbounded below). The result holds the last finite point.</summary>
    NonFiniteValue,

    /// <summary>No step changes x any more (the trust region shrank below the resolution of x), yet the Newton step
    /// still predicts a decrease of f above rounding: progress is blocked (NaN/∞ near x, or noise in f), and x is not
    /// a minimiser to working precision.</summary>
    StepTooSmall,

    /// <summary><see cref="NewtonCgOptions.CancellationToken"/> was signalled.</summary>
    Cancelled,
}

/// <summary>The state after one Newton-CG iteration, handed to <see cref="NewtonCgOptions.Progress"/>.</summary>
/// <param name="Iteration">The iteration number, from 1.</param>
/// <param name="Value">f at the current point (after the step, if it was accepted).</param>
/// <param name="GradientNorm">‖∇f‖₂ at the current point.</param>
/// <param name="CgSteps">Conjugate-gradient steps (H·v products) this iteration.</param>
/// <param name="TrustRadius">The trust-region radius for the next iteration.</param>
/// <param name="StepAccepted">Whether this iteration's step was taken.</param>
/// <param name="Elapsed">Time since the start of the run.</param>
public readonly record struct NewtonCgProgress(int Iteration, double Value, double GradientNorm, int CgSteps, double TrustRadius, bool StepAccepted, TimeSpan Elapsed);

/// <summary>The outcome of <see cref="NewtonCg.Minimize"/>.</summary>
public sealed class NewtonCgResult
{
    internal NewtonCgResult(double[] point, double value, double gradientNorm, int iterations, NewtonCgStatus status, string message, long hessianVectorProducts, long gradientEvaluations, TimeSpan elapsed)
    {
        Point = point;
        Value = value;
        GradientNorm = gradientNorm;
        Iterations = iterations;
        Status = status;
        Message = message;
        HessianVectorProducts = hessianVectorProducts;
        GradientEvaluations = gradientEvaluations;
        Elapsed = elapsed;
    }

    /// <summary>The final point: the minimiser if <see cref="Converged"/>, else the best point reached.</summary>
    public double[] Point { get; }

    /// <summary>f at <see cref="Point"/>.</summary>
    public double Value { get; }

    /// <summary>‖∇f‖₂ at <see cref="Point"/>.</summary>
    public double GradientNorm { get; }

    /// <summary>Trust-region iterations run (accepted and rejected steps).</summary>
    public int Iterations { get; }

    /// <summary>Whether a convergence test held (<see cref="NewtonCgStatus.Converged"/>).</summary>
    public bool Converged => Status == NewtonCgStatus.Converged;

    /// <summary>Why the run stopped.</summary>
    public NewtonCgStatus Status { get; }

    /// <summary>The reason in words, for logs and exceptions.</summary>
    public string Message { get; }

    /// <summary>Hessian-vector products formed, one per conjugate-gradient step.</summary>
    public long HessianVectorProducts { get; }

    /// <summary>Value-and-gradient evaluations (one at the start, one per trial point).</summary>
    public long GradientEvaluations { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Status} after {Iterations} iterations: f = {Value:G6}, ‖∇f‖ = {GradientNorm:G3}, {HessianVectorProducts} H·v. {Message}";
}
