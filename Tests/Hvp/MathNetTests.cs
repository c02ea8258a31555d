using MathNet.Numerics.Differentiation;
using MathNet.Numerics.Optimization;
using NUnit.Framework;
using Shouldly;
using DMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;
using DVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace DualAutodiff.Tests.Hvp;

[TestFixture]
public class MathNetTests
{
    private static IEnumerable<TestCaseData> SmallFunctions()
    {
        yield return new TestCaseData(ChainedRosenbrock.Instance, new[] { -1.2, 1.0, 0.5 }, new[] { 1.0, -2.0, 0.5 }).SetName("{m}(ChainedRosenbrock)");
        yield return new TestCaseData(new ExpLogTrig(), new[] { 0.3, -0.7, 1.1 }, new[] { 1.0, 0.5, -2.0 }).SetName("{m}(ExpLogTrig)");
        yield return new TestCaseData(new SumOfSines(), new[] { 0.1, 1.0, 2.0 }, new[] { 1.0, -1.0, 0.5 }).SetName("{m}(SumOfSines)");
    }

    [TestCaseSource(nameof(SmallFunctions))]
    public void Compute_SmallFunction_MatchesNumericalHessianTimesV(IScalarFunction f, double[] x, double[] v)
    {
        double[,] numerical = new NumericalHessian().Evaluate(z => f.Evaluate<double>(z), x);
        DVector expected = DMatrix.Build.DenseOfArray(numerical) * DVector.Build.Dense(v);
        DVector actual = global::DualAutodiff.Hvp.Compute(f, DVector.Build.Dense(x), DVector.Build.Dense(v));
        // MathNet's 3-point second differences of f are accurate to about 1e-5 relative
        (actual - expected).InfinityNorm().ShouldBeLessThan(1e-4 * Math.Max(1, expected.InfinityNorm()));
    }

    [TestCaseSource(nameof(SmallFunctions))]
    public void Hessian_MathNetOverload_EqualsGenericHessian(IScalarFunction f, double[] x, double[] v)
    {
        DMatrix h = global::DualAutodiff.Hvp.Hessian(f, DVector.Build.Dense(x));
        h.ToArray().ShouldBe(global::DualAutodiff.Hvp.Hessian(f, x));
        (h - h.Transpose()).InfinityNorm().ShouldBe(0.0);
        (h * DVector.Build.Dense(v)).ToArray().ShouldBe(global::DualAutodiff.Hvp.Compute(f, x, v), 1e-12 * Math.Max(1, h.InfinityNorm()));
    }

    [Test]
    public void BfgsMinimizer_AutodiffObjective_FindsRosenbrockMinimum()
    {
        // chained Rosenbrock: minimum 0 at (1, 1, 1, 1)
        MinimizationResult result = new BfgsMinimizer(1e-10, 1e-10, 1e-10, 1000).FindMinimum(new AutodiffObjective(ChainedRosenbrock.Instance), DVector.Build.Dense([-1.2, 1.0, -1.2, 1.0]));
        result.ReasonForExit.ShouldNotBe(ExitCondition.ExceedIterations);
        for (int i = 0; i < 4; i++)
        {
            result.MinimizingPoint[i].ShouldBe(1.0, 1e-6);
        }
    }

    [Test]
    public void NewtonMinimizer_AutodiffObjective_FindsRosenbrockMinimum()
    {
        // extended Rosenbrock: minimum 0 at (1, 1, 1, 1), Newton with the exact Hessian and a line search
        MinimizationResult result = new NewtonMinimizer(1e-10, 200, useLineSearch: true).FindMinimum(new AutodiffObjective(ExtendedRosenbrock.Instance), DVector.Build.Dense(ExtendedRosenbrock.StandardStart(4)));
        for (int i = 0; i < 4; i++)
        {
            result.MinimizingPoint[i].ShouldBe(1.0, 1e-8);
        }

        result.FunctionInfoAtMinimum.Gradient.L2Norm().ShouldBeLessThan(1e-8);
    }

    [Test]
    public void LimitedMemoryBfgsMinimizer_AutodiffObjective_FindsRosenbrockMinimum()
    {
        // chained Rosenbrock, n = 20: minimum 0 at (1, …, 1)
        MinimizationResult result = new LimitedMemoryBfgsMinimizer(1e-10, 1e-10, 1e-10, 7, 5000).FindMinimum(new AutodiffObjective(ChainedRosenbrock.Instance), DVector.Build.Dense(ExtendedRosenbrock.StandardStart(20)));
        for (int i = 0; i < 20; i++)
        {
            result.MinimizingPoint[i].ShouldBe(1.0, 1e-6);
        }
    }

