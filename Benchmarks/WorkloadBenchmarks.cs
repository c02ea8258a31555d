using BenchmarkDotNet.Attributes;
using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>BenchmarkDotNet: every workload of <c>WORKLOADS.md</c> in every mode, with allocations
/// (<c>dotnet run -c Release --project Benchmarks -- --filter '*WorkloadBenchmarks*'</c>). The ratio column is
/// relative to plain <c>double</c>.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class WorkloadBenchmarks
{
    private Workload _workload = Workload.Rosenbrock(10);

    /// <summary>The cases: workload name and n.</summary>
    public static IEnumerable<string> Cases => ["rosenbrock-10", "rosenbrock-1000", "rosenbrock-100000", "logistic-100", "mlp-5313", "advection-100"];

    /// <summary>The case being measured, <c>name-n</c>.</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "rosenbrock-10";

    /// <summary>Builds the workload of <see cref="Case"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split('-');
        _workload = Workload.Create(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>f(x) with T = double.</summary>
    /// <returns>f(x).</returns>
    [Benchmark(Baseline = true)]
    public double Plain() => _workload.Function.Evaluate<double>(_workload.Point);

    /// <summary>f(x) and ∇f·v (forward mode).</summary>
    /// <returns>∇f·v.</returns>
    [Benchmark]
    public double Jvp() => Forward.Jvp(_workload.Function, _workload.Point, _workload.Direction).Tangent;

    /// <summary>∇f(x) (reverse mode).</summary>
    /// <returns>∇f(x).</returns>
    [Benchmark]
    public double[] Gradient() => Reverse.Gradient(_workload.Function, _workload.Point);

    /// <summary>H·v, forward-over-reverse.</summary>
    /// <returns>H·v.</returns>
    [Benchmark]
    public double[] HvpForwardOverReverse() => Hvp.Compute(_workload.Function, _workload.Point, _workload.Direction, HvpMethod.ForwardOverReverse);

    /// <summary>H·v, reverse-over-forward.</summary>
    /// <returns>H·v.</returns>
    [Benchmark]
    public double[] HvpReverseOverForward() => Hvp.Compute(_workload.Function, _workload.Point, _workload.Direction, HvpMethod.ReverseOverForward);

    /// <summary>H·v, reverse-over-reverse.</summary>
    /// <returns>H·v.</returns>
    [Benchmark]
    public double[] HvpReverseOverReverse() => Hvp.Compute(_workload.Function, _workload.Point, _workload.Direction, HvpMethod.ReverseOverReverse);

    /// <summary>H·v by central differences of the gradient.</summary>
    /// <returns>≈ H·v.</returns>
    [Benchmark]
    public double[] HvpFiniteDifference() => Hvp.Compute(_workload.Function, _workload.Point, _workload.Direction, HvpMethod.FiniteDifference);
}
