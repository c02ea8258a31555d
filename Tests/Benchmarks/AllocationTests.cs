using DualAutodiff.Benchmarks;
using DualAutodiff.Benchmarks.Workloads;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Benchmarks;

/// <summary>The target "zero bytes allocated per call in steady state beyond the result arrays", checked on
/// every workload (at a small size: allocation does not depend on it) with the same counter the quick mode reports.</summary>
[TestFixture]
public class AllocationTests
{
    private static IEnumerable<TestCaseData> Workloads()
    {
        yield return new TestCaseData(Workload.Rosenbrock(1000)).SetName("{m}(rosenbrock)");
        yield return new TestCaseData(Workload.Logistic(samples: 10)).SetName("{m}(logistic)");
        yield return new TestCaseData(Workload.Mlp(batch: 2)).SetName("{m}(mlp)");
        yield return new TestCaseData(Workload.Advection(steps: 20)).SetName("{m}(advection)");
    }

    [TestCaseSource(nameof(Workloads))]
    public void Plain_SteadyState_AllocatesNothing(Workload w) =>
        SteadyStateBytes(() => w.Function.Evaluate<double>(w.Point)).ShouldBe(0);

    [TestCaseSource(nameof(Workloads))]
    public void Jvp_SteadyState_AllocatesNothing(Workload w) =>
        SteadyStateBytes(() => Forward.Jvp(w.Function, w.Point, w.Direction).Tangent).ShouldBe(0);

    [TestCaseSource(nameof(Workloads))]
    public void Gradient_SteadyState_AllocatesOnlyTheResult(Workload w) =>
        SteadyStateBytes(() => Reverse.Gradient(w.Function, w.Point)[0]).ShouldBe(ArrayBytes(w.N));

    [TestCaseSource(nameof(Workloads))]
    public void GradientIntoBuffer_SteadyState_AllocatesNothing(Workload w)
    {
        var gradient = new double[w.N];
        SteadyStateBytes(() => Reverse.ValueAndGradient<double>(w.Function, w.Point, gradient)).ShouldBe(0);
    }

    [Test]
    public void GradientIntoBuffer_RosenbrockKernels_AllocatesNothing()
    {
        var gradient = new double[20_000];
        double[] x = [.. Enumerable.Range(0, 20_000).Select(i => i % 2 == 0 ? -1.2 : 1.0)];
        SteadyStateBytes(() => Reverse.ValueAndGradient<double>(ChainedRosenbrockKernels.Instance, x, gradient)).ShouldBe(0);
    }

    [TestCaseSource(nameof(Workloads))]
    public void HvpIntoBuffer_SteadyState_AllocatesNothing(Workload w)
    {
        var hvp = new double[w.N];
        SteadyStateBytes(() =>
        {
            DualAutodiff.Hvp.Compute<double>(w.Function, w.Point, w.Direction, hvp);
            return hvp[0];
        }).ShouldBe(0);
    }

    [TestCaseSource(nameof(Workloads))]
    public void Hvp_SteadyState_AllocatesOnlyTheResult(Workload w) =>
        SteadyStateBytes(() => DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction)[0]).ShouldBe(ArrayBytes(w.N));

    [Test]
    public void AllocatedBytesPerCall_OneArrayOfTen_Is104()
    {
        // a double[10] on 64-bit .NET: 16 bytes of header, 8 of length, 10·8 of data = 104
        Timing.AllocatedBytesPerCall(() => new double[10].Length, 8).ShouldBe(104);
    }

    /// <summary>A double[n] on 64-bit .NET: 24 bytes of header and length, then 8n.</summary>
    private static long ArrayBytes(int n) => 24 + (8L * n);

    private static long SteadyStateBytes(Func<double> call)
    {
        for (int i = 0; i < 3; i++)
        {
            Timing.Consume(call());
        }

        return Timing.AllocatedBytesPerCall(call, 4);
    }
}
