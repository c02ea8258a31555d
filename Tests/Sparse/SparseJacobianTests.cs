using DualAutodiff.Benchmarks.Workloads;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Sparse;

/// <summary><see cref="DualAutodiff.Sparse.PrepareJacobian"/>: patterns and values equal the dense Jacobian
/// (<see cref="Forward.Jacobian{T}(IVectorFunction, T[])"/>), column or row colouring, new points, bad input.</summary>
[TestFixture]
public class SparseJacobianTests
{
    internal static void ShouldEqualDense(Matrix<double> sparse, IVectorFunction f, double[] x)
    {
        double[,] dense = Forward.Jacobian(f, x);
        sparse.RowCount.ShouldBe(dense.GetLength(0));
        sparse.ColumnCount.ShouldBe(dense.GetLength(1));
        for (int i = 0; i < dense.GetLength(0); i++)
        {
            for (int j = 0; j < dense.GetLength(1); j++)
            {
                sparse[i, j].ShouldBeClose(dense[i, j], 1e-12, $"J[{i}, {j}]");
            }
        }
    }

    private static double[] Point(int n, double phase = 0) => [.. Enumerable.Range(0, n).Select(i => 0.4 + (0.8 * Math.Cos((0.9 * i) + phase)))];

    [Test]
    public void Evaluate_Tridiagonal_ThreeColumnColorsAndDenseValues()
    {
        // Columns j, j + 3, … share no row of a tridiagonal J: 3 colours, 3n − 2 nonzeros (28 at n = 10).
        var f = new TridiagonalResidual();
        double[] x = Point(10);
        SparseJacobian j = DualAutodiff.Sparse.PrepareJacobian(f, x);
        j.Colors.ShouldBe(3);
        j.NonZeros.ShouldBe(28);
        j.ByRows.ShouldBeFalse();
        ShouldEqualDense(j.Evaluate(x), f, x);
    }

    [Test]
    public void Evaluate_DenseRow_ColorsTheRows()
    {
        // The sum row meets every column, so columns need n colours; rows i, i + 3, … share no column, and the dense
        // row takes one colour of its own: 3 + 1 = 4 row colours.
        var f = new DenseRow();
        double[] x = Point(12);
        SparseJacobian j = DualAutodiff.Sparse.PrepareJacobian(f, x);
        j.ByRows.ShouldBeTrue();
        j.Colors.ShouldBe(4);
        ShouldEqualDense(j.Evaluate(x), f, x);
    }

    [Test]
    public void Evaluate_GridStencil_FiveColorsAndDenseValues()
    {
        // Columns of a 5-point stencil conflict within grid distance 2; (r + 2c) mod 5 shows 5 colours suffice, and a
        // row's 5 entries need 5. Greedy orders alone give 6–7 here; DSatur finds 5.
        var f = new GridResidual(12);
        double[] x = Point(144);
        SparseJacobian j = DualAutodiff.Sparse.PrepareJacobian(f, x);
        j.Colors.ShouldBe(5);
        ShouldEqualDense(j.Evaluate(x), f, x);
    }

    [Test]
    public void Evaluate_ManyNewPoints_EqualsDense()
    {
        var f = new TridiagonalResidual();
        SparseJacobian j = DualAutodiff.Sparse.PrepareJacobian(f, Point(9));
        for (int k = 1; k <= 6; k++)
        {
            double[] x = Point(9, k);
            ShouldEqualDense(j.Evaluate(x), f, x);
        }

        j.Preparations.ShouldBe(1);
    }

    [Test]
    public void Pattern_Tridiagonal_OnesOnTheBand()
    {
        Matrix<double> p = DualAutodiff.Sparse.PrepareJacobian(new TridiagonalResidual(), Point(6)).Pattern;
        for (int i = 0; i < 6; i++)
        {
            for (int k = 0; k < 6; k++)
            {
                p[i, k].ShouldBe(Math.Abs(i - k) <= 1 ? 1.0 : 0.0);
            }
        }
    }

