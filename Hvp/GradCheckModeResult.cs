using System.Globalization;

namespace DualAutodiff;

/// <summary>How one mode of <see cref="GradCheck"/> compared with its reference: its largest error and the entry
/// where it occurred, or the exception it threw.</summary>
public sealed class GradCheckModeResult
{
    internal GradCheckModeResult(string mode, double maxError, int[] index, double computed, double reference, double tolerance, string? failure)
    {
        Mode = mode;
        MaxError = maxError;
        Index = index;
        Computed = computed;
        Reference = reference;
        Tolerance = tolerance;
        Failure = failure;
    }

    /// <summary>The mode, e.g. <c>Reverse.Gradient</c>, or a pair compared with each other, e.g.
    /// <c>ReverseOverForward vs ForwardOverReverse</c>.</summary>
    public string Mode { get; }

    /// <summary>Whether every entry was within its tolerance (<see cref="MaxError"/> ≤ 1).</summary>
    public bool Passed => MaxError <= 1;

    /// <summary>The largest error over the entries, in units of each entry's tolerance:
    /// |computed − reference| / tolerance. At most 1 passes; +∞ when the mode threw or a value was NaN or ∞
    /// where the other was not; 0 when there were no entries.</summary>
    public double MaxError { get; }

    /// <summary>The worst entry: [i] for a gradient or H·v, [i, j] for a Jacobian, [k] for the k-th seed pair of
    /// an identity; empty when the mode was not compared or had no entries.</summary>
    public IReadOnlyList<int> Index { get; }

    /// <summary>The worst entry's index as text, e.g. <c>[1]</c> or <c>[0, 2]</c>.</summary>
    public string Entry => "[" + string.Join(", ", Index) + "]";

    /// <summary>The mode's value at the worst entry (NaN when it was not compared).</summary>
    public double Computed { get; }

    /// <summary>The reference at the worst entry: the differences, or the other mode of a pair.</summary>
    public double Reference { get; }

    /// <summary>The worst entry's tolerance on |computed − reference|.</summary>
    public double Tolerance { get; }

    /// <summary>Why the mode has no comparison: "threw Type: message" when it threw, or what else went wrong
    /// (another mode of its pair threw, it returned the wrong number of entries); null when it was compared.</summary>
    public string? Failure { get; }

    /// <summary>One line: the mode, its largest error and worst entry with computed and reference values, or what
    /// it threw.</summary>
    /// <returns>The line, without a newline.</returns>
    public override string ToString()
    {
        if (Failure is not null)
        {
            return $"{Mode}: {Failure}";
        }

        if (Index.Count == 0)
        {
            return $"{Mode}: no entries";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{Mode}: max error {MaxError:G3} at {Entry}: {Computed:R} vs {Reference:R} (|difference| {Math.Abs(Computed - Reference):G3}, tolerance {Tolerance:G3})");
    }

    /// <summary>The result of a mode that could not be compared, failed with error +∞.</summary>
    internal static GradCheckModeResult Failed(string mode, string failure) =>
        new(mode, double.PositiveInfinity, [], double.NaN, double.NaN, double.NaN, failure);

    /// <summary>An exception as "threw Type: message".</summary>
    internal static string Threw(Exception e) => $"threw {e.GetType().Name}: {e.Message}";
}
