using DMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace DualAutodiff;

/// <summary>What the curvature at a stationary point says about it.</summary>
public enum StationaryPointKind
{
    /// <summary>Every Hessian eigenvalue is positive: a strict local minimum.</summary>
    Minimum,

    /// <summary>Every Hessian eigenvalue is negative: a strict local maximum.</summary>
    Maximum,

    /// <summary>Eigenvalues of both signs: a saddle point (whatever the zero ones do).</summary>
    Saddle,

    /// <summary>Some eigenvalue is zero (within the tolerance) and the rest share a sign: the second-order
    /// test cannot decide (x⁴ and −x⁴ and x³ all look like this at 0).</summary>
    Degenerate,
}

/// <summary>The classification of a point by the second-order test, with the evidence.</summary>
/// <param name="Kind">Minimum, maximum, saddle or degenerate, from the Hessian's eigenvalues.</param>
/// <param name="Eigenvalues">The Hessian's eigenvalues in ascending order.</param>
/// <param name="GradientNorm">‖∇f‖₂ at the point (<see cref="double.NaN"/> when only a Hessian was given):
/// the classification describes a stationary point only when this is (close to) zero.</param>
public sealed record StationaryPoint(StationaryPointKind Kind, double[] Eigenvalues, double GradientNorm)
{
    /// <summary>The kind, the eigenvalues and the gradient norm, readable: <c>Minimum (eigenvalues 0.4, 1002; ‖∇f‖ = 2.8e-11)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Kind} (eigenvalues {string.Join(", ", Eigenvalues.Select(e => e.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}; ‖∇f‖ = {GradientNorm.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>The default relative tolerance under which an eigenvalue counts as zero.</summary>
    public const double DefaultTolerance = 1e-8;

    /// <summary>Classifies the point x of f by the eigenvalues of its exact Hessian.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, normally one where ∇f = 0.</param>
    /// <param name="tolerance">An eigenvalue λ counts as zero when |λ| ≤ tolerance·max(1, max|λ|).</param>
    /// <returns>The kind, the eigenvalues and ‖∇f(x)‖₂.</returns>
    /// <remarks>The Hessian is formed (n forward-over-reverse products), so this is for moderate n.</remarks>
    public static StationaryPoint Classify(IScalarFunction f, double[] x, double tolerance = DefaultTolerance)
    {
        DMatrix hessian = DMatrix.Build.DenseOfArray(Hvp.Hessian(f, x));
        double[] gradient = Reverse.Gradient(f, x);
        double norm = Math.Sqrt(gradient.Sum(g => g * g));
        return Classify(hessian, tolerance) with { GradientNorm = norm };
    }

    /// <summary>Classifies a point by the eigenvalues of a symmetric Hessian (MathNet's symmetric EVD).</summary>
    /// <param name="hessian">The symmetric Hessian at the point.</param>
    /// <param name="tolerance">An eigenvalue λ counts as zero when |λ| ≤ tolerance·max(1, max|λ|).</param>
    /// <returns>The kind and the eigenvalues; <see cref="GradientNorm"/> is NaN.</returns>
    /// <exception cref="ArgumentException">The matrix is not square, has a NaN or ∞, or the tolerance is
    /// negative.</exception>
    public static StationaryPoint Classify(DMatrix hessian, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        if (hessian.RowCount != hessian.ColumnCount || hessian.RowCount == 0)
        {
            throw new ArgumentException($"The Hessian must be square and non-empty, not {hessian.RowCount}×{hessian.ColumnCount}.", nameof(hessian));
        }

        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be non-negative.");
        }

        if (hessian.Exists(h => !double.IsFinite(h)))
        {
            throw new ArgumentException("The Hessian has a NaN or infinite entry; its eigenvalues say nothing.", nameof(hessian));
        }

        double[] eigenvalues = [.. hessian.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(c => c.Real).Order()];
        double zero = tolerance * Math.Max(1, eigenvalues.Max(Math.Abs));
        bool positive = eigenvalues.Any(l => l > zero);
        bool negative = eigenvalues.Any(l => l < -zero);
        bool flat = eigenvalues.Any(l => Math.Abs(l) <= zero);
        StationaryPointKind kind = positive && negative ? StationaryPointKind.Saddle
            : flat ? StationaryPointKind.Degenerate
            : positive ? StationaryPointKind.Minimum
            : StationaryPointKind.Maximum;
        return new StationaryPoint(kind, eigenvalues, double.NaN);
    }
}
