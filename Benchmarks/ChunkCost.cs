using System.Globalization;

namespace DualAutodiff.Benchmarks;

/// <summary>Chunk mode (<c>-- --chunks [--repeat R]</c>): the forward gradient of chained Rosenbrock at n = 1000 from n
/// single-tangent passes against ⌈n/k⌉ passes of <see cref="Dual{T, TTangents}"/> for several k, and k H·v products from
/// one multi-direction sweep (<see cref="Hvp.ComputeMany{T}"/>) against k separate <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>
/// calls. Ratios are of times measured in the same round; R rounds keep the smallest median per case.</summary>
public static class ChunkCost
{
    private const int N = 1000;
    private const double Budget = 0.15;

    private static readonly double[] s_x = [.. Enumerable.Range(0, N).Select(i => 0.5 + (0.4 * Math.Sin(i)))];

    /// <summary>Prints the gradient table and the H·v table.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="rounds">How many rounds; the smallest median per case is kept.</param>
    public static void Run(TextWriter output, int rounds)
    {
        ArgumentNullException.ThrowIfNull(output);
        IScalarFunction f = ChainedRosenbrock.Instance;
        var seed = new double[N];
        (string Name, Func<double> Call)[] gradients =
        [
            ("n single-tangent Jvp passes", () => SinglePasses(f, seed)),
            ("Dual<double, Tangents1>", () => Forward.Gradient<double, Tangents1<double>>(f, s_x)[0]),
            ("Dual<double, Tangents2>", () => Forward.Gradient<double, Tangents2<double>>(f, s_x)[0]),
            ("Dual<double, Tangents4>", () => Forward.Gradient<double, Tangents4<double>>(f, s_x)[0]),
            ("Dual<double, Tangents6>", () => Forward.Gradient<double, Tangents6<double>>(f, s_x)[0]),
            ("Dual<double, Tangents8>", () => Forward.Gradient<double, Tangents8<double>>(f, s_x)[0]),
            ("Dual<double, Tangents10>", () => Forward.Gradient<double, Tangents10<double>>(f, s_x)[0]),
            ("Dual<double, Tangents12>", () => Forward.Gradient<double, Tangents12<double>>(f, s_x)[0]),
            ("Dual<double, DoubleTangents4> (SIMD)", () => Forward.Gradient<double, DoubleTangents4>(f, s_x)[0]),
            ("Dual<double, DoubleTangents8> (SIMD)", () => Forward.Gradient<double, DoubleTangents8>(f, s_x)[0]),
            ("Dual<double, DoubleTangents12> (SIMD)", () => Forward.Gradient<double, DoubleTangents12>(f, s_x)[0]),
            ("Forward.Gradient (auto: DoubleTangents8)", () => Forward.Gradient(f, s_x)[0]),
            ("Reverse.Gradient (reference)", () => Reverse.Gradient(f, s_x)[0]),
        ];
        double[] best = Best(gradients, rounds);
        output.WriteLine(FormattableString.Invariant($"# forward gradient, chained Rosenbrock n = {N}, smallest median of {rounds} round(s)"));
        output.WriteLine("| route | time | speed-up over n single passes |");
        output.WriteLine("|---|---:|---:|");
        for (int i = 0; i < gradients.Length; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {gradients[i].Name} | {Format(best[i])} | {best[0] / best[i]:F2}× |"));
        }

        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"# chunk-mode forward gradient through kernels (Dual<double, DoubleTangents8> lanes), smallest median of {rounds} round(s)"));
        output.WriteLine("| workload | n | Forward.Gradient (DoubleTangents8) | Reverse.Gradient | forward / reverse |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (Workloads.Workload w in (Workloads.Workload[])[Workloads.Workload.LogisticKernels(), Workloads.Workload.MlpKernels()])
        {
            (string Name, Func<double> Call)[] kernelCases =
            [
                ("forward", () => Forward.Gradient<double, DoubleTangents8>(w.Function, w.Point)[0]),
                ("reverse", () => Reverse.Gradient(w.Function, w.Point)[0]),
            ];
            double[] times = Best(kernelCases, rounds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {w.Name} | {w.N} | {Format(times[0])} | {Format(times[1])} | {times[0] / times[1]:F2} |"));
        }

        output.WriteLine();
        output.WriteLine(FormattableString.Invariant($"# k H·v products, chained Rosenbrock n = {N}: one multi-direction recording and sweep vs k Hvp.Compute"));
        output.WriteLine("| k | k × Hvp.Compute | Hvp.ComputeMany | ratio |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (int k in (int[])[2, 3, 5, 8, 12])
        {
            double[][] v = [.. Enumerable.Range(0, k).Select(j => Enumerable.Range(0, N).Select(i => Math.Cos((7 * j) + i)).ToArray())];
            (string Name, Func<double> Call)[] hvps =
            [
                ("separate", () => Separate(f, v)),
                ("many", () => Hvp.ComputeMany(f, s_x, v)[0][0]),
            ];
            double[] times = Best(hvps, rounds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {k} | {Format(times[0])} | {Format(times[1])} | {times[1] / times[0]:F2} |"));
        }
    }

    private static double SinglePasses(IScalarFunction f, double[] seed)
    {
        double sum = 0;
        for (int j = 0; j < N; j++)
        {
            seed[j] = 1;
            sum += Forward.Jvp(f, s_x, seed).Tangent;
            seed[j] = 0;
        }

        return sum;
    }

    private static double Separate(IScalarFunction f, double[][] v)
    {
        double sum = 0;
        foreach (double[] vj in v)
        {
            sum += Hvp.Compute(f, s_x, vj)[0];
        }

        return sum;
    }

    private static double[] Best((string Name, Func<double> Call)[] cases, int rounds)
    {
        double[] best = [.. cases.Select(_ => double.PositiveInfinity)];
        foreach ((string _, Func<double> call) in cases)
        {
            // JIT warm-up to the final tier before the first round.
            for (int i = 0; i < 40; i++)
            {
                Timing.Consume(call());
            }
        }

        Thread.Sleep(200);
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < cases.Length; i++)
            {
                best[i] = Math.Min(best[i], Timing.Measure(cases[i].Call, Budget, 5).MedianMicroseconds);
            }
        }

        return best;
    }

    private static string Format(double microseconds) => microseconds >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1000:F2} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{microseconds:F1} µs");
}
