using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Hvp;

[TestFixture]
public class NewtonCgTests
{
    private static IEnumerable<TestCaseData> Problems()
    {
        // chained Rosenbrock (SciPy's rosen) from the standard start: minimum 0 at (1, …, 1)
        yield return new TestCaseData(ChainedRosenbrock.Instance, ExtendedRosenbrock.StandardStart(2), Ones(2)).SetName("{m}(ChainedRosenbrock2)");
        yield return new TestCaseData(ChainedRosenbrock.Instance, ExtendedRosenbrock.StandardStart(30), Ones(30)).SetName("{m}(ChainedRosenbrock30)");
        // extended (MGH no. 21) Rosenbrock: minimum 0 at (1, …, 1)
        yield return new TestCaseData(ExtendedRosenbrock.Instance, ExtendedRosenbrock.StandardStart(1000), Ones(1000)).SetName("{m}(ExtendedRosenbrock1000)");
        // ½xᵀAx − 1ᵀx with A tridiagonal (4 on the diagonal, −1 beside it): the minimiser solves A·x = 1
        yield return new TestCaseData(new ConvexQuadratic(), new double[] { 5, -3, 2 }, QuadraticMinimiser(3)).SetName("{m}(ConvexQuadratic3)");
        yield return new TestCaseData(new ConvexQuadratic(), new double[50], QuadraticMinimiser(50)).SetName("{m}(ConvexQuadratic50)");
    }

    [TestCaseSource(nameof(Problems))]
    public void Minimize_StandardProblem_ConvergesToKnownMinimiser(IScalarFunction f, double[] x0, double[] minimiser)
    {
        double[] start = (double[])x0.Clone();
        NewtonCgResult result = NewtonCg.Minimize(f, x0);
        result.Status.ShouldBe(NewtonCgStatus.Converged, result.Message);
        result.Converged.ShouldBeTrue();
        result.GradientNorm.ShouldBeLessThanOrEqualTo(1e-8);
        result.Point.Length.ShouldBe(minimiser.Length);
        for (int i = 0; i < minimiser.Length; i++)
        {
            result.Point[i].ShouldBe(minimiser[i], 1e-7, $"entry {i}");
        }

        result.Value.ShouldBe(f.Evaluate<double>(result.Point));
        x0.ShouldBe(start);
    }

    [Test]
    public void Minimize_ConvexQuadratic_ResidualShrinksByForcingTermEachStep()
    {
        // for a quadratic the new gradient is the CG residual, ≤ min(0.5, √‖g‖)·‖g‖: from ‖g₀‖ = √10 that is
        // at most 0.5 per step until ‖g‖ < 0.25, then superlinear, so 1e-8 takes fewer than 10 iterations
        var norms = new List<double>();
        NewtonCgResult result = NewtonCg.Minimize(new ConvexQuadratic(), new double[10], new NewtonCgOptions { InitialTrustRadius = 100, Progress = p => norms.Add(p.GradientNorm) });
        result.Converged.ShouldBeTrue(result.Message);
        result.Iterations.ShouldBeLessThan(10);
        double previous = Math.Sqrt(10);
        foreach (double norm in norms)
        {
            norm.ShouldBeLessThanOrEqualTo(Math.Min(0.5, Math.Sqrt(previous)) * previous * (1 + 1e-12));
            previous = norm;
        }
    }

    [Test]
    public void Minimize_SaddleStart_EscapesAlongNegativeCurvature()
    {
        // x² − y² has a saddle at (0, 0); from (1, 1e-3) the y direction has
        // negative curvature −2, so the method must go down it rather than converge to the saddle (f → −∞)
        NewtonCgResult result = NewtonCg.Minimize(new Saddle(), [1.0, 1e-3], new NewtonCgOptions { MaxIterations = 200 });
        result.Converged.ShouldBeFalse();
        result.Value.ShouldBeLessThan(-1e6);
    }

    [Test]
    public void Minimize_TinyBudget_ReportsIterationLimit()
    {
        NewtonCgResult result = NewtonCg.Minimize(ChainedRosenbrock.Instance, ExtendedRosenbrock.StandardStart(10), new NewtonCgOptions { MaxIterations = 3 });
        result.Status.ShouldBe(NewtonCgStatus.IterationLimit);
        result.Converged.ShouldBeFalse();
        result.Iterations.ShouldBe(3);
        result.Value.ShouldBeLessThan(ChainedRosenbrock.Instance.Evaluate<double>(ExtendedRosenbrock.StandardStart(10)));
    }