    [Test]
    public void MathNetOverloads_NullArguments_ThrowNamingThem()
    {
        DVector x = DVector.Build.Dense([1.0, 1.0]);
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Compute(ChainedRosenbrock.Instance, null!, x)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Compute(ChainedRosenbrock.Instance, x, null!)).ParamName.ShouldBe("v");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Compute(null!, x, x)).ParamName.ShouldBe("f");
        Should.Throw<ArgumentException>(() => global::DualAutodiff.Hvp.Compute(ChainedRosenbrock.Instance, x, DVector.Build.Dense(3))).ParamName.ShouldBe("v");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.Hessian(null!, x)).ParamName.ShouldBe("f");
    }

    [Test]
    public void AutodiffObjective_AtPoint_ExactValueGradientAndHessian()
    {
        var objective = new AutodiffObjective(ChainedRosenbrock.Instance);
        objective.IsGradientSupported.ShouldBeTrue();
        objective.IsHessianSupported.ShouldBeTrue();
        objective.EvaluateAt(DVector.Build.Dense([1.0, 1.0]));
        objective.Value.ShouldBe(0.0); // f(1, 1) = 0
        objective.Gradient.ToArray().ShouldBe([0.0, 0.0]); // ∇f(1, 1) = 0
        objective.Hessian.ToArray().ShouldBe(new double[,] { { 802, -400 }, { -400, 200 } }); // H(1, 1)
    }

    [Test]
    public void AutodiffObjective_ForkAndCreateNew_KeepOrDropThePoint()
    {
        var objective = new AutodiffObjective(ChainedRosenbrock.Instance);
        DVector point = DVector.Build.Dense([-1.2, 1.0]);
        objective.EvaluateAt(point);
        point[0] = 5; // the objective copied the point
        double value = objective.Value;
        value.ShouldBe(24.2, 1e-12); // 100(1 − 1.44)² + 2.2² = 19.36 + 4.84
        IObjectiveFunction fork = objective.Fork();
        fork.Value.ShouldBe(value);
        fork.Point.ToArray().ShouldBe([-1.2, 1.0]);
        fork.EvaluateAt(DVector.Build.Dense([1.0, 1.0]));
        objective.Value.ShouldBe(value);
        Should.Throw<InvalidOperationException>(() => objective.CreateNew().Value);
        Should.Throw<ArgumentNullException>(() => new AutodiffObjective(null!)).ParamName.ShouldBe("f");
    }

    [Test]
    public void Classify_SaddleAtOrigin_IsSaddle()
    {
        // x² − y² at 0: H = diag(2, −2)
        StationaryPoint point = StationaryPoint.Classify(new Saddle(), [0.0, 0.0]);
        point.Kind.ShouldBe(StationaryPointKind.Saddle);
        point.Eigenvalues.ShouldBe([-2.0, 2.0]);
        point.GradientNorm.ShouldBe(0.0);
    }

    [Test]
    public void Classify_RosenbrockMinimum_IsMinimum()
    {
        // H(1, 1) = [[802, −400], [−400, 200]] has trace 1002 and determinant 400: both eigenvalues positive
        StationaryPoint point = StationaryPoint.Classify(ChainedRosenbrock.Instance, [1.0, 1.0]);
        point.Kind.ShouldBe(StationaryPointKind.Minimum);
        point.Eigenvalues.Sum().ShouldBe(1002, 1e-9);
        (point.Eigenvalues[0] * point.Eigenvalues[1]).ShouldBe(400, 1e-6);
    }

    [TestCase(new[] { -1.0, -3.0 }, StationaryPointKind.Maximum)]
    [TestCase(new[] { 1.0, 3.0 }, StationaryPointKind.Minimum)]
    [TestCase(new[] { 1.0, 0.0 }, StationaryPointKind.Degenerate)]
    [TestCase(new[] { -1.0, 1e-12 }, StationaryPointKind.Degenerate)]
    [TestCase(new[] { -1.0, 0.0, 1.0 }, StationaryPointKind.Saddle)]
    public void Classify_DiagonalHessian_KindFromEigenvalueSigns(double[] diagonal, StationaryPointKind expected) =>
        StationaryPoint.Classify(DMatrix.Build.DenseOfDiagonalArray(diagonal)).Kind.ShouldBe(expected);

    [Test]
    public void Classify_BadHessian_Throws()
    {
        Should.Throw<ArgumentException>(() => StationaryPoint.Classify(DMatrix.Build.Dense(2, 3))).ParamName.ShouldBe("hessian");
        Should.Throw<ArgumentException>(() => StationaryPoint.Classify(DMatrix.Build.DenseOfDiagonalArray([double.NaN, 1]))).ParamName.ShouldBe("hessian");
        Should.Throw<ArgumentOutOfRangeException>(() => StationaryPoint.Classify(DMatrix.Build.DenseIdentity(2), -1)).ParamName.ShouldBe("tolerance");
    }
}
