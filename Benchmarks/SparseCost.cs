using System.Diagnostics;
using System.Globalization;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>
/// Sparse Hessians (<c>-- --sparse [--repeat R]</c>): for chained Rosenbrock and the 2-D grid energy
/// (<see cref="GridEnergy"/>, Benchmarks/WORKLOADS.md) at n ≈ 10⁴ and 10⁵, the times of one forward-over-reverse H·v,
/// <see cref="Sparse.PrepareHessian"/>, <see cref="SparseHessian.Evaluate"/> (local mode, so each call re-traces f at
/// the new point; and global mode, which does not), the compressed products alone by each route, and the dense
/// Hessian (measured at n = 400, estimated at large n as n H·v). Then the phases of pattern detection for chained
/// Rosenbrock at n = 10⁶. Ratios are to one H·v measured in the same run; the targets are
/// Evaluate ≤ (colours + 2) H·v and Prepare ≤ 4 (colours + 2) H·v.
/// </summary>
public static class SparseCost
{
    /// <summary>Prints the table.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="repeat">Rounds; the smallest time per cell is kept.</param>
    public static void Run(TextWriter output, int repeat)
    {
        ArgumentNullException.ThrowIfNull(output);
        var cases = new (string Name, IScalarFunction F, double[] X, double[] X2)[]
        {
            Rosenbrock(10_000), Rosenbrock(100_000), Grid(100), Grid(316),
        };

        WarmUp();
        output.WriteLine("# sparse Hessians: times in ms (smallest of " + repeat.ToString(CultureInfo.InvariantCulture) + " rounds); ratios to one H·v of the same run");
        var header = "# case               n  colors      nnz    hvp_ms  prepare_ms  evaluate_ms  eval_global_ms  products_op_ms  products_hvp_ms  dense_ms(est)  evaluate/hvp (target)  prepare/hvp (target)";
        var rows = new List<(string, IScalarFunction, double[], double[], SparseHessian, double, double, double, double, double)>();
        foreach ((string name, IScalarFunction f, double[] x, double[] x2) in cases)
        {
            double hvp = double.PositiveInfinity, prepare = double.PositiveInfinity, evaluate = double.PositiveInfinity, global = double.PositiveInfinity;
            double byHvp = double.PositiveInfinity;
            SparseHessian h = Sparse.PrepareHessian(f, x);
            SparseHessian g = Sparse.PrepareHessian(f, x, SparsityMode.Global);
            for (int r = 0; r < repeat; r++)
            {
                hvp = Math.Min(hvp, Ms(() => Hvp.Compute(f, x, x2)[0]));
                prepare = Math.Min(prepare, Ms(() => Sparse.PrepareHessian(f, x).Colors));
                bool flip = false;
                evaluate = Math.Min(evaluate, Ms(() => h.Evaluate((flip = !flip) ? x2 : x)[0, 0]));
                global = Math.Min(global, Ms(() => g.Evaluate(x2)[0, 0]));
                byHvp = Math.Min(byHvp, Ms(() => Products(f, x2, h.Colors)));
            }

            rows.Add((name, f, x, x2, h, hvp, prepare, evaluate, global, byHvp));
        }

        // The dense Hessian measured where it fits, to check the estimate n·(one H·v).
        (string denseName, IScalarFunction denseF, double[] denseX, double[] denseX2) = Grid(20);
        double denseHvp = Ms(() => Hvp.Compute(denseF, denseX, denseX2)[0]);
        double denseMeasured = Ms(() => Hvp.Hessian(denseF, denseX)[0, 0]);
        double denseSparse = Ms(() => Sparse.PrepareHessian(denseF, denseX).Evaluate(denseX2)[0, 0]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {denseName} n = {denseX.Length}: dense Hvp.Hessian {denseMeasured:F2} ms measured vs n·H·v = {denseHvp * denseX.Length:F2} ms estimated; sparse prepare + evaluate {denseSparse:F2} ms"));

        Phases(output, 1_000_000);

        output.WriteLine(header);

        // The operator route last: its reverse-over-reverse tapes stay pooled and would slow the collections of the
        // measurements above.
        foreach ((string name, IScalarFunction f, double[] x, double[] x2, SparseHessian h, double hvp, double prepare, double evaluate, double global, double byHvp) in rows)
        {
            double byOperator = double.PositiveInfinity;
            CompressedProducts.HessianByOperator = true;
            try
            {
                for (int r = 0; r < repeat; r++)
                {
                    byOperator = Math.Min(byOperator, Ms(() => Products(f, x2, h.Colors)));
                }
            }
            finally
            {
                CompressedProducts.HessianByOperator = false;
            }

            double dense = hvp * x.Length;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-15} {x.Length,7} {h.Colors,7} {h.NonZeros,8} {hvp,9:F2} {prepare,11:F1} {evaluate,12:F1} {global,15:F1} {byOperator,15:F1} {byHvp,16:F1} {dense,14:F0} {evaluate / hvp,13:F1} ({h.Colors + 2,2}) {prepare / hvp,13:F1} ({4 * (h.Colors + 2),2})"));
        }

    }

