using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Hvp;

/// <summary><see cref="CompiledHessian{T}"/>: operators at new points from replays, equal to new ones bit for bit, f
/// recorded again only where it branches the other way; not replayable functions; errors and misuse.</summary>
[TestFixture]
public class CompiledHessianTests
{
    [Test]
    public void Linearize_AtManyNewPoints_EqualsNewOperatorsBitForBitWithoutRunningF()
    {
        var f = new CountingFunction(ChainedRosenbrock.Instance);
        double[] x0 = [-1.2, 1.0, 0.5, 0.8];
        using CompiledHessian<double> compiled = global::DualAutodiff.Hvp.Compile(f, x0);
        f.Calls.ShouldBe(1);
        for (int k = 0; k < 20; k++)
        {
            double[] x = [.. x0.Select((xi, i) => xi + (0.1 * Math.Sin(k + i)))];
            double[] v = [.. x0.Select((_, i) => Math.Cos((3 * k) + i))];
            using HessianOperator<double> h = compiled.Linearize(x);
            using HessianOperator<double> expected = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, x);
            h.Value.ShouldBe(expected.Value);
            h.Gradient.ShouldBe(expected.Gradient);
            h.Apply(v).ShouldBe(expected.Apply(v));
        }

        f.Calls.ShouldBe(1);
        compiled.Recordings.ShouldBe(1);
        compiled.IsReplayable.ShouldBeTrue();
        compiled.NotReplayableReason.ShouldBeNull();
        compiled.InputLength.ShouldBe(4);
    }

    private sealed class Branchy : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.Zero ? x[0] * x[0] * x[0] : T.CreateChecked(5) * x[0] * x[0];
    }

    [Test]
    public void Linearize_CrossingABranchBothWays_RecordsAnewAndIsAlwaysRight()
    {
        using CompiledHessian<double> compiled = global::DualAutodiff.Hvp.Compile(new Branchy(), [1.0]);

        // x > 0: f = x³, f″ = 6x; x ≤ 0: f = 5x², f″ = 10
        (double X, double Curvature, int Recordings)[] path = [(2.0, 12.0, 1), (-1.0, 10.0, 2), (-3.0, 10.0, 2), (0.5, 3.0, 3), (1.5, 9.0, 3)];
        foreach ((double x, double curvature, int recordings) in path)
        {
            using HessianOperator<double> h = compiled.Linearize([x]);
            h.Apply([1.0]).ShouldBe([curvature], $"f″({x})");
            compiled.Recordings.ShouldBe(recordings, $"recordings after x = {x}");
        }
    }

    private sealed class KernelSquares : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => T.CreateChecked(2) * Kernels.SumOfSquares(x);
    }

    [Test]
    public void NotReplayable_EachLinearizeRunsFAndIsRight()
    {
        var f = new CountingFunction(new KernelSquares());
        using CompiledHessian<double> compiled = global::DualAutodiff.Hvp.Compile(f, [1.0, 2.0]);
        compiled.IsReplayable.ShouldBeFalse();
        compiled.NotReplayableReason.ShouldNotBeNull();
        int before = f.Calls;
        using HessianOperator<double> h = compiled.Linearize([3.0, -1.0]);
        f.Calls.ShouldBe(before + 1);   // reverse-over-reverse, once

        // f = 2Σxᵢ²: ∇f = 4x, H = 4I
        h.Gradient.ShouldBe([12.0, -4.0]);
        h.Apply([1.0, 0.5]).ShouldBe([4.0, 2.0]);
        compiled.Recordings.ShouldBe(1);
    }

    private sealed class ThrowsAtPositive : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.Zero ? throw new InvalidOperationException("f failed") : x[0] * x[0];
    }

    [Test]
    public void ExceptionInFDuringARecording_PropagatesAndTheNextCallWorks()
    {
        using CompiledHessian<double> compiled = global::DualAutodiff.Hvp.Compile(new ThrowsAtPositive(), [-1.0]);
        Should.Throw<InvalidOperationException>(() => compiled.Linearize([1.0]));
        Tape<Dual<double, Tangents1<double>>>.Active.ShouldBeNull();
        using HessianOperator<double> h = compiled.Linearize([-2.0]);
        h.Apply([1.0]).ShouldBe([2.0]);   // f = x²: f″ = 2
    }

    private sealed class Reentrant(Func<CompiledHessian<double>?> compiled) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            if (x[0] < T.Zero && compiled() is { } c)
            {
                c.Linearize([1.0]);
            }

            return x[0] * x[0];
        }
    }

    [Test]
    public void UseWhileInUse_ThrowsAndDisposeThenUseThrows()
    {
        CompiledHessian<double>? compiled = null;
        compiled = global::DualAutodiff.Hvp.Compile(new Reentrant(() => compiled), [1.0]);

        // x < 0 takes the other branch, so f is recorded again, and calls the compiled Hessian from inside itself
        Should.Throw<InvalidOperationException>(() => compiled.Linearize([-1.0])).Message.ShouldContain("one thread at a time");
        compiled.Dispose();
        compiled.Dispose();
        Should.Throw<ObjectDisposedException>(() => compiled.Linearize([1.0]));
    }

    [Test]
    public void BadInput_ThrowsNamingTheParameter()
    {
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Compile<double>(null!, [1.0])).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Compile<double>(ChainedRosenbrock.Instance, null!)).ParamName.ShouldBe("x");
        using CompiledHessian<double> compiled = global::DualAutodiff.Hvp.Compile(ChainedRosenbrock.Instance, [1.0, 1.0]);
        Should.Throw<ArgumentNullException>(() => compiled.Linearize(null!)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentException>(() => compiled.Linearize([1.0])).ParamName.ShouldBe("x");
    }

    [Test]
    public void Operators_OutliveTheCompiledHessianAndEachOther()
    {
        HessianOperator<double> first;
        HessianOperator<double> second;
        using (CompiledHessian<double> compiled = global::DualAutodiff.Hvp.Compile(ChainedRosenbrock.Instance, [1.0, 1.0]))
        {
            first = compiled.Linearize([1.0, 1.0]);
            second = compiled.Linearize([0.0, 0.0]);
        }

        // Rosenbrock: H(1, 1) = [[802, −400], [−400, 200]]; H(0, 0) = [[2, 0], [0, 200]] (1200x² − 400y + 2 = 2)
        first.Apply([1.0, 0.0]).ShouldBe([802.0, -400.0]);
        second.Apply([1.0, 0.0]).ShouldBe([2.0, 0.0]);
        first.Dispose();
        second.Apply([0.0, 1.0]).ShouldBe([0.0, 200.0]);
        second.Dispose();
    }
}
