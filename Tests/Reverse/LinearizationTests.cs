using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary><see cref="Linearization{T}"/>: one recording, then J·v and uᵀ·J equal to Forward.Jvp and Reverse.Vjp;
/// uᵀ(Jv) = (Jᵀu)ᵀv; f evaluated once.</summary>
[TestFixture]
public class LinearizationTests
{
    private sealed class Counting(IVectorFunction f) : IVectorFunction
    {
        public int Calls { get; private set; }

        public int OutputLength(int inputLength) => f.OutputLength(inputLength);

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            Calls++;
            f.Evaluate(x, y);
        }
    }

    /// <summary>y = (lse(x), erf(x₀)·x₁, fma(x₀, x₁, x₂), A⁻¹b-like vector rule output) exercising every record kind.</summary>
    private sealed class EveryRecordKind : IVectorFunction
    {
        public int OutputLength(int inputLength) => 3 + 3;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            y[0] = Special.LogSumExp(x[..3]);
            y[1] = Special.Erf(x[0]) * x[1];
            y[2] = T.FusedMultiplyAdd(x[0], x[1], x[2]);
            Rule.Apply(new Rules.VectorRuleTests.LinearSolve(), x, y[3..]);
        }
    }

    private static readonly double[] s_solveInput = [4, 1, -0.5, 0.3, 3, 1, -1, 0.2, 5, 1, -2, 0.5];

    public static IEnumerable<TestCaseData> Functions()
    {
        foreach ((string name, IVectorFunction f, double[] x) in TestFunctions.Vector())
        {
            yield return new TestCaseData(f, x).SetName($"{{m}}({name.Replace(' ', '_').Replace("->", "To")})");
        }

        yield return new TestCaseData(new EveryRecordKind(), s_solveInput).SetName("{m}(EveryRecordKind)");
    }

    [TestCaseSource(nameof(Functions))]
    public void JvpAndVjp_ManySeeds_EqualForwardJvpAndReverseVjpWithOneEvaluation(IVectorFunction f, double[] x)
    {
        var counting = new Counting(f);
        using Linearization<double> linearization = Reverse.Linearize(counting, x);
        counting.Calls.ShouldBe(1);
        int m = linearization.OutputLength;
        linearization.Value.ShouldBe(TestFunctions.Evaluate(f, x));
        for (int k = 0; k < 10; k++)
        {
            double[] v = [.. x.Select((_, i) => Math.Cos((3 * k) + i))];
            double[] u = [.. Enumerable.Range(0, m).Select(j => Math.Sin((5 * k) + j))];
            double[] jv = linearization.Jvp(v);
            double[] vjp = linearization.Vjp(u);
            double[] expectedJv = Forward.Jvp(f, x, v).Tangent;
            double[] expectedVjp = Reverse.Vjp(f, x, u).Vjp;
            for (int j = 0; j < m; j++)
            {
                jv[j].ShouldBeClose(expectedJv[j], 1e-13, $"(J·v)[{j}]");
            }

            for (int i = 0; i < x.Length; i++)
            {
                vjp[i].ShouldBe(expectedVjp[i], $"(uᵀJ)[{i}]");
            }

            // uᵀ(Jv) = (Jᵀu)ᵀv
            double left = u.Zip(jv, (a, b) => a * b).Sum();
            double right = vjp.Zip(v, (a, b) => a * b).Sum();
            right.ShouldBeClose(left, 1e-12, "uᵀ(Jv) = (Jᵀu)ᵀv");
        }

        counting.Calls.ShouldBe(1);
    }

    [Test]
    public void Jvp_ZeroTangentThroughInfinitePartial_IsZero()
    {
        // y = √x₀ + x₁ at x₀ = 0: ∂y/∂x₀ = +∞, yet J·(0, 1) = 1 (0·∞ = 0)
        using Linearization<double> linearization = Reverse.Linearize(new SqrtPlus(), [0.0, 2.0]);
        linearization.Jvp([0.0, 1.0]).ShouldBe([1.0]);
        linearization.Jvp([1.0, 0.0]).ShouldBe([double.PositiveInfinity]);
    }

    private sealed class SqrtPlus : IVectorFunction
    {
        public int OutputLength(int inputLength) => 1;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T> => y[0] = T.Sqrt(x[0]) + x[1];
    }

    [Test]
    public void Dispose_ThenUse_Throws()
    {
        Linearization<double> linearization = Reverse.Linearize(new SqrtPlus(), [1.0, 2.0]);
        linearization.Dispose();
        Should.Throw<ObjectDisposedException>(() => linearization.Jvp([1.0, 0.0]));
        Should.Throw<ObjectDisposedException>(() => linearization.Vjp([1.0]));
    }

    [Test]
    public void BadLengths_ThrowNamingTheParameter()
    {
        using Linearization<double> linearization = Reverse.Linearize(new SqrtPlus(), [1.0, 2.0]);
        Should.Throw<ArgumentException>(() => linearization.Jvp([1.0])).ParamName.ShouldBe("v");
        Should.Throw<ArgumentException>(() => linearization.Vjp([1.0, 2.0])).ParamName.ShouldBe("u");
    }

    [Test]
    public void Inputs_AreCopied()
    {
        double[] x = [4.0, 2.0];
        using Linearization<double> linearization = Reverse.Linearize(new SqrtPlus(), x);
        x[0] = 100;
        // d√x₀ at 4 = 1/4
        linearization.Jvp([1.0, 0.0]).ShouldBe([0.25]);
        linearization.Value.ShouldBe([4.0]);
    }
}
