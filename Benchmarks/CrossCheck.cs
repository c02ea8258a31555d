using System.Globalization;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>Checks that the C# workloads compute what the peers compute: prints DualAutodiff's <c>check</c> line per
/// workload, compares it with the peers' lines (<c>adolc.log</c>, <c>torch.log</c>), checks that every HVP route
/// agrees with forward-over-reverse, and writes the full vectors for <c>peers/compare.py</c>.</summary>
public static class CrossCheck
{
    /// <summary>The largest relative difference accepted between two exact computations (as in <c>compare.py</c>).</summary>
    public const double ExactTolerance = 1e-9;

    /// <summary>The largest relative difference accepted for the finite-difference HVP (about ⅔ of the digits).</summary>
    public const double FiniteDifferenceTolerance = 1e-5;

    /// <summary>Runs the checks and prints one line per check.</summary>
    /// <param name="workloads">The workloads.</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="vectorFile">Where the full value, JVP, gradient and HVP go, in <c>compare.py</c>'s format; null for nowhere.</param>
    /// <returns>True when every check passed.</returns>
    public static bool Run(IEnumerable<Workload> workloads, TextWriter output, string? vectorFile)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        ArgumentNullException.ThrowIfNull(output);
        PeerCheck[] peers = [.. PeerCheck.Load(Path.Combine(RepositoryPaths.PeerResults, "adolc.log")),
            .. PeerCheck.Load(Path.Combine(RepositoryPaths.PeerResults, "torch.log"))];
        using StreamWriter? vectors = vectorFile is null ? null : new StreamWriter(vectorFile);
        bool ok = true;
        foreach (Workload w in workloads)
        {
            double value = w.Function.Evaluate<double>(w.Point);
            double jvp = Forward.Jvp(w.Function, w.Point, w.Direction).Tangent;
            double[] gradient = Reverse.Gradient(w.Function, w.Point);
            double[] hvp = Hvp.Compute(w.Function, w.Point, w.Direction);
            var mine = new PeerCheck("dualautodiff", w.PeerName, w.N, value, jvp, gradient[..Math.Min(3, w.N)], hvp[..Math.Min(3, w.N)]);
            output.WriteLine(mine);
            vectors?.Write(FormattableString.Invariant($"workload {w.Name} {w.N}\nvalue {value:R}\njvp {jvp:R}\ngrad {Join(gradient)}\nhvp {Join(hvp)}\n"));

            ok &= Report(output, w, "jvp = gradient·v", PeerCheck.RelErr([jvp], [Dot(gradient, w.Direction)]), ExactTolerance);
            foreach (HvpMethod method in Enum.GetValues<HvpMethod>().Where(m => m != HvpMethod.ForwardOverReverse))
            {
                double tolerance = method == HvpMethod.FiniteDifference ? FiniteDifferenceTolerance : ExactTolerance;
                ok &= Report(output, w, $"{Mode.HvpName(method)} = hvp", PeerCheck.RelErr(Hvp.Compute(w.Function, w.Point, w.Direction, method), hvp), tolerance);
            }

            foreach (PeerCheck peer in peers.Where(p => p.Workload == w.PeerName && p.N == w.N))
            {
                ok &= Report(output, w, $"= {peer.Implementation}", mine.RelativeDifference(peer), ExactTolerance);
            }
        }

        return ok;
    }

    private static bool Report(TextWriter output, Workload w, string what, double relativeError, double tolerance)
    {
        bool ok = relativeError <= tolerance;
        output.WriteLine(FormattableString.Invariant($"check {w.Name} n={w.N}: {what}: relerr={relativeError:E2} (tol {tolerance:E0}) -> {(ok ? "OK" : "MISMATCH")}"));
        return ok;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static string Join(double[] values) => string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
