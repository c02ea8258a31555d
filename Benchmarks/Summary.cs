using System.Globalization;

namespace DualAutodiff.Benchmarks;

/// <summary>The compact results table of the README: one row per workload and n, with DualAutodiff's ratios to plain
/// <c>double</c> and its gradient and HVP times next to PyTorch's and ADOL-C's (reused and re-recorded tape), from the
/// result files.</summary>
public static class Summary
{
    // the kernel-written workloads compare with the peers' rows of the same function
    private static readonly (string Workload, int N, string Peer)[] s_cases =
        [("rosenbrock", 10, "rosenbrock"), ("rosenbrock", 1000, "rosenbrock"), ("rosenbrock", 100_000, "rosenbrock"), ("logistic", 100, "logistic"),
         ("mlp", 5313, "mlp"), ("advection", 100, "advection"),
         ("rosenbrock-kernels", 100_000, "rosenbrock"), ("logistic-kernels", 100, "logistic"), ("mlp-kernels", 5313, "mlp")];

    /// <summary>Writes the table in Markdown.</summary>
    /// <param name="ours">DualAutodiff's results.</param>
    /// <param name="torch">PyTorch's results.</param>
    /// <param name="adolc">ADOL-C's results.</param>
    /// <param name="output">Where the table goes.</param>
    public static void Print(ResultSet ours, ResultSet torch, ResultSet adolc, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(torch);
        ArgumentNullException.ThrowIfNull(adolc);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("| workload | n | plain µs | JVP / plain | gradient / plain | HVP / gradient | gradient µs | vs PyTorch | vs ADOL-C | vs ADOL-C re-taped | HVP µs | vs PyTorch | vs ADOL-C | vs ADOL-C re-taped |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach ((string w, int n, string peer) in s_cases)
        {
            double? plain = ours.Get(w, "plain", n);
            double? gradient = ours.Get(w, "gradient", n);
            double? hvp = ours.Get(w, "hvp", n);
            if (plain is null && gradient is null && hvp is null)
            {
                continue;
            }

            string[] cells =
            [
                w, n.ToString(CultureInfo.InvariantCulture), Time(plain),
                Ratio(ours.Get(w, "jvp", n), plain), Ratio(gradient, plain), Ratio(hvp, gradient),
                Time(gradient), Ratio(gradient, torch.Get(peer, "gradient", n)), Ratio(gradient, adolc.Get(peer, "gradient", n)),
                Ratio(gradient, adolc.Get(peer, "gradient-retape", n)),
                Time(hvp), Ratio(hvp, torch.Get(peer, "hvp", n)), Ratio(hvp, adolc.Get(peer, "hvp", n)), Ratio(hvp, adolc.Get(peer, "hvp-retape", n)),
            ];
            output.WriteLine($"| {string.Join(" | ", cells)} |");
        }

        output.WriteLine();
        output.WriteLine("Ratios \"vs …\" are DualAutodiff's time over the peer's: below 1 means DualAutodiff is faster. DualAutodiff records");
        output.WriteLine("its tape on every call, like PyTorch and ADOL-C re-taped; \"vs ADOL-C\" replays a tape recorded once.");
    }

    /// <summary>Writes the table against Sacado (expression-template forward mode <c>SFad&lt;double,1&gt;</c>, reverse
    /// <c>Rad</c>, forward-over-reverse <c>Rad&lt;SFad&gt;</c>), the fastest operator-overloading peer, in Markdown.</summary>
    /// <param name="ours">DualAutodiff's results.</param>
    /// <param name="sacado">Sacado's results.</param>
    /// <param name="output">Where the table goes.</param>
    public static void PrintSacado(ResultSet ours, ResultSet sacado, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(sacado);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("| workload | n | JVP µs | Sacado µs | vs Sacado | gradient µs | Sacado µs | vs Sacado | HVP µs | Sacado µs | vs Sacado |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach ((string w, int n, string peer) in s_cases)
        {
            if (sacado.Get(peer, "gradient", n) is null)
            {
                continue;
            }

            var cells = new List<string> { w, n.ToString(CultureInfo.InvariantCulture) };
            foreach (string mode in (string[])["jvp", "gradient", "hvp"])
            {
                double? a = ours.Get(w, mode, n);
                double? b = sacado.Get(peer, mode, n);
                cells.AddRange([Time(a), Time(b), Ratio(a, b)]);
            }

            output.WriteLine($"| {string.Join(" | ", cells)} |");
        }
    }

    private static string Time(double? us) => us is null ? "–" : us.Value.ToString(us < 10 ? "0.###" : us < 1000 ? "0.#" : "#,0", CultureInfo.InvariantCulture);

    private static string Ratio(double? a, double? b) =>
        a is null || b is null || b == 0 ? "–" : (a.Value / b.Value).ToString(a / b < 0.1 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + "×";
}
