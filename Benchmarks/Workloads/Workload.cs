namespace DualAutodiff.Benchmarks.Workloads;

/// <summary>One benchmark case of <c>Benchmarks/WORKLOADS.md</c>: a function, the point x and the direction v
/// at which every implementation (DualAutodiff, PyTorch, ADOL-C) evaluates it.</summary>
/// <param name="Name">The workload's name in result files: rosenbrock, logistic, mlp or advection.</param>
/// <param name="Function">The function, written once over generic math.</param>
/// <param name="Point">The point x.</param>
/// <param name="Direction">The direction v of JVPs and HVPs.</param>
/// <param name="Small">The same function (same generic code) at a tiny size, called to warm the JIT up.</param>
/// <param name="Peer">The peers' name for the same function (a kernel-written workload compares with the scalar one's
/// peers); null for <paramref name="Name"/>.</param>
public sealed record Workload(string Name, IScalarFunction Function, double[] Point, double[] Direction, Workload? Small = null, string? Peer = null)
{
    /// <summary>The name the peers' results use for this function.</summary>
    public string PeerName => Peer ?? Name;

    /// <summary>n, the number of inputs.</summary>
    public int N => Point.Length;

    /// <summary>Chained Rosenbrock (<see cref="ChainedRosenbrock"/>, SciPy's <c>rosen</c>) at x = (−1.2, 1, −1.2, 1, …), v = 1.</summary>
    /// <param name="n">The number of variables.</param>
    /// <returns>The workload.</returns>
    public static Workload Rosenbrock(int n)
    {
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }

        return new Workload("rosenbrock", ChainedRosenbrock.Instance, x, Ones(n), n > 10 ? Rosenbrock(10) : null);
    }

    /// <summary>The logistic-regression loss at w = 0.01·cos(k), v = 1.</summary>
    /// <param name="samples">m (1000 in the benchmark).</param>
    /// <returns>The workload.</returns>
    public static Workload Logistic(int samples = 1000)
    {
        const int features = 100;
        double[] w = new double[features];
        for (int k = 0; k < features; k++)
        {
            w[k] = 0.01 * Math.Cos(k);
        }

        return new Workload("logistic", new LogisticLoss(samples, features), w, Ones(features), samples > 4 ? Logistic(4) : null);
    }

    /// <summary>The tanh network's loss at θ = 0.05·cos(0.37·p), v = 1.</summary>
    /// <param name="batch">B (32 in the benchmark).</param>
    /// <returns>The workload.</returns>
    public static Workload Mlp(int batch = 32)
    {
        double[] theta = new double[MlpLoss.Weights];
        for (int p = 0; p < theta.Length; p++)
        {
            theta[p] = 0.05 * Math.Cos(0.37 * p);
        }

        return new Workload("mlp", new MlpLoss(batch), theta, Ones(theta.Length), batch > 1 ? Mlp(1) : null);
    }

    /// <summary>The advection kernel from u₀ = exp(−50·(i/n − ½)²), n = 100, v = 1.</summary>
    /// <param name="steps">S (2000 in the benchmark).</param>
    /// <returns>The workload.</returns>
    public static Workload Advection(int steps = 2000)
    {
        const int n = 100;
        double[] u = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = ((double)i / n) - 0.5;
            u[i] = Math.Exp(-50.0 * r * r);
        }

        return new Workload("advection", new Workloads.Advection(steps), u, Ones(n), steps > 2 ? Advection(2) : null);
    }

    /// <summary>The cases of the comparison table, in the peers' order, then the ones written with kernels.</summary>
    /// <returns>Rosenbrock n = 10, 1000, 100000, logistic, mlp, advection, then <see cref="WithKernels"/>.</returns>
    public static IReadOnlyList<Workload> All() => [Rosenbrock(10), Rosenbrock(1000), Rosenbrock(100_000), Logistic(), Mlp(), Advection(), .. WithKernels()];

    /// <summary>Chained Rosenbrock n = 100000, logistic and mlp written with <see cref="Kernels"/> (names with the
    /// suffix <c>-kernels</c>; the same functions, points and directions as the scalar cases).</summary>
    /// <returns>The three kernel workloads.</returns>
    public static IReadOnlyList<Workload> WithKernels() => [RosenbrockKernels(100_000), LogisticKernels(), MlpKernels()];

    /// <summary><see cref="Rosenbrock(int)"/> written with kernels.</summary>
    /// <param name="n">The number of variables.</param>
    /// <returns>The workload.</returns>
    public static Workload RosenbrockKernels(int n) => Rosenbrock(n) with
    {
        Name = "rosenbrock-kernels",
        Function = ChainedRosenbrockKernels.Instance,
        Small = n > 10 ? RosenbrockKernels(10) : null,
        Peer = "rosenbrock",
    };

    /// <summary><see cref="Logistic(int)"/> written with kernels.</summary>
    /// <param name="samples">m.</param>
    /// <returns>The workload.</returns>
    public static Workload LogisticKernels(int samples = 1000) => Logistic(samples) with
    {
        Name = "logistic-kernels",
        Function = new LogisticLossKernels(samples, 100),
        Small = samples > 4 ? LogisticKernels(4) : null,
        Peer = "logistic",
    };

    /// <summary><see cref="Mlp(int)"/> written with kernels.</summary>
    /// <param name="batch">B.</param>
    /// <returns>The workload.</returns>
    public static Workload MlpKernels(int batch = 32) => Mlp(batch) with
    {
        Name = "mlp-kernels",
        Function = new MlpLossKernels(batch),
        Small = batch > 1 ? MlpKernels(1) : null,
        Peer = "mlp",
    };

    /// <summary>Looks a case up by name and size (for BenchmarkDotNet parameters).</summary>
    /// <param name="name">The workload name.</param>
    /// <param name="n">The size; only Rosenbrock has several.</param>
    /// <returns>The workload.</returns>
    public static Workload Create(string name, int n) => name switch
    {
        "rosenbrock" => Rosenbrock(n),
        "logistic" => Logistic(),
        "mlp" => Mlp(),
        "advection" => Advection(),
        "rosenbrock-kernels" => RosenbrockKernels(n),
        "logistic-kernels" => LogisticKernels(),
        "mlp-kernels" => MlpKernels(),
        _ => throw new ArgumentException($"Unknown workload '{name}'.", nameof(name)),
    };

    private static double[] Ones(int n)
    {
        double[] v = new double[n];
        Array.Fill(v, 1.0);
        return v;
    }
}
