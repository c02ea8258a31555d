using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>The cost of record-once objects (<c>-- --compiled [--repeat R]</c>): on chained Rosenbrock at n = 1000 and
/// 100000, <see cref="Reverse.Gradient{T}(IScalarFunction, T[])"/> (record and sweep) against
/// <see cref="CompiledGradient{T}.ValueAndGradient(T[])"/> at a new point each call (replay and sweep), and
/// <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/> against <see cref="HessianOperator{T}.Apply(T[])"/>
/// and the operator's creation, measured in the same run, with ADOL-C's <c>gradient</c> and <c>hess_vec</c> on its
/// reused tape from <c>peers/results/adolc.txt</c>.</summary>
public static class CompiledCost
{
    /// <summary>Prints one line per size: <c>n gradient_us compiled_us compiled/gradient adolc_us compiled/adolc recordings</c>
    /// (recordings: how many times the compiled gradient recorded f, 1 when every call replayed), then one per size:
    /// <c>n hvp_us apply_us apply/hvp adolc_hess_vec_us apply/adolc create_us create/hvp compiled_linearize_us
    /// compiled_linearize/hvp</c> (the last: a <see cref="CompiledHessian{T}"/>'s operator at a new point).</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="repeat">Rounds; the smallest median per case is kept.</param>
    /// <param name="adolcFile">ADOL-C's result file (<c>run-peers.sh --out</c>); null for <c>peers/results/adolc.txt</c>.</param>
    public static void Run(TextWriter output, int repeat, string? adolcFile = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ResultSet adolc = ResultSet.Load(adolcFile ?? Path.Combine(RepositoryPaths.PeerResults, "adolc.txt"));
        Workload[] workloads = [Workload.Rosenbrock(1000), Workload.Rosenbrock(100_000)];
        Mode hvp = Mode.HvpMode(HvpMethod.ForwardOverReverse);
        var compiledHessians = new Dictionary<int, (CompiledHessian<double> Compiled, double[][] Points)>();
        int turn = 0;
        Mode relinearize = new("hvp-compiled-linearize", w =>
        {
            if (!compiledHessians.TryGetValue(w.N, out var c))
            {
                c = (Hvp.Compile(w.Function, w.Point), [w.Point, [.. w.Point.Select((x, i) => x + (1e-6 * (i % 3)))]]);
                compiledHessians[w.N] = c;
            }

            turn ^= 1;
            using HessianOperator<double> h = c.Compiled.Linearize(c.Points[turn]);
            return h.Value;
        });
        Mode[] modes = [Mode.Gradient, Mode.CompiledGradient, hvp, Mode.HvpOperatorApply, Mode.HvpOperatorCreate, relinearize];
        JitWarmUp.Run(workloads, modes);
        var best = new Dictionary<(int, string), double>();
        for (int round = 0; round < repeat; round++)
        {
            foreach (Workload w in workloads)
            {
                foreach (Mode mode in modes)
                {
                    double us = Timing.Measure(() => mode.Run(w), QuickMode.BudgetSeconds * 2, QuickMode.MinSamples).MedianMicroseconds;
                    best[(w.N, mode.Name)] = best.TryGetValue((w.N, mode.Name), out double b) ? Math.Min(b, us) : us;
                }
            }
        }

        output.WriteLine(FormattableString.Invariant($"# chained Rosenbrock, {repeat} round(s), smallest median kept; compiled = replay at a new point"));
        output.WriteLine("# n gradient_us compiled_us compiled/gradient adolc_gradient_us compiled/adolc recordings");
        foreach (Workload w in workloads)
        {
            double gradient = best[(w.N, "gradient")];
            double compiled = best[(w.N, "compiled-gradient")];
            double? peer = adolc.Get(w.Name, "gradient", w.N);
            string vsPeer = peer is double p ? FormattableString.Invariant($"{p:F1} {compiled / p:F2}") : "- -";
            output.WriteLine(FormattableString.Invariant($"{w.N} {gradient:F1} {compiled:F1} {compiled / gradient:F2} {vsPeer} {Mode.CompiledRecordings(w)}"));
        }

        output.WriteLine("# n hvp_us apply_us apply/hvp adolc_hess_vec_us apply/adolc create_us create/hvp compiled_linearize_us compiled_linearize/hvp");
        foreach (Workload w in workloads)
        {
            double product = best[(w.N, hvp.Name)];
            double apply = best[(w.N, Mode.HvpOperatorApply.Name)];
            double create = best[(w.N, Mode.HvpOperatorCreate.Name)];
            double again = best[(w.N, relinearize.Name)];
            double? peer = adolc.Get(w.Name, "hvp", w.N);
            string vsPeer = peer is double p ? FormattableString.Invariant($"{p:F1} {apply / p:F2}") : "- -";
            output.WriteLine(FormattableString.Invariant($"{w.N} {product:F1} {apply:F1} {apply / product:F2} {vsPeer} {create:F1} {create / product:F2} {again:F1} {again / product:F2}"));
        }
    }
}
