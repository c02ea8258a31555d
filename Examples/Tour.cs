using System.Diagnostics;
using System.Numerics;

namespace DualAutodiff.Examples;

/// <summary>Printing and timing helpers of the tour.</summary>
internal static class Tour
{
    /// <summary>The size of the Newton run: 10,000 unless <c>--n N</c> is given.</summary>
    public static int ParseSize(string[] args)
    {
        int i = Array.IndexOf(args, "--n");
        if (i < 0)
        {
            return 10_000;
        }

        int n = 0;
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1].Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), out n) || n < 2 || n % 2 != 0)
        {
            Console.Error.WriteLine("usage: --n N with N even and ≥ 2 (e.g. --n 1000000)");
            Environment.Exit(2);
        }

        return n;
    }

    public static void Heading(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
    }

    public static string Show(double[] values) => "(" + string.Join(", ", values.Select(v => v.ToString("G6"))) + ")";

    public static void Print(double[,] m)
    {
        for (int i = 0; i < m.GetLength(0); i++)
        {
            Console.Write("  [");
            for (int j = 0; j < m.GetLength(1); j++)
            {
                Console.Write($"{m[i, j],10:G6}");
            }

            Console.WriteLine(" ]");
        }
    }

    public static T Sum<T>(T[] values)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>H·v by the four routes on chained Rosenbrock, their agreement and mean times.</summary>
    public static void CompareRoutes(int n)
    {
        double[] x = ExtendedRosenbrock.StandardStart(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = Math.Sin(i + 1.0);
        }

        double gradientTime = Time(() => Reverse.Gradient(ChainedRosenbrock.Instance, x));
        Console.WriteLine($"  {"gradient (reverse, for scale)",-44}{gradientTime,9:F1} µs");
        double[] reference = Hvp.Compute(ChainedRosenbrock.Instance, x, v);
        foreach (HvpMethod method in Enum.GetValues<HvpMethod>())
        {
            double[] hv = Hvp.Compute(ChainedRosenbrock.Instance, x, v, method);
            double error = 0;
            for (int i = 0; i < n; i++)
            {
                error = Math.Max(error, Math.Abs(hv[i] - reference[i]) / Math.Max(1, Math.Abs(reference[i])));
            }

            double micros = Time(() => Hvp.Compute(ChainedRosenbrock.Instance, x, v, method));
            Console.WriteLine($"  {Describe(method),-44}{micros,9:F1} µs  ({micros / gradientTime:F1}× gradient, max rel. diff {error:0.0e+00})");
        }
    }

    /// <summary>NewtonCg on extended Rosenbrock from the standard start, one line per iteration.</summary>
    public static void Minimize(int n)
    {
        Console.WriteLine($"  {"iter",4} {"f",12} {"‖∇f‖",10} {"CG",4} {"Δ",10} {"time",9}");
        NewtonCgResult result = NewtonCg.Minimize(ExtendedRosenbrock.Instance, ExtendedRosenbrock.StandardStart(n), new NewtonCgOptions
        {
            Progress = p => Console.WriteLine($"  {p.Iteration,4} {p.Value,12:0.0000e+00} {p.GradientNorm,10:0.00e+00} {p.CgSteps,4} {p.TrustRadius,10:0.00e+00} {p.Elapsed.TotalMilliseconds,7:F0} ms{(p.StepAccepted ? "" : "  (step rejected)")}"),
        });
        double distance = result.Point.Max(xi => Math.Abs(xi - 1));
        Console.WriteLine($"  {result.Status} in {result.Iterations} iterations, {result.HessianVectorProducts} H·v, {result.Elapsed.TotalSeconds:F2} s: f = {result.Value:0.00e+00}, max |xᵢ − 1| = {distance:0.0e+00}");
    }

    /// <summary>The sparse Hessian of a grid energy: pattern and colours, the time of Prepare and Evaluate against one
    /// H·v and against the dense Hessian (n H·v, estimated: at n = 10⁵ it would also need 80 GB), and a check of one
    /// column against H·eⱼ.</summary>
    public static void SparseGrid(GridEnergy grid)
    {
        int n = grid.Side * grid.Side;
        double[] u = [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.25 * Math.Sin(0.7 * i)))];
        double[] w = [.. u.Select((ui, i) => ui + (0.01 * Math.Cos(i)))];
        var small = new GridEnergy(8);
        Sparse.PrepareHessian(small, new double[64]).Evaluate(new double[64]);   // warm the JIT up
        Hvp.Compute(small, new double[64], new double[64]);

        var clock = Stopwatch.StartNew();
        SparseHessian h = Sparse.PrepareHessian(grid, u);
        double prepare = clock.Elapsed.TotalMilliseconds;
        h.Evaluate(w);                                    // the first call at this size grows the pooled tapes
        clock.Restart();
        MathNet.Numerics.LinearAlgebra.Matrix<double> hessian = h.Evaluate(u);
        double evaluate = clock.Elapsed.TotalMilliseconds;
        Hvp.Compute(grid, u, w);
        clock.Restart();
        double[] column = Hvp.Compute(grid, u, [.. Enumerable.Range(0, n).Select(i => i == n / 2 ? 1.0 : 0.0)]);
        double hvp = clock.Elapsed.TotalMilliseconds;
        double error = Enumerable.Range(0, n).Max(i => Math.Abs(hessian[i, n / 2] - column[i]));
        Console.WriteLine($"  pattern: {h.NonZeros:N0} nonzeros (5-point stencil), {h.Colors} colours (star colouring, {h.Ordering} ordering)");
        Console.WriteLine($"  Prepare {prepare:F0} ms, Evaluate {evaluate:F0} ms, one H·v {hvp:F0} ms: Evaluate = {evaluate / hvp:F1} H·v");
        Console.WriteLine($"  dense Hessian (estimated, n H·v): {hvp * n / 1000 / 60:F0} min and {8.0 * n * n / 1e9:F0} GB, {hvp * n / evaluate:N0}× the sparse one");
        Console.WriteLine($"  column {n / 2} against H·e_{n / 2}: max difference {error:0.0e+00}");
    }

    private static string Describe(HvpMethod method) => method switch
    {
        HvpMethod.ForwardOverReverse => "forward-over-reverse  Var<Dual<double>>",
        HvpMethod.ReverseOverForward => "reverse-over-forward  Dual<Var<double>>",
        HvpMethod.ReverseOverReverse => "reverse-over-reverse  Var<Var<double>>",
        _ => "central differences of the gradient",
    };

    /// <summary>The mean time of one call in microseconds, after a warm-up, over about 50 ms.</summary>
    private static double Time(Action call)
    {
        for (int i = 0; i < 20; i++)
        {
            call();
        }

        var clock = Stopwatch.StartNew();
        int count = 0;
        while (clock.ElapsedMilliseconds < 50)
        {
            call();
            count++;
        }

        return clock.Elapsed.TotalMicroseconds / count;
    }
}