    [Test]
    public void Minimize_NaNAtStart_ReportsNonFiniteValue()
    {
        // √x₀ at x₀ = −1 is NaN
        NewtonCgResult result = NewtonCg.Minimize(new SqrtOfFirst(), [-1.0, 1.0]);
        result.Status.ShouldBe(NewtonCgStatus.NonFiniteValue);
        result.Iterations.ShouldBe(0);
        result.Message.ShouldContain("start");
    }

    [Test]
    public void Minimize_UnboundedBelow_StopsWithNonFiniteValue()
    {
        // −exp(x₀) + x₁² → −∞ as x₀ grows: the run must end rather than loop
        NewtonCgResult result = NewtonCg.Minimize(new NegativeExp(), [0.0, 1.0]);
        result.Status.ShouldBe(NewtonCgStatus.NonFiniteValue, result.Message);
        double.IsFinite(result.Value).ShouldBeTrue();
    }

    [Test]
    public void Minimize_NaNBeyondBoundary_RejectsNaNTrialsAndDescends()
    {
        // √x₀ + x₁² from (1, 1): the first full steps along −∇f land at x₀ < 0 where f is NaN; they are
        // rejected, the region shrinks, and x₀ heads to the boundary minimum at 0 without ever accepting NaN
        NewtonCgResult result = NewtonCg.Minimize(new SqrtOfFirst(), [1.0, 1.0], new NewtonCgOptions { MaxIterations = 60 });
        double.IsFinite(result.Value).ShouldBeTrue();
        result.Point[0].ShouldBeGreaterThanOrEqualTo(0);
        result.Value.ShouldBeLessThan(2); // f(1, 1) = 2
    }

    [Test]
    public void Minimize_Progress_CalledOncePerIteration()
    {
        var lines = new List<NewtonCgProgress>();
        NewtonCgResult result = NewtonCg.Minimize(ExtendedRosenbrock.Instance, ExtendedRosenbrock.StandardStart(100), new NewtonCgOptions { Progress = lines.Add });
        lines.Count.ShouldBe(result.Iterations);
        lines.Select(p => p.Iteration).ShouldBe(Enumerable.Range(1, result.Iterations));
        lines.Sum(p => (long)p.CgSteps).ShouldBe(result.HessianVectorProducts);
        lines[^1].Value.ShouldBe(result.Value);
    }

    [Test]
    public void Minimize_Cancelled_ReportsCancelled()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        NewtonCgResult result = NewtonCg.Minimize(ChainedRosenbrock.Instance, [-1.2, 1.0], new NewtonCgOptions { CancellationToken = source.Token });
        result.Status.ShouldBe(NewtonCgStatus.Cancelled);
    }

    [Test]
    public void Minimize_BadArguments_ThrowNamingThem()
    {
        Should.Throw<ArgumentNullException>(() => NewtonCg.Minimize(null!, [1.0])).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => NewtonCg.Minimize(ChainedRosenbrock.Instance, null!)).ParamName.ShouldBe("x0");
        Should.Throw<ArgumentOutOfRangeException>(() => NewtonCg.Minimize(ChainedRosenbrock.Instance, [1.0], new NewtonCgOptions { Eta = 0.5 })).ParamName.ShouldBe("options.Eta");
        Should.Throw<ArgumentOutOfRangeException>(() => NewtonCg.Minimize(ChainedRosenbrock.Instance, [1.0], new NewtonCgOptions { GradientTolerance = double.NaN })).ParamName.ShouldBe("options.GradientTolerance");
        Should.Throw<ArgumentOutOfRangeException>(() => NewtonCg.Minimize(ChainedRosenbrock.Instance, [1.0], new NewtonCgOptions { RelativeGradientTolerance = -1 })).ParamName.ShouldBe("options.RelativeGradientTolerance");
    }

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    /// <summary>The solution of A·x = 1 for A tridiagonal with 4 on the diagonal and −1 beside it.</summary>
    private static double[] QuadraticMinimiser(int n)
    {
        // Thomas algorithm, independent of the code under test
        double[] c = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++)
        {
            // forward sweep for sub- and super-diagonal −1: c′ᵢ = −1/(4 + c′ᵢ₋₁), d′ᵢ = (1 + d′ᵢ₋₁)/(4 + c′ᵢ₋₁)
            double m = 4 + (i > 0 ? c[i - 1] : 0);
            c[i] = -1 / m;
            d[i] = (1 + (i > 0 ? d[i - 1] : 0)) / m;
        }

        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            x[i] = d[i] - c[i] * (i + 1 < n ? x[i + 1] : 0);
        }

        return x;
    }
}
