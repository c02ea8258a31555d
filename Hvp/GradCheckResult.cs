using System.Globalization;
using System.Text;

namespace DualAutodiff;

/// <summary>The outcome of a <see cref="GradCheck"/>: whether every mode agreed with its reference, the worst
/// mode and entry, and one <see cref="GradCheckModeResult"/> per mode.</summary>
public sealed class GradCheckResult
{
    internal GradCheckResult(string check, int inputLength, GradCheckOptions options, GradCheckModeResult[] modes)
    {
        Check = check;
        InputLength = inputLength;
        Options = options;
        Modes = modes;
        GradCheckModeResult worst = modes[0];
        foreach (GradCheckModeResult mode in modes)
        {
            if (mode.MaxError > worst.MaxError)
            {
                worst = mode;
            }
        }

        Worst = worst;
    }

    /// <summary>What was checked: <c>GradCheck.Gradient</c>, <c>GradCheck.Jacobian</c> or <c>GradCheck.Hvp</c>.</summary>
    public string Check { get; }

    /// <summary>n, the number of inputs.</summary>
    public int InputLength { get; }

    /// <summary>The settings the check ran with.</summary>
    public GradCheckOptions Options { get; }

    /// <summary>Every mode's comparison, in the order they ran.</summary>
    public IReadOnlyList<GradCheckModeResult> Modes { get; }

    /// <summary>Whether every mode passed.</summary>
    public bool Passed => MaxError <= 1;

    /// <summary>The largest error over all modes and entries, in units of each entry's tolerance
    /// (|computed − reference| / tolerance): at most 1 passes, +∞ when a mode threw.</summary>
    public double MaxError => Worst.MaxError;

    /// <summary>The mode with the largest error (the first on a tie).</summary>
    public GradCheckModeResult Worst { get; }

    /// <summary>The name of the mode with the largest error.</summary>
    public string WorstMode => Worst.Mode;

    /// <summary>The worst entry of the worst mode: [i], [i, j] or [k] (see <see cref="GradCheckModeResult.Index"/>).</summary>
    public IReadOnlyList<int> WorstIndex => Worst.Index;

    /// <summary>The worst mode's value at its worst entry.</summary>
    public double Computed => Worst.Computed;

    /// <summary>The reference at the worst entry.</summary>
    public double Reference => Worst.Reference;

    /// <summary>The tolerance at the worst entry.</summary>
    public double Tolerance => Worst.Tolerance;

    /// <summary>A report: a header with n and the settings, one line per mode with its largest error and worst
    /// entry, then a PASSED or FAILED line naming the worst mode and entry with computed and reference values.</summary>
    /// <returns>The report, lines separated by <c>\n</c>.</returns>
    public override string ToString()
    {
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture,
            $"{Check}, n = {InputLength}, rtol {Options.RelativeTolerance:G3}, atol {Options.AbsoluteTolerance:G3}, step scale {Options.StepScale:G3}\n");
        foreach (GradCheckModeResult mode in Modes)
        {
            report.Append("  ").Append(mode.Passed ? "ok    " : "FAIL  ").Append(mode).Append('\n');
        }

        report.Append(Passed ? "PASSED" : "FAILED").Append(": worst ").Append(Worst.Mode);
        if (Worst.Failure is not null)
        {
            report.Append(' ').Append(Worst.Failure);
        }
        else if (Worst.Index.Count > 0)
        {
            report.Append(CultureInfo.InvariantCulture,
                $" at {Worst.Entry}: computed {Computed:R} vs reference {Reference:R}, |difference| {Math.Abs(Computed - Reference):G3} {(Passed ? "≤" : ">")} tolerance {Tolerance:G3} (error {MaxError:G3})");
        }

        return report.ToString();
    }
}
