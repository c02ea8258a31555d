using DualAutodiff.Benchmarks.Workloads;
using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Sparse;

/// <summary>The structure table of the tracer: which operations give which second-order pairs, checked on 2×2 and 3×3
/// Hessian patterns (an entry is present exactly when the second partial is not identically zero).</summary>
[TestFixture]
public class SparsityTracerTests
{

    /// <summary>An IScalarFunction from three generic lambdas is not expressible in C#, so each case is a class.</summary>
    private abstract class Case : IScalarFunction
    {
        public abstract T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>;
    }

    private sealed class Product : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] * x[1];
    }

    private sealed class Quotient : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] / x[1];
    }

    private sealed class Linear : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => (T.CreateChecked(3) * x[0]) - x[1] + T.Abs(x[0]) - (x[1] / T.CreateChecked(2)) + T.Floor(x[0] * x[1]);
    }

    private sealed class Fma : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => T.FusedMultiplyAdd(x[0], x[1], x[2]);
    }

    private sealed class LerpCase : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Lerp(x[0], x[1], x[2]);
    }

    private sealed class PowCase : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Pow(x[0], x[1]) + T.Exp(x[2]);
    }

    private sealed class MaxCase : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => T.Max(x[0], x[1]) * x[2];
    }

    private sealed class SpecialCase : Case
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => Special.Erf(x[0]) + Special.LogSumExp(x[1..]) + Rule.StopGradient(x[0] * x[1]);
    }

    public static IEnumerable<TestCaseData> Cases()
    {
        // Expected patterns, row-major over the inputs; 1 where ∂²f/∂xᵢ∂xⱼ is not identically 0.
        yield return new TestCaseData(new Product(), new[] { 1.5, 2.0 }, new[] { 0, 1, 1, 0 }).SetName("{m}(x·y: only the cross pair)");
        yield return new TestCaseData(new Quotient(), new[] { 1.5, 2.0 }, new[] { 0, 1, 1, 1 }).SetName("{m}(x/y: no ∂²/∂x²)");
        yield return new TestCaseData(new Linear(), new[] { 1.5, 2.0 }, new[] { 0, 0, 0, 0 }).SetName("{m}(linear and piecewise constant: none)");
        yield return new TestCaseData(new Fma(), new[] { 1.5, 2.0, 0.5 }, new[] { 0, 1, 0, 1, 0, 0, 0, 0, 0 }).SetName("{m}(a·b + c: the pair a, b)");
        yield return new TestCaseData(new LerpCase(), new[] { 1.5, 2.0, 0.5 }, new[] { 0, 0, 1, 0, 0, 1, 1, 1, 0 }).SetName("{m}(lerp: pairs a, t and b, t)");
        yield return new TestCaseData(new PowCase(), new[] { 1.5, 2.0, 0.5 }, new[] { 1, 1, 0, 1, 1, 0, 0, 0, 1 }).SetName("{m}(pow and exp: all pairs of their operands)");
        yield return new TestCaseData(new MaxCase(), new[] { 1.5, 2.0, 0.5 }, new[] { 0, 0, 0, 0, 0, 1, 0, 1, 0 }).SetName("{m}(max at x: the selected argument only)");
        yield return new TestCaseData(new SpecialCase(), new[] { 0.5, 2.0, 0.5 }, new[] { 1, 0, 0, 0, 1, 1, 0, 1, 1 }).SetName("{m}(special functions and n-ary rules: nonlinear; StopGradient: constant)");
    }

    [TestCaseSource(nameof(Cases))]
    public void Pattern_Operation_MatchesSecondPartials(IScalarFunction f, double[] x, int[] expected)
    {
        var pattern = DualAutodiff.Sparse.PrepareHessian(f, x).Pattern;
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                pattern[i, j].ShouldBe(expected[(i * n) + j], $"pattern[{i}, {j}]");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Pattern_Operation_CoversTheDenseHessian(IScalarFunction f, double[] x, int[] expected)
    {
        // Whatever the table says, no nonzero of the true Hessian may be missing.
        SparseHessianTests.ShouldEqualDense(DualAutodiff.Sparse.Hessian(f, x), f, x);
    }

    [Test]
    public void Tracer_UsedOutsideATrace_ThrowsClearly()
    {
        var a = new SparsityTracer(1, 0);
        var b = new SparsityTracer(2, 1);
        Should.Throw<InvalidOperationException>(() => a * b).Message.ShouldContain("outside a sparsity trace");
    }
}
