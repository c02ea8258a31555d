using System.Globalization;
using System.Text.RegularExpressions;

namespace DualAutodiff.Benchmarks;

/// <summary>One correctness line, as every implementation prints it:
/// <c>check NAME WORKLOAD n=N f=… jvp=… grad[0:3]=a,b,c hvp[0:3]=a,b,c</c> (value, JVP, and the first three entries of
/// the gradient and of H·v at the workload's point and direction).</summary>
/// <param name="Implementation">dualautodiff, adolc or torch.</param>
/// <param name="Workload">The workload name.</param>
/// <param name="N">The input size.</param>
/// <param name="Value">f(x).</param>
/// <param name="Jvp">∇f(x)·v.</param>
/// <param name="Gradient">∇f(x)[0..3].</param>
/// <param name="Hvp">(H·v)[0..3].</param>
public sealed partial record PeerCheck(string Implementation, string Workload, int N, double Value, double Jvp, double[] Gradient, double[] Hvp)
{
    /// <summary>The line, with every number round-trippable.</summary>
    /// <returns>The <c>check …</c> line.</returns>
    public override string ToString() => FormattableString.Invariant(
        $"check {Implementation} {Workload} n={N} f={R(Value)} jvp={R(Jvp)} grad[0:3]={string.Join(',', Gradient.Select(R))} hvp[0:3]={string.Join(',', Hvp.Select(R))}");

    /// <summary>Reads the check lines of a peer's log; a missing file gives none.</summary>
    /// <param name="path">The log (<c>adolc.log</c>, <c>torch.log</c>).</param>
    /// <returns>The parsed lines.</returns>
    public static IReadOnlyList<PeerCheck> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var checks = new List<PeerCheck>();
        foreach (string line in File.ReadLines(path))
        {
            Match m = CheckLine().Match(line);
            if (m.Success)
            {
                checks.Add(new PeerCheck(m.Groups["impl"].Value, m.Groups["w"].Value, int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture),
                    D(m.Groups["f"].Value), D(m.Groups["jvp"].Value), Ds(m.Groups["g"].Value), Ds(m.Groups["h"].Value)));
            }
        }

        return checks;
    }

    /// <summary>The largest relative difference between this line and another, per quantity: value, JVP, gradient
    /// and HVP entries, each relative to the larger magnitude of the two (as in <c>compare.py</c>).</summary>
    /// <param name="other">A line for the same workload.</param>
    /// <returns>The largest relative difference.</returns>
    public double RelativeDifference(PeerCheck other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new[]
        {
            RelErr([Value], [other.Value]), RelErr([Jvp], [other.Jvp]), RelErr(Gradient, other.Gradient), RelErr(Hvp, other.Hvp),
        }.Max();
    }

    /// <summary>max |aᵢ − bᵢ| / max(|a|, |b|): a relative difference of two vectors.</summary>
    /// <param name="a">One vector.</param>
    /// <param name="b">The other, of the same length.</param>
    /// <returns>The relative difference (∞ if the lengths differ, 0 for two zero vectors).</returns>
    public static double RelErr(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            return double.PositiveInfinity;
        }

        double scale = 1e-300;
        double diff = 0;
        for (int i = 0; i < a.Length; i++)
        {
            scale = Math.Max(scale, Math.Max(Math.Abs(a[i]), Math.Abs(b[i])));
            diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
        }

        return diff / scale;
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double[] Ds(string s) => [.. s.Split(',').Select(D)];

    [GeneratedRegex(@"^check (?<impl>\S+) (?<w>\S+) n=(?<n>\d+) f=(?<f>\S+) (?:f_tape=\S+ )?jvp=(?<jvp>\S+) grad\[0:3\]=(?<g>\S+) hvp\[0:3\]=(?<h>\S+)")]
    private static partial Regex CheckLine();
}
