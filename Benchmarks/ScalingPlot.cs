using System.Globalization;
using DualAutodiff.Benchmarks.Workloads;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace DualAutodiff.Benchmarks;

/// <summary>Time against n on chained Rosenbrock (<c>-- --plot</c>): gradient, HVP and the dense Hessians for
/// DualAutodiff, with the peers' gradient and HVP from their result files; a log-log PNG in
/// <c>Benchmarks/results/scaling.png</c> and its data in <c>scaling.txt</c>.</summary>
public static class ScalingPlot
{
    /// <summary>The largest n at which the dense Hessians are measured for the plot.</summary>
    public const int DenseMaxN = 1000;

    private const string Rosenbrock = "rosenbrock";

    private static string DataFile => Path.Combine(RepositoryPaths.Results, "scaling.txt");

    /// <summary>The sizes measured.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [10, 100, 1000, 10_000, 100_000];

    /// <summary>Measures, writes <c>scaling.txt</c> and draws <c>scaling.png</c>.</summary>
    /// <param name="output">Where progress lines go.</param>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Mode[] modes = [Mode.Gradient, Mode.HvpMode(HvpMethod.ForwardOverReverse), Mode.HessianDense with { MaxN = DenseMaxN }, Mode.HessianHvp with { MaxN = DenseMaxN }];
        JitWarmUp.Run([Workload.Rosenbrock(10)], modes);
        var lines = new List<string> { "# dualautodiff, chained Rosenbrock scaling: workload mode n median_us" };
        foreach (int n in Sizes)
        {
            Workload w = Workload.Rosenbrock(n);
            foreach (Mode mode in modes.Where(m => m.AppliesTo(w)))
            {
                Measurement m = Timing.Measure(() => mode.Run(w), QuickMode.BudgetSeconds, QuickMode.MinSamples);
                string line = FormattableString.Invariant($"{Rosenbrock} {mode.Name} {n} {m.MedianMicroseconds:F4}");
                lines.Add(line);
                output.WriteLine(line);
            }
        }

        Directory.CreateDirectory(RepositoryPaths.Results);
        File.WriteAllLines(DataFile, lines);
        Redraw(output);
    }

    /// <summary>Draws <c>scaling.png</c> from <c>scaling.txt</c> and the peers' current result files, without measuring.</summary>
    /// <param name="output">Where the closing line goes.</param>
    public static void Redraw(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string png = Path.Combine(RepositoryPaths.Results, "scaling.png");
        Draw(ResultSet.Load(DataFile), ResultSet.Load(Path.Combine(RepositoryPaths.PeerResults, "torch.txt")),
            ResultSet.Load(Path.Combine(RepositoryPaths.PeerResults, "adolc.txt")), png);
        output.WriteLine($"# wrote {png}");
    }

    /// <summary>Draws the log-log plot of every series that has data.</summary>
    /// <param name="ours">DualAutodiff's times.</param>
    /// <param name="torch">PyTorch's times (may be empty).</param>
    /// <param name="adolc">ADOL-C's times (may be empty).</param>
    /// <param name="path">The PNG to write.</param>
    public static void Draw(ResultSet ours, ResultSet torch, ResultSet adolc, string path)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(torch);
        ArgumentNullException.ThrowIfNull(adolc);
        var plot = new Plot();
        Series(plot, ours, "gradient", "DualAutodiff gradient", Colors.Blue, LinePattern.Solid, MarkerShape.FilledCircle);
        Series(plot, ours, "hvp", "DualAutodiff HVP (forward-over-reverse)", Colors.Red, LinePattern.Solid, MarkerShape.FilledCircle);
        Series(plot, ours, "hessian-hvp", "DualAutodiff dense Hessian (n HVPs)", Colors.DarkOrange, LinePattern.Solid, MarkerShape.FilledSquare);
        Series(plot, ours, "hessian-dense", "DualAutodiff dense Hessian (n gradient-of-gradient passes)", Colors.Purple, LinePattern.Solid, MarkerShape.FilledSquare);
        Series(plot, torch, "gradient", "PyTorch gradient", Colors.Blue, LinePattern.Dashed, MarkerShape.OpenTriangleUp);
        Series(plot, torch, "hvp", "PyTorch HVP (double backward)", Colors.Red, LinePattern.Dashed, MarkerShape.OpenTriangleUp);
        Series(plot, adolc, "gradient", "ADOL-C gradient (reused tape)", Colors.Blue, LinePattern.Dotted, MarkerShape.OpenDiamond);
        Series(plot, adolc, "hvp", "ADOL-C hess_vec (reused tape)", Colors.Red, LinePattern.Dotted, MarkerShape.OpenDiamond);

        plot.Title("Chained Rosenbrock: time per call against n (log-log)");
        plot.XLabel("n (number of variables)");
        plot.YLabel("median time per call (µs)");
        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 1300, 700);
    }

    private static void Series(Plot plot, ResultSet set, string mode, string label, Color color, LinePattern pattern, MarkerShape marker)
    {
        IReadOnlyList<int> sizes = set.Sizes(Rosenbrock, mode);
        if (sizes.Count == 0)
        {
            return;
        }

        double[] xs = [.. sizes.Select(n => Math.Log10(n))];
        double[] ys = [.. sizes.Select(n => Math.Log10(set.Get(Rosenbrock, mode, n)!.Value))];
        var scatter = plot.Add.Scatter(xs, ys, color);
        scatter.LegendText = label;
        scatter.LinePattern = pattern;
        scatter.LineWidth = 2;
        scatter.MarkerShape = marker;
        scatter.MarkerSize = 9;
    }

    /// <summary>Ticks at powers of ten, labelled with the value, and log-spaced minor ticks.</summary>
    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = static y => Math.Pow(10, y).ToString(y >= 0 ? "#,0" : "0.###", CultureInfo.InvariantCulture),
    };
}
