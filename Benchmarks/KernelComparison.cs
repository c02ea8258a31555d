using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>The kernel comparison (<c>-- --kernels [--repeat R]</c>): gradient, H·v, and both into kept buffers
/// (<see cref="Mode.GradientIntoBuffer"/> and <see cref="Mode.HvpIntoBuffer"/>, against PyTorch's gradient and H·v) of
/// the workloads written with
/// kernels against the same workloads written with scalars and against PyTorch (float64, one thread), PyTorch run
/// in the same session before and after ours (per case the smallest median is kept); then plain double through
/// <see cref="Kernels"/> against TensorPrimitives called directly. Writes
/// <c>Benchmarks/peers/results/kernels.txt</c>.</summary>
public static class KernelComparison
{
    private const double BudgetSeconds = 0.5;

    /// <summary>Runs the comparison.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="repeat">Rounds (ours and PyTorch's alternate).</param>
    /// <returns>0.</returns>
    public static int Run(TextWriter output, int repeat)
    {
        ArgumentNullException.ThrowIfNull(output);
        IReadOnlyList<Workload> kernels = Workload.WithKernels();
        Workload[] scalars = [.. kernels.Select(w => Workload.Create(w.PeerName, w.N))];
        Workload[] all = [.. kernels, .. scalars];
        JitWarmUp.Run(all, [Mode.Gradient, Mode.HvpMode(HvpMethod.ForwardOverReverse), Mode.GradientIntoBuffer, Mode.HvpIntoBuffer]);

        var ours = new Dictionary<(string, string), Measurement>();
        var torch = new Dictionary<(string, string), double>();
        for (int round = 0; round < repeat; round++)
        {
            foreach (Workload w in kernels)
            {
                Torch(w.PeerName, torch);
            }

            foreach (Workload w in all)
            {
                foreach (Mode mode in new[] { Mode.Gradient, Mode.HvpMode(HvpMethod.ForwardOverReverse), Mode.GradientIntoBuffer, Mode.HvpIntoBuffer })
                {
                    Measurement m = Timing.Measure(() => mode.Run(w), BudgetSeconds, 5);
                    if (!ours.TryGetValue((w.Name, mode.Name), out Measurement best) || m.MedianMicroseconds < best.MedianMicroseconds)
                    {
                        ours[(w.Name, mode.Name)] = m;
                    }
                }
            }
        }

        foreach (Workload w in kernels)
        {
            Torch(w.PeerName, torch);
        }

        var lines = new List<string>
        {
            FormattableString.Invariant($"# kernels vs scalars vs PyTorch float64 (1 thread), {Environment.ProcessorCount} cores, {repeat} round(s), smallest median, {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}"),
            "| workload | mode | kernels (µs) | scalar (µs) | PyTorch (µs) | kernels/PyTorch | kernels/scalar | bytes/call (kernels) |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        };
        foreach (Workload w in kernels)
        {
            // the gradient and H·v into kept buffers (no result array) against PyTorch's gradient and H·v
            foreach (string mode in new[] { "gradient", "hvp", "gradient-buffer", "hvp-buffer" })
            {
                Measurement k = ours[(w.Name, mode)];
                Measurement s = ours[(w.PeerName, mode)];
                double t = torch.TryGetValue((w.PeerName, mode.Replace("-buffer", string.Empty, StringComparison.Ordinal)), out double tt) ? tt : double.NaN;
                lines.Add(FormattableString.Invariant(
                    $"| {w.PeerName} n={w.N} | {mode} | {k.MedianMicroseconds:F1} | {s.MedianMicroseconds:F1} | {t:F1} | {k.MedianMicroseconds / t:F2} | {k.MedianMicroseconds / s.MedianMicroseconds:F3} | {k.BytesPerCall} |"));
            }
        }

        lines.Add(string.Empty);
        lines.Add("| plain double | n | Kernels (µs) | TensorPrimitives (µs) | ratio |");
        lines.Add("|---|---:|---:|---:|---:|");
        foreach (int n in new[] { 1000, 100_000 })
        {
            double[] x = [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.25 * Math.Sin(i)))];
            double[] y = [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.25 * Math.Cos(i)))];
            double[] d = new double[n];
            double[] matrix = [.. Enumerable.Range(0, 100 * (n / 100)).Select(i => Math.Sin(0.1 * i))];
            double[] v = [.. x.Take(n / 100)];
            double[] mv = new double[100];
            Pair(lines, "Dot", n, () => Kernels.Dot<double>(x, y), () => TensorPrimitives.Dot<double>(x, y));
            Pair(lines, "Multiply", n, () => { Kernels.Multiply<double>(x, y, d); return d[0]; }, () => { TensorPrimitives.Multiply<double>(x, y, d); return d[0]; });
            Pair(lines, "Exp", n, () => { Kernels.Exp<double>(x, d); return d[0]; }, () => { TensorPrimitives.Exp<double>(x, d); return d[0]; });
            Pair(lines, "Tanh", n, () => { Kernels.Tanh<double>(x, d); return d[0]; }, () => { TensorPrimitives.Tanh<double>(x, d); return d[0]; });
            Pair(lines, "SumOfSquares", n, () => Kernels.SumOfSquares<double>(x), () => TensorPrimitives.SumOfSquares<double>(x));
            Pair(lines, "MatrixVector 100×(n/100) (TensorPrimitives: a Dot per row)", n, () => { Kernels.MatrixVector<double>(matrix, 100, n / 100, v, mv); return mv[0]; }, () =>
            {
                for (int r = 0; r < 100; r++)
                {
                    mv[r] = TensorPrimitives.Dot<double>(matrix.AsSpan(r * (n / 100), n / 100), v);
                }

                return mv[0];
            });
        }

        lines.ForEach(output.WriteLine);
        string file = Path.Combine(RepositoryPaths.PeerResults, "kernels.txt");
        File.WriteAllLines(file, lines);
        output.WriteLine($"# wrote {file}");
        return 0;
    }

    private static void Pair(List<string> lines, string name, int n, Func<double> kernels, Func<double> primitives)
    {
        double best = double.PositiveInfinity, bestTp = double.PositiveInfinity;
        for (int r = 0; r < 3; r++)
        {
            best = Math.Min(best, Timing.Measure(kernels, 0.1, 5).MedianMicroseconds);
            bestTp = Math.Min(bestTp, Timing.Measure(primitives, 0.1, 5).MedianMicroseconds);
        }

        lines.Add(FormattableString.Invariant($"| {name} | {n} | {best:F3} | {bestTp:F3} | {best / bestTp:F2} |"));
    }

    /// <summary>Runs the PyTorch peer on one workload and keeps its smallest medians.</summary>
    private static void Torch(string workload, Dictionary<(string, string), double> best)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(RepositoryPaths.Root, "Benchmarks", "peers", "torch_peer.py"), "--only", workload])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process? p = Process.Start(start);
        if (p is null)
        {
            return;
        }

        _ = p.StandardError.ReadToEndAsync();
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        foreach (string line in text.Split('\n'))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 4 && !parts[0].StartsWith('#') && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double us)
                && (parts[0] != "rosenbrock" || parts[2] == "100000"))
            {
                (string, string) key = (parts[0], parts[1]);
                best[key] = best.TryGetValue(key, out double old) ? Math.Min(old, us) : us;
            }
        }
    }
}