    [Test]
    public void Evaluate_BranchChangesPattern_PreparesAgain()
    {
        // y₀ = x₀ > 0 ? x₁ : x₂: the pattern follows the branch at each point.
        var f = new Switch();
        SparseJacobian j = DualAutodiff.Sparse.PrepareJacobian(f, [1.0, 2.0, 3.0]);
        j.Pattern[0, 1].ShouldBe(1.0);
        Matrix<double> m = j.Evaluate([-1.0, 2.0, 3.0]);
        m[0, 2].ShouldBe(1.0); // ∂x₂/∂x₂ = 1
        m[0, 1].ShouldBe(0.0);
        j.Preparations.ShouldBe(2);
    }

    [Test]
    public void PrepareJacobian_BadInput_ThrowsNamingTheParameter()
    {
        Should.Throw<ArgumentNullException>(() => DualAutodiff.Sparse.PrepareJacobian(null!, [1.0])).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => DualAutodiff.Sparse.PrepareJacobian(new TridiagonalResidual(), null!)).ParamName.ShouldBe("x");
        SparseJacobian j = DualAutodiff.Sparse.PrepareJacobian(new TridiagonalResidual(), [1.0, 2.0]);
        Should.Throw<ArgumentException>(() => j.Evaluate([1.0, 2.0, 3.0])).ParamName.ShouldBe("x");
    }

    [Test]
    public void Jacobian_Empty_IsZeroByZero()
    {
        Matrix<double> m = DualAutodiff.Sparse.Jacobian(new TridiagonalResidual(), []);
        m.RowCount.ShouldBe(0);
        m.ColumnCount.ShouldBe(0);
    }

    [Test]
    public void PrepareJacobian_GlobalModeWithBranch_ThrowsNamingTheComparison()
    {
        Should.Throw<InvalidOperationException>(() => DualAutodiff.Sparse.PrepareJacobian(new Switch(), [1.0, 2.0, 3.0], SparsityMode.Global))
            .Message.ShouldContain("operator >");
    }

    private sealed class Switch : IVectorFunction
    {
        public int OutputLength(int inputLength) => 1;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : System.Numerics.IFloatingPointIeee754<T> => y[0] = x[0] > T.Zero ? x[1] : x[2];
    }
}

/// <summary>Sparse derivatives from several threads at once: each thread traces on its own recording, and one
/// prepared object shared by all threads serialises its calls, so every result equals the single-threaded one.</summary>
[TestFixture]
public class SparseThreadingTests
{
    [Test]
    public void PrepareAndEvaluate_ManyThreads_EqualSingleThreaded()
    {
        var grid = new GridEnergy(6);
        double[] x = grid.Point();
        MathNet.Numerics.LinearAlgebra.Matrix<double> expected = DualAutodiff.Sparse.Hessian(grid, x);
        SparseHessian shared = DualAutodiff.Sparse.PrepareHessian(new Branching(), [1.0, -1.0, 2.0, -2.0]);
        double[][] points = [[1.0, -1.0, 2.0, -2.0], [-1.0, 1.0, -2.0, 2.0]];
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            if (!DualAutodiff.Sparse.Hessian(grid, x).Equals(expected))
            {
                failures.Add($"thread {k}: grid Hessian differs");
            }

            double[] p = points[k % 2];
            var h = shared.Evaluate(p);
            double[,] dense = DualAutodiff.Hvp.Hessian(new Branching(), p);
            for (int i = 0; i < 4; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    if (Math.Abs(h[i, j] - dense[i, j]) > 1e-12 * Math.Max(1, Math.Abs(dense[i, j])))
                    {
                        failures.Add($"thread {k}: H[{i}, {j}] = {h[i, j]} but dense {dense[i, j]}");
                    }
                }
            }
        });
        failures.ShouldBeEmpty();
    }
}