    /// <summary>Pattern detection at large n, phase by phase: the trace (f run once on the tracer), the Hessian
    /// pattern from the recording, the star colourings, and the whole Prepare and one Evaluate.</summary>
    private static void Phases(TextWriter output, int n)
    {
        (_, IScalarFunction f, double[] x, double[] x2) = Rosenbrock(n);
        var input = new SparsityTracer[n];
        var clock = Stopwatch.StartNew();
        TraceRecording recording = TraceRecording.Begin(n, global: false);
        SparsityPattern pattern;
        double trace, extract;
        int nodes;
        try
        {
            for (int i = 0; i < n; i++)
            {
                input[i] = new SparsityTracer(x[i], i);
            }

            int output1 = f.Evaluate<SparsityTracer>(input).Node;
            trace = clock.Elapsed.TotalMilliseconds;
            nodes = recording.Count;
            clock.Restart();
            pattern = PatternExtraction.Hessian(recording, output1);
            extract = clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            recording.End();
        }

        clock.Restart();
        Coloring coloring = StarColoring.Best(pattern);
        double color = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        SparseHessian h = Sparse.PrepareHessian(f, x);
        double prepare = clock.Elapsed.TotalMilliseconds;
        // The first calls at this size grow the pooled tapes; the second ones are the steady state.
        h.Evaluate(x2);
        clock.Restart();
        h.Evaluate(x);
        double evaluate = clock.Elapsed.TotalMilliseconds;
        Hvp.Compute(f, x, x2);
        clock.Restart();
        Hvp.Compute(f, x, x2);
        double hvp = clock.Elapsed.TotalMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# chained Rosenbrock n = {n}: trace {trace:F0} ms ({nodes} nodes), pattern {extract:F0} ms ({pattern.NonZeros} nonzeros), star colouring {color:F0} ms ({coloring.Count} colours, {coloring.Ordering}); Prepare {prepare:F0} ms, Evaluate {evaluate:F0} ms, one H·v {hvp:F0} ms (second calls)"));
    }

    private static double Products(IScalarFunction f, double[] x, int colors)
    {
        var coloring = new Coloring(new int[x.Length].Select((_, i) => i % colors).ToArray(), colors, "bench");
        double[] b = new double[x.Length * colors];
        CompressedProducts.Hessian(f, x, coloring, new double[x.Length], b);
        return b[0];
    }

    private static void WarmUp()
    {
        foreach ((_, IScalarFunction f, double[] x, double[] x2) in new[] { Rosenbrock(100), Grid(10) })
        {
            for (int i = 0; i < 3; i++)
            {
                Sparse.PrepareHessian(f, x).Evaluate(x2);
                Sparse.PrepareHessian(f, x, SparsityMode.Global).Evaluate(x2);
                Hvp.Compute(f, x, x2);
            }
        }
    }

    /// <summary>Milliseconds per call: the median of a few calls after one warm-up call.</summary>
    private static double Ms(Func<double> call) => Timing.Measure(call, 0.5, 3).MedianMicroseconds / 1000;

    private static (string, IScalarFunction, double[], double[]) Rosenbrock(int n)
    {
        Workload w = Workload.Rosenbrock(n);
        double[] x2 = [.. w.Point.Select((v, i) => v + (0.01 * Math.Sin(i)))];
        return ("rosenbrock", w.Function, w.Point, x2);
    }

    private static (string, IScalarFunction, double[], double[]) Grid(int side)
    {
        var grid = new GridEnergy(side);
        double[] x = grid.Point();
        double[] x2 = [.. x.Select((v, i) => v + (0.01 * Math.Cos(i)))];
        return ("grid", grid, x, x2);
    }
}
