using System.Numerics;
using DualAutodiff.Tests.Reliability;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>The sweep of a compiled gradient over its replay program: partials computed from the replayed values, the
/// contribution to the record just below carried in a register. Each case is a place where that differs from the
/// ordinary sweep (a carry into a special record or an input, an infinite, NaN or zero adjoint in the middle of a run,
/// nested and single-precision scalars), each checked bit for bit against a new recording at the same point.</summary>
[TestFixture]
public class ReplayProgramTests
{
    /// <summary>3·fma(x₀, x₁, x₂) + 2·LogSumExp(x₀, 2x₁)·x₂ + x₂² + x₃: the record right after each special record takes it as
    /// its operand, and the first record after the inputs takes the last input.</summary>
    private sealed class CarriesIntoSpecials : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T last = x[3] * x[3];
            T fma = T.FusedMultiplyAdd(x[0], x[1], x[2]);
            T three = T.CreateChecked(3) * fma;
            T lse = Special.LogSumExp<T>([x[0], T.CreateChecked(2) * x[1]]);
            T two = lse * T.CreateChecked(2);
            return three + (two * x[2]) + last + x[3];
        }
    }

    /// <summary>√(x₀² − x₁)·x₂ + x₂·x₁ + 0·(x₀·x₃) + x₃: at x₀² = x₁ the root's partial is ∞, so the sweep meets infinite
    /// adjoints (0·∞ = 0 where x₂ = 0) between finite ones; the product scaled by 0 has a zero adjoint.</summary>
    private sealed class NonFiniteAndZeroAdjoints : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> =>
            (T.Sqrt((x[0] * x[0]) - x[1]) * x[2]) + (x[2] * x[1]) + (T.Zero * (x[0] * x[3])) + x[3];
    }

    private static IEnumerable<double[]> Points()
    {
        yield return [0.7, -1.3, 0.4, 2.0];
        yield return [1.0, 1.0, 0.5, -0.3];        // x₀² − x₁ = 0: √ has partial ∞
        yield return [1.0, 1.0, 0.0, -0.3];        // and x₂ = 0: 0·∞ = 0
        yield return [-2.0, 4.0, -1.5, 0.0];       // x₀² − x₁ = 0 again, negative x₀
        yield return [0.5, 1.0, 0.5, 1.0];         // x₀² − x₁ < 0: NaN value and NaN adjoints
        yield return [double.PositiveInfinity, 1.0, 0.5, 1.0];
        yield return [0.3, double.NaN, 0.5, 1.0];
    }

    [Test]
    public void ValueAndGradient_CarriesIntoSpecialRecordsAndInputs_EqualNewRecordingBitForBit()
    {
        CheckEveryPoint(new CarriesIntoSpecials());
    }

    [Test]
    public void ValueAndGradient_InfiniteNaNAndZeroAdjointsMidSweep_EqualNewRecordingBitForBit()
    {
        CheckEveryPoint(new NonFiniteAndZeroAdjoints());
    }

    [Test]
    public void ValueAndGradient_LongChain_EqualsNewRecordingBitForBit()
    {
        // chained Rosenbrock, n = 1000: about 8000 records, every step kind of the sweep in one run
        double[] x = [.. Enumerable.Range(0, 1000).Select(i => 0.5 + (0.4 * Math.Sin(i)))];
        using CompiledGradient<double> compiled = Reverse.Compile(ChainedRosenbrock.Instance, x);
        for (int k = 0; k < 5; k++)
        {
            double[] at = [.. x.Select((xi, i) => xi + (0.1 * Math.Cos(i + k)))];
            (double value, double[] gradient) = compiled.ValueAndGradient(at);
            (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient(ChainedRosenbrock.Instance, at);
            ProgramJobs.SameBits([value, .. gradient], [expectedValue, .. expectedGradient]).ShouldBeTrue($"point {k}");
        }

        compiled.Recordings.ShouldBe(1);
    }

    [Test]
    public void ValueAndGradient_NestedAndSinglePrecision_EqualNewRecording()
    {
        // Dual<double>: partials and adjoints are dual numbers, whose unit partials the sweep multiplies as a record does
        var f = new NonFiniteAndZeroAdjoints();
        Dual<double>[] x = [new(0.7, 1), new(-1.3, 0), new(0.4, 0.5), new(2.0, -1)];
        using CompiledGradient<Dual<double>> nested = Reverse.Compile(f, x);
        Dual<double>[] at = [new(1.0, 1), new(1.0, 0), new(0.5, 0.5), new(-0.3, -1)];
        nested.ValueAndGradient(at).Gradient.ShouldBe(Reverse.Gradient(f, at));
        nested.Recordings.ShouldBe(1);

        using CompiledGradient<float> single = Reverse.Compile(new CarriesIntoSpecials(), [0.7f, -1.3f, 0.4f, 2.0f]);
        float[] point = [0.8f, -1.1f, 0.3f, 1.5f];
        single.ValueAndGradient(point).Gradient.ShouldBe(Reverse.Gradient(new CarriesIntoSpecials(), point));
        single.Recordings.ShouldBe(1);
    }

    [Test]
    public void ValueAndGradient_PooledTapeOfEverySize_EqualsNewRecording()
    {
        // The sweep leaves a tape's adjoints at 0 for the next call instead of clearing them first. Tapes go back to the
        // thread's pool: an ordinary gradient over many records, then compiled gradients over few and then more records
        // on the tapes it leaves, each right from its first call.
        double[] Point(int n, int k) => [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.4 * Math.Sin(i + k)))];
        Reverse.Gradient(ChainedRosenbrock.Instance, Point(40, 0));
        foreach (int n in new[] { 4, 20, 3, 40 })
        {
            using CompiledGradient<double> compiled = Reverse.Compile(ChainedRosenbrock.Instance, Point(n, 0));
            for (int k = 1; k <= 3; k++)
            {
                (double value, double[] gradient) = compiled.ValueAndGradient(Point(n, k));
                (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient(ChainedRosenbrock.Instance, Point(n, k));
                ProgramJobs.SameBits([value, .. gradient], [expectedValue, .. expectedGradient]).ShouldBeTrue($"n = {n}, point {k}");
            }
        }
    }

    private static void CheckEveryPoint(IScalarFunction f)
    {
        var counting = new CountingFunction(f);
        using CompiledGradient<double> compiled = Reverse.Compile(counting, [0.7, -1.3, 0.4, 2.0]);
        compiled.IsReplayable.ShouldBeTrue(compiled.NotReplayableReason);
        foreach (double[] at in Points())
        {
            (double value, double[] gradient) = compiled.ValueAndGradient(at);
            (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient(f, at);
            ProgramJobs.SameBits([value, .. gradient], [expectedValue, .. expectedGradient])
                .ShouldBeTrue($"at ({string.Join(", ", at)}): {value}, ({string.Join(", ", gradient)}) against {expectedValue}, ({string.Join(", ", expectedGradient)})");
        }

        counting.Calls.ShouldBe(1);
    }
}
