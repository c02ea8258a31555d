using DualAutodiff.Benchmarks.Workloads;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Sparse;

/// <summary><see cref="DualAutodiff.Sparse.PrepareHessian"/>: patterns and values equal the dense Hessian
/// (<see cref="DualAutodiff.Hvp.Hessian{T}(IScalarFunction, T[])"/>) on the classic structures, colour counts at the
/// known optima, prepared objects at new points, branches that change the pattern, bad input.</summary>
[TestFixture]
public class SparseHessianTests
{
    public static IEnumerable<TestCaseData> Structures()
    {
        // (function, n, the star-colouring optimum, or the count the greedy colourings reach)
        yield return new TestCaseData(new Diagonal(), 12, 1).SetName("{m}(Diagonal)");
        yield return new TestCaseData(ChainedRosenbrock.Instance, 12, 3).SetName("{m}(Tridiagonal)");
        yield return new TestCaseData(new Banded(), 13, 3).SetName("{m}(Banded)");
        yield return new TestCaseData(new Arrowhead(), 10, 2).SetName("{m}(Arrowhead)");
        yield return new TestCaseData(new BlockDiagonal(), 12, 3).SetName("{m}(BlockDiagonal)");
        yield return new TestCaseData(new GridEnergy(6), 36, 5).SetName("{m}(Grid)");
    }

    private static double[] Point(int n, double phase = 0)
    {
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 0.3 + (0.9 * Math.Sin((1.3 * i) + phase));
        }

