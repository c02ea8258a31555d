using BenchmarkDotNet.Attributes;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>BenchmarkDotNet: the O(n) gap between one HVP and a dense Hessian on chained Rosenbrock
/// (<c>-- --filter '*DenseHessian*'</c>). The ratio column is relative to one forward-over-reverse HVP.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DenseHessianBenchmarks
{
    private Workload _workload = Workload.Rosenbrock(10);

    /// <summary>n.</summary>
    [Params(10, 100, 1000)]
    public int N { get; set; } = 10;

    /// <summary>Builds chained Rosenbrock of size <see cref="N"/>.</summary>
    [GlobalSetup]
    public void Setup() => _workload = Workload.Rosenbrock(N);

    /// <summary>One H·v, forward-over-reverse.</summary>
    /// <returns>H·v.</returns>
    [Benchmark(Baseline = true)]
    public double[] Hvp() => DualAutodiff.Hvp.Compute(_workload.Function, _workload.Point, _workload.Direction);

    /// <summary>The dense Hessian from n gradient-of-gradient-component passes.</summary>
    /// <returns>H.</returns>
    [Benchmark]
    public double[,] HessianDense() => DenseHessian.ByGradientOfGradient(_workload.Function, _workload.Point);

    /// <summary>The dense Hessian from n forward-over-reverse HVPs (the library's <c>Hvp.Hessian</c>).</summary>
    /// <returns>H.</returns>
    [Benchmark]
    public double[,] HessianHvp() => DualAutodiff.Hvp.Hessian(_workload.Function, _workload.Point);
}
