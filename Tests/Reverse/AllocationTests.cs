using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>Steady-state allocation: once the thread's tape has grown, a gradient call allocates only its result
/// array. This counts bytes (GC.GetAllocatedBytesForCurrentThread); it measures no time.</summary>
[TestFixture]
public class AllocationTests
{
    private const int N = 1000;

    // the result double[N]: N·8 bytes of data plus the array header (16) and length (8) on 64-bit
    private const long ResultBytes = N * sizeof(double) + 24;

    // room for a small fixed cost, far below one double per variable
    private const long Slack = 256;

    private static readonly IScalarFunction s_rosenbrock = new TestFunctions.Rosenbrock();
    private static readonly double[] s_x = [.. Enumerable.Range(0, N).Select(i => i % 2 == 0 ? -1.2 : 1.0)];

    [Test]
    public void Gradient_InterfaceRosenbrock1000_AllocatesOnlyResult()
    {
        Allocated(() => Reverse.Gradient(s_rosenbrock, s_x)).ShouldBeLessThanOrEqualTo(ResultBytes + Slack);
    }

    // a delegate's own input array, Var<double>[N]: N·16 bytes (value, index, recording) plus 24
    private const long DelegateInputBytes = N * 16 + 24;

    [Test]
    public void ValueAndGradient_DelegateRosenbrock1000_AllocatesResultAndItsInputArray()
    {
        // the delegate may keep its array, so it gets one of its own each call (an IScalarFunction sees a span and
        // allocates nothing beyond the result)
        long bytes = Allocated(() => Reverse.ValueAndGradient<double>(v => s_rosenbrock.Evaluate<Var<double>>(v), s_x));
        bytes.ShouldBeGreaterThanOrEqualTo(ResultBytes + DelegateInputBytes);
        bytes.ShouldBeLessThanOrEqualTo(ResultBytes + DelegateInputBytes + Slack);
    }

    [Test]
    public void ForwardGradient_ChunkModeRosenbrock1000_AllocatesOnlyResult()
    {
        // 125 passes of Dual<double, Tangents8<double>> reuse one pooled input array: only ∇f is new
        Allocated(() => Forward.Gradient(s_rosenbrock, s_x)).ShouldBeLessThanOrEqualTo(ResultBytes + Slack);
    }

    [Test]
    public void ComputeMany_ThreeDirectionsRosenbrock1000_AllocatesOnlyTheProducts()
    {
        // the three H·vⱼ (double[N] each) and the array holding them (3 references + 24); the tape is pooled
        double[][] v = [s_x, s_x, s_x];
        Allocated(() => global::DualAutodiff.Hvp.ComputeMany(s_rosenbrock, s_x, v)).ShouldBeLessThanOrEqualTo((3 * ResultBytes) + 48 + Slack);
    }

    [Test]
    public void Gradient_Rosenbrock1000_AllocatesAtLeastResult()
    {
        // the measurement sees the result array, so the bound above is not vacuous
        Allocated(() => Reverse.Gradient(s_rosenbrock, s_x)).ShouldBeGreaterThanOrEqualTo(ResultBytes);
    }

    [Test]
    public void CompiledGradient_ReplayAtNewPointsRosenbrock1000_AllocatesOnlyResult()
    {
        using CompiledGradient<double> compiled = Reverse.Compile(s_rosenbrock, s_x);
        double[][] points = [s_x, [.. s_x.Select(x => x + 0.001)]];
        int k = 0;
        long bytes = Allocated(() => compiled.ValueAndGradient(points[k++ % 2]));

        // only the gradient double[N]: the (value, gradient) tuple is a struct, the replay reuses the tape's arrays
        bytes.ShouldBeGreaterThanOrEqualTo(ResultBytes);
        bytes.ShouldBeLessThanOrEqualTo(ResultBytes + Slack);
        compiled.Recordings.ShouldBe(1);
    }

    /// <summary>Bytes allocated on this thread by one call after warm-up (the fewest over a few calls, so a one-off
    /// allocation by the runtime itself is not counted against the library).</summary>
    private static long Allocated<TResult>(Func<TResult> call)
    {
        for (int i = 0; i < 3; i++)
        {
            GC.KeepAlive(call());
        }

        long fewest = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            TResult result = call();
            long after = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(result);
            fewest = Math.Min(fewest, after - before);
        }

        return fewest;
    }
}
