using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Hvp;

/// <summary><see cref="HessianOperator{T}"/>: f run once, then H·v for many v equal to <c>Hvp.Compute</c>; disposal,
/// threads, exceptions in f, NaN in v, ownership of inputs.</summary>
[TestFixture]
public class HessianOperatorTests
{
    /// <summary>Special functions, a custom rule, log-sum-exp (an n-ary record) and a ternary op together.</summary>
    private sealed class Mixed : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T s = Special.LogSumExp(x) + T.FusedMultiplyAdd(x[0], x[1], x[2]);
            for (int i = 0; i + 1 < x.Length; i++)
            {
                s += Special.Erf(x[i]) * Special.Softplus(x[i + 1]) + Special.LogGamma(T.One + (x[i] * x[i]));
            }

            return s;
        }
    }

    public static IEnumerable<TestCaseData> Functions()
    {
        yield return new TestCaseData(ChainedRosenbrock.Instance, new[] { -1.2, 1.0, 0.5, 0.8, -0.3, 2.0 }).SetName("{m}(ChainedRosenbrock)");
        yield return new TestCaseData(new ExpLogTrig(), new[] { 0.3, -0.7, 1.1 }).SetName("{m}(ExpLogTrig)");
        yield return new TestCaseData(new SumOfSines(), new[] { 0.1, 2.0, -1.0, 4.0 }).SetName("{m}(SumOfSines)");
        yield return new TestCaseData(new Mixed(), new[] { 0.4, -0.9, 1.3, 0.2 }).SetName("{m}(SpecialAndNary)");
    }

    [TestCaseSource(nameof(Functions))]
    public void Apply_ManyDirections_EqualsHvpComputeAndFIsRunOnce(IScalarFunction f, double[] x)
    {
        var counting = new CountingFunction(f);
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(counting, x);
        counting.Calls.ShouldBe(1);
        for (int k = 0; k < 20; k++)
        {
            double[] v = [.. x.Select((_, i) => Math.Sin((7 * k) + i))];
            double[] expected = global::DualAutodiff.Hvp.Compute(f, x, v);
            double[] actual = h.Apply(v);
            for (int i = 0; i < x.Length; i++)
            {
                actual[i].ShouldBeClose(expected[i], 1e-13, $"v{k}: (H·v)[{i}]");
            }
        }

        counting.Calls.ShouldBe(1);
        (double value, double[] gradient) = Reverse.ValueAndGradient(f, x);
        h.Value.ShouldBe(value);
        h.Gradient.ShouldBe(gradient, tolerance: 1e-14);
        h.Length.ShouldBe(x.Length);
    }

    [Test]
    public void Apply_Span_WritesDestination()
    {
        // Rosenbrock at (1, 1): H = [[802, −400], [−400, 200]], so H·(1, 0) = (802, −400)
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, [1.0, 1.0]);
        Span<double> destination = stackalloc double[2];
        h.Apply([1.0, 0.0], destination);
        destination.ToArray().ShouldBe([802.0, -400.0]);
    }

    [Test]
    public void Apply_NaNInV_FlowsThrough()
    {
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, [1.0, 1.0]);
        double[] hv = h.Apply([double.NaN, 0.0]);
        double.IsNaN(hv[0]).ShouldBeTrue();
        double.IsNaN(hv[1]).ShouldBeTrue();
        h.Apply([0.0, 1.0]).ShouldBe([-400.0, 200.0]);
    }

    [Test]
    public void Inputs_AreCopiedAndNeverModified()
    {
        double[] x = [-1.2, 1.0];
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, x);
        double[] expected = global::DualAutodiff.Hvp.Compute(ChainedRosenbrock.Instance, [-1.2, 1.0], [1.0, 2.0]);
        x[0] = 100;
        double[] v = [1.0, 2.0];
        double[] first = h.Apply(v);
        first.ShouldBe(expected);
        v.ShouldBe([1.0, 2.0]);
        double[] second = h.Apply(v);
        second.ShouldNotBeSameAs(first);
        second.ShouldBe(first);
        h.Gradient.ShouldNotBeSameAs(h.Gradient);
    }

    [Test]
    public void Dispose_ThenApply_ThrowsObjectDisposed()
    {
        HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, [1.0, 1.0]);
        h.Dispose();
        h.Dispose();
        Should.Throw<ObjectDisposedException>(() => h.Apply([1.0, 0.0]));
    }

    [Test]
    public void ManyAlive_InterleavedAndOnThreads_EachKeepsItsPoint()
    {
        double[][] points = [.. Enumerable.Range(0, 16).Select(k => new[] { Math.Sin(k), Math.Cos(k), 0.5 * k })];
        HessianOperator<double>[] operators = [.. points.Select(p => global::DualAutodiff.Hvp.Linearize(new ExpLogTrig(), p))];
        try
        {
            double[] v = [1.0, -0.5, 0.25];
            double[][] expected = [.. points.Select(p => global::DualAutodiff.Hvp.Compute(new ExpLogTrig(), p, v))];
            var results = new double[points.Length][];
            Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => results[k] = operators[k].Apply(v));
            for (int k = 0; k < points.Length; k++)
            {
                results[k].ShouldBe(expected[k], tolerance: 1e-13);
                operators[k].Apply(v).ShouldBe(results[k]);
            }
        }
        finally
        {
            foreach (HessianOperator<double> h in operators)
            {
                h.Dispose();
            }
        }
    }

    private sealed class Throwing : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.Zero ? throw new InvalidOperationException("f failed") : x[0] * x[0];
    }

    [Test]
    public void ExceptionInF_PropagatesAndTheNextCallWorks()
    {
        Should.Throw<InvalidOperationException>(() => global::DualAutodiff.Hvp.Linearize(new Throwing(), [1.0]));
        Tape<double>.Active.ShouldBeNull();
        Tape<Var<double>>.Active.ShouldBeNull();
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(new Throwing(), [-1.0]);
        h.Apply([1.0]).ShouldBe([2.0]);   // d²(x²)/dx² = 2
    }

    [Test]
    public void BadInput_ThrowsNamingTheParameter()
    {
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Linearize<double>(null!, [1.0])).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Linearize<double>(ChainedRosenbrock.Instance, null!)).ParamName.ShouldBe("x");
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, [1.0, 1.0]);
        Should.Throw<ArgumentException>(() => h.Apply([1.0])).ParamName.ShouldBe("v");
        Should.Throw<ArgumentException>(() => h.Apply([1.0, 2.0], new double[3])).ParamName.ShouldBe("destination");
    }

    [Test]
    public void Apply_SteadyState_AllocatesOnlyTheResult()
    {
        double[] x = [.. Enumerable.Range(0, 100).Select(i => Math.Cos(i))];
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize(ChainedRosenbrock.Instance, x);
        var destination = new double[100];
        for (int i = 0; i < 3; i++)
        {
            h.Apply(x, destination);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        h.Apply(x, destination);
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