        return x;
    }

    /// <summary>Every entry of the sparse result equals the dense Hessian's, and the pattern holds exactly the
    /// entries that are nonzero for generic values.</summary>
    internal static void ShouldEqualDense(Matrix<double> sparse, IScalarFunction f, double[] x)
    {
        double[,] dense = DualAutodiff.Hvp.Hessian(f, x);
        int n = x.Length;
        sparse.RowCount.ShouldBe(n);
        sparse.ColumnCount.ShouldBe(n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                sparse[i, j].ShouldBeClose(dense[i, j], 1e-12, $"H[{i}, {j}]");
                sparse[i, j].ShouldBe(sparse[j, i], $"H[{i}, {j}] = H[{j}, {i}] exactly");
            }
        }
    }

    [TestCaseSource(nameof(Structures))]
    public void Evaluate_KnownStructure_EqualsDenseHessian(IScalarFunction f, int n, int colors)
    {
        double[] x = Point(n);
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(f, x);
        ShouldEqualDense(h.Evaluate(x), f, x);
    }

    [TestCaseSource(nameof(Structures))]
    public void Pattern_KnownStructure_IsTheDenseNonzeros(IScalarFunction f, int n, int colors)
    {
        // At a generic point every structural entry is nonzero, so the pattern is exactly {(i, j): H[i, j] ≠ 0}.
        double[] x = Point(n);
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(f, x);
        double[,] dense = DualAutodiff.Hvp.Hessian(f, x);
        Matrix<double> pattern = h.Pattern;
        int nonzeros = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                pattern[i, j].ShouldBe(dense[i, j] != 0 ? 1.0 : 0.0, $"pattern[{i}, {j}]");
                nonzeros += dense[i, j] != 0 ? 1 : 0;
            }
        }

        h.NonZeros.ShouldBe(nonzeros);
    }

    [TestCaseSource(nameof(Structures))]
    public void Colors_KnownStructure_AtTheOptimum(IScalarFunction f, int n, int colors)
    {
        DualAutodiff.Sparse.PrepareHessian(f, Point(n)).Colors.ShouldBe(colors);
    }

    [Test]
    public void Colors_LargeGrid_FiveAsOptimal()
    {
        // The 5-point stencil's star chromatic number is 5 (Fertin, Raspaud, Reed); smallest-last alone gives 6.
        var grid = new GridEnergy(40);
        DualAutodiff.Sparse.PrepareHessian(grid, grid.Point()).Colors.ShouldBe(5);
    }

    [Test]
    public void Colors_LongTridiagonal_Three()
    {
        // A path needs 3 star colours: with 2, the path x₀–x₁–x₂–x₃ would be two-coloured.
        DualAutodiff.Sparse.PrepareHessian(ChainedRosenbrock.Instance, Point(10_000)).Colors.ShouldBe(3);
    }

    [Test]
    public void NonZeros_Tridiagonal_CountsBothTriangles()
    {
        // n diagonal entries + 2(n − 1) off-diagonal ones: 3n − 2 = 28 at n = 10.
        DualAutodiff.Sparse.PrepareHessian(ChainedRosenbrock.Instance, Point(10)).NonZeros.ShouldBe(28);
    }

    [Test]
    public void Evaluate_ManyNewPoints_EqualsDenseEachTime()
    {
        var grid = new GridEnergy(5);
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(grid, grid.Point());
        for (int k = 1; k <= 8; k++)
        {
            double[] x = Point(25, k);
            ShouldEqualDense(h.Evaluate(x), grid, x);
        }

        h.Preparations.ShouldBe(1);
    }

    [Test]
    public void Evaluate_BranchChangesPattern_PreparesAgainAndMissesNothing()
    {
        var f = new Branching();
        double[] negative = [-1.0, -0.5, -2.0, -0.3, -1.5];
        double[] positive = [1.0, 0.5, 2.0, 0.3, 1.5];

        // At x < 0 each term is xᵢ² (diagonal); at x > 0 it is xᵢxᵢ₊₁ (tridiagonal): 5 then 5 + 2·4 = 13 nonzeros.
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(f, negative);
        h.NonZeros.ShouldBe(5);
        ShouldEqualDense(h.Evaluate(positive), f, positive);
        h.NonZeros.ShouldBe(13);
        h.Preparations.ShouldBe(2);
        ShouldEqualDense(h.Evaluate(negative), f, negative);
        h.Preparations.ShouldBe(3);
    }

    [Test]
    public void ChecksBranches_BranchFreeOrBranching_OnlyTheBranchingOneIsRetraced()
    {
        var grid = new GridEnergy(3);
        DualAutodiff.Sparse.PrepareHessian(grid, grid.Point()).ChecksBranches.ShouldBeFalse();
        DualAutodiff.Sparse.PrepareHessian(new Branching(), [1.0, 2.0]).ChecksBranches.ShouldBeTrue();
        DualAutodiff.Sparse.PrepareHessian(new Arrowhead(), [1.0, 2.0], SparsityMode.Global).ChecksBranches.ShouldBeFalse();
    }

    [Test]
    public void PrepareHessian_GlobalModeWithBranch_ThrowsNamingTheComparison()
    {
        var ex = Should.Throw<InvalidOperationException>(() => DualAutodiff.Sparse.PrepareHessian(new Branching(), [1.0, 2.0], SparsityMode.Global));
        ex.Message.ShouldContain("operator >");
        ex.Message.ShouldContain("SparsityMode.Local");

        // The failed trace leaves nothing behind: the next one works.
        DualAutodiff.Sparse.PrepareHessian(ChainedRosenbrock.Instance, [1.0, 2.0, 3.0], SparsityMode.Global).NonZeros.ShouldBe(7);
    }

    [Test]
    public void PrepareHessian_GlobalModeBranchFree_SamePatternAsLocal()
    {
        var grid = new GridEnergy(4);
        SparseHessian global = DualAutodiff.Sparse.PrepareHessian(grid, grid.Point(), SparsityMode.Global);
        SparseHessian local = DualAutodiff.Sparse.PrepareHessian(grid, grid.Point());
        global.Pattern.Equals(local.Pattern).ShouldBeTrue();
        double[] x = Point(16, 2);
        ShouldEqualDense(global.Evaluate(x), grid, x);
    }

    [Test]
    public void PrepareHessian_BadInput_ThrowsNamingTheParameter()
    {
        Should.Throw<ArgumentNullException>(() => DualAutodiff.Sparse.PrepareHessian(null!, [1.0])).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => DualAutodiff.Sparse.PrepareHessian(new Diagonal(), null!)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentOutOfRangeException>(() => DualAutodiff.Sparse.PrepareHessian(new Diagonal(), [1.0], (SparsityMode)7)).ParamName.ShouldBe("mode");
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(new Diagonal(), [1.0, 2.0]);
        Should.Throw<ArgumentException>(() => h.Evaluate([1.0])).ParamName.ShouldBe("x");
        Should.Throw<ArgumentNullException>(() => h.Evaluate(null!)).ParamName.ShouldBe("x");
    }

    [Test]
    public void Evaluate_FunctionThrows_NextCallWorks()
    {
        var f = new ThrowingAbove(3.0);
        Should.Throw<InvalidOperationException>(() => DualAutodiff.Sparse.PrepareHessian(f, [4.0, 1.0]));
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(f, [1.0, 2.0]);
        Should.Throw<InvalidOperationException>(() => h.Evaluate([5.0, 1.0]));
        double[] x = [0.5, 2.5];
        ShouldEqualDense(h.Evaluate(x), f, x);
    }

    [Test]
    public void Evaluate_NonFiniteValues_FlowThrough()
    {
        // f = Σ sin xᵢ at x₀ = ∞: sin ∞ = NaN, so H₀₀ = −sin ∞ is NaN; H₁₁ = −sin 1 stays finite.
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(new Diagonal(), [double.PositiveInfinity, 1.0]);
        Matrix<double> m = h.Evaluate([double.PositiveInfinity, 1.0]);
        double.IsNaN(m[0, 0]).ShouldBeTrue();
        m[1, 1].ShouldBeClose(-Math.Sin(1.0), 1e-15, "H[1, 1]"); // d²/dx² sin x = −sin x
        h.NonZeros.ShouldBe(2);
    }

    [Test]
    public void Colors_LinearFunction_NoProductAndZeroMatrix()
    {
        // f = x₀ − 2x₁ (every second derivative 0): an empty pattern needs no H·v at all.
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(new LinearCase(), [1.0, 2.0]);
        h.Colors.ShouldBe(0);
        h.NonZeros.ShouldBe(0);
        h.Evaluate([3.0, 4.0]).FrobeniusNorm().ShouldBe(0.0);
    }

    private sealed class LinearCase : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T> => x[0] - (T.CreateChecked(2) * x[1]);
    }

    [Test]
    public void Hessian_Empty_IsZeroByZero()
    {
        Matrix<double> m = DualAutodiff.Sparse.Hessian(new Diagonal(), []);
        m.RowCount.ShouldBe(0);
    }

    [Test]
    public void Hessian_Quadratic_ExactValues()
    {
        // f = x₀x₁ + 3x₁² + x₂: H = [[0, 1, 0], [1, 6, 0], [0, 0, 0]] everywhere; x₂ enters linearly, no entry.
        Matrix<double> m = DualAutodiff.Sparse.Hessian(new Quadratic(), [2.0, -1.0, 5.0]);
        m[0, 1].ShouldBe(1.0); // ∂²(x₀x₁)/∂x₀∂x₁ = 1
        m[1, 0].ShouldBe(1.0);
        m[1, 1].ShouldBe(6.0); // ∂²(3x₁²)/∂x₁² = 6
        m[0, 0].ShouldBe(0.0);
        m.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip).Count().ShouldBe(3);
    }

    private sealed class Quadratic : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T> => (x[0] * x[1]) + (T.CreateChecked(3) * x[1] * x[1]) + x[2];
    }

    private sealed class ThrowingAbove(double limit) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T>
        {
            if (x[0] > T.CreateChecked(limit))
            {
                throw new InvalidOperationException("x₀ too large");
            }

            return T.Exp(x[0] * x[1]);
        }
    }
}
