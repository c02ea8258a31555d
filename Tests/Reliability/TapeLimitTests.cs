using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// A recording that would exceed <see cref="Tape{T}.MaxRecords"/> fails with a clear exception, in every mode that
/// records (reverse, forward-over-reverse, reverse-over-reverse), also on a tape that had grown past the limit
/// earlier; no tape stays active, and the next call, under the limit or after it is lifted, is correct.
/// </summary>
/// <remarks>The limit is static per scalar type, so this fixture must not run beside others; every test restores it.</remarks>
[TestFixture]
[NonParallelizable]
public class TapeLimitTests
{
    private const int Limit = 1000;
    private const int Large = 4000;

    [Test]
    public void Gradient_RecordingOverTheLimit_ClearExceptionThenNextCallsCorrect()
    {
        double[] large = Point(Large);
        Reverse.Gradient(SumOfSquares.Instance, large); // let this thread's tape grow past the limit first
        WithLimit<double>(() =>
        {
            Should.Throw<InvalidOperationException>(() => Reverse.Gradient(SumOfSquares.Instance, large))
                .Message.ShouldContain($"cannot exceed {Limit} records");
            ProgramJobs.NoTapeActive().ShouldBeTrue();

            // ∇Σx² = 2x, under the limit while it is still set
            Reverse.Gradient(SumOfSquares.Instance, Point(10)).ShouldBe([.. Point(10).Select(x => 2 * x)]);
        });

        Reverse.Gradient(SumOfSquares.Instance, large).ShouldBe([.. large.Select(x => 2 * x)]);
    }

    [Test]
    public void ForwardOverReverseHvp_RecordingOverTheLimit_ClearExceptionThenNextCallsCorrect()
    {
        double[] large = Point(Large);
        double[] v = [.. large.Select((_, i) => i % 2 == 0 ? 1.0 : -1.0)];
        WithLimit<Dual<double>>(() =>
        {
            Should.Throw<InvalidOperationException>(() => global::DualAutodiff.Hvp.Compute(SumOfSquares.Instance, large, v))
                .Message.ShouldContain("MaxRecords");
            ProgramJobs.NoTapeActive().ShouldBeTrue();
        });

        // H of Σx² is 2I, so H·v = 2v
        global::DualAutodiff.Hvp.Compute(SumOfSquares.Instance, large, v).ShouldBe([.. v.Select(vi => 2 * vi)]);
    }

    [Test]
    public void ReverseOverReverseHvp_InnerRecordingOverTheLimit_ClearExceptionThenNextCallsCorrect()
    {
        double[] large = Point(Large);
        double[] v = [.. large.Select((_, i) => i % 3 - 1.0)];
        WithLimit<Var<double>>(() =>
        {
            Should.Throw<InvalidOperationException>(() => global::DualAutodiff.Hvp.Compute(SumOfSquares.Instance, large, v, HvpMethod.ReverseOverReverse))
                .Message.ShouldContain("MaxRecords");
            ProgramJobs.NoTapeActive().ShouldBeTrue();
        });

        global::DualAutodiff.Hvp.Compute(SumOfSquares.Instance, large, v, HvpMethod.ReverseOverReverse).ShouldBe([.. v.Select(vi => 2 * vi)]);
    }

    [Test]
    public void MaxRecords_OutOfRange_ThrowsAndKeepsTheOldLimit()
    {
        int old = Tape<double>.MaxRecords;
        Should.Throw<ArgumentOutOfRangeException>(() => Tape<double>.MaxRecords = 1);
        Tape<double>.MaxRecords.ShouldBe(old);
    }

    /// <summary>Runs with Tape&lt;T&gt;.MaxRecords lowered to <see cref="Limit"/>, restoring it whatever happens.</summary>
    private static void WithLimit<T>(Action action)
        where T : IFloatingPointIeee754<T>
    {
        int old = Tape<T>.MaxRecords;
        Tape<T>.MaxRecords = Limit;
        try
        {
            action();
        }
        finally
        {
            Tape<T>.MaxRecords = old;
        }
    }

    private static double[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => (i % 7) - 3.0)];

    /// <summary>Σ xᵢ²: three records per input.</summary>
    private sealed class SumOfSquares : IScalarFunction
    {
        public static readonly SumOfSquares Instance = new();

        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            foreach (T xi in x)
            {
                sum += xi * xi;
            }

            return sum;
        }
    }
}
