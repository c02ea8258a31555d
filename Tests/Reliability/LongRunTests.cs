using System.Globalization;
using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// Long runs of small calls do not grow memory: after warm-up, a gradient call allocates only its result array, a
/// JVP nothing, an H·v only its result, and the live heap after the run is what it was before. CI makes
/// 100000 calls of each; <c>DUALAUTODIFF_LONG_RUN_CALLS=1000000</c> makes a million. This counts bytes, never time.
/// </summary>
[TestFixture]
[NonParallelizable]
public class LongRunTests
{
    private static readonly double[] s_x = [-1.2, 1.0, 0.5, 0.8];
    private static readonly double[] s_v = [1.0, -0.5, 0.25, 2.0];

    private static int Calls =>
        int.TryParse(Environment.GetEnvironmentVariable("DUALAUTODIFF_LONG_RUN_CALLS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int calls) ? calls : 100_000;

    [Test]
    public void Gradient_ManyCalls_AllocatesOnlyTheResultAndHeapDoesNotGrow()
    {
        // a double[4] is 24 bytes of header and length plus 4·8 = 56 bytes
        Run(() => Reverse.Gradient(Quartic.Instance, s_x)[0]).ShouldBeLessThanOrEqualTo(56.0 + 1);
    }

    [Test]
    public void Jvp_ManyCalls_AllocatesNothingAndHeapDoesNotGrow()
    {
        Run(() => Forward.Jvp(Quartic.Instance, s_x, s_v).Tangent).ShouldBeLessThanOrEqualTo(1.0);
    }

    [Test]
    public void Hvp_ManyCalls_AllocatesOnlyTheResultAndHeapDoesNotGrow()
    {
        // H·v allocates its result only: 56 bytes for four entries
        Run(() => global::DualAutodiff.Hvp.Compute(Quartic.Instance, s_x, s_v)[0]).ShouldBeLessThanOrEqualTo(56.0 + 1);
    }

    /// <summary>Runs the call <see cref="Calls"/> times after warm-up; checks the live heap did not grow by more than
    /// 1 MiB (the test host's own threads allocate meanwhile; a program alone stays flat within ~16 KiB over 4·10⁶
    /// H·v calls), and returns the bytes allocated per call on this thread, where any leak would have to show.</summary>
    private static double Run(Func<double> call)
    {
        double sink = 0;
        for (int i = 0; i < 1000; i++)
        {
            sink += call();
        }

        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int calls = Calls;
        for (int i = 0; i < calls; i++)
        {
            sink += call();
        }

        double perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
        long growth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        double.IsNaN(sink).ShouldBeFalse();
        growth.ShouldBeLessThan(1024 * 1024, $"the live heap grew by {growth} bytes over {calls} calls");
        TestContext.Out.WriteLine($"{calls} calls: {perCall:F2} bytes allocated per call, live heap grew by {growth} bytes");
        return perCall;
    }

    /// <summary>Σ (xᵢ² − xᵢ₊₁)² + sin xᵢ: a small function of four inputs.</summary>
    private sealed class Quartic : IScalarFunction
    {
        public static readonly Quartic Instance = new();

        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                T d = (x[i] * x[i]) - x[(i + 1) % x.Length];
                sum += (d * d) + T.Sin(x[i]);
            }

            return sum;
        }
    }
}
