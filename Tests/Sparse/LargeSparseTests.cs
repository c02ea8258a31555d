using DualAutodiff.Benchmarks.Workloads;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Sparse;

/// <summary>Chained Rosenbrock at n = 10⁶: pattern, colouring and values with memory linear in n (no n×n structure
/// anywhere: an n² array of anything would be ≥ 10¹² bytes).</summary>
[TestFixture]
public class LargeSparseTests
{
    [Test]
    public void Hessian_ChainedRosenbrockMillion_TridiagonalWithLinearAllocation()
    {
        const int n = 1_000_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        SparseHessian h = DualAutodiff.Sparse.PrepareHessian(ChainedRosenbrock.Instance, x);
        Matrix<double> m = h.Evaluate(x);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        h.Colors.ShouldBe(3);
        h.NonZeros.ShouldBe((3 * n) - 2); // tridiagonal: n + 2(n − 1)

        // 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²: ∂²/∂xᵢ∂xᵢ₊₁ = −400xᵢ = 480 at xᵢ = −1.2.
        m[0, 1].ShouldBeClose(480, 1e-12, "H[0, 1]");
        // H₀₀ = 1200x₀² − 400x₁ + 2 = 1728 − 400 + 2 = 1330 at (−1.2, 1).
        m[0, 0].ShouldBeClose(1330, 1e-12, "H[0, 0]");
        // An interior even i also has the term 200 from the previous pair: 1530.
        m[2, 2].ShouldBeClose(1530, 1e-12, "H[2, 2]");

        // Linear: under 8 KB per variable, most of it the reverse-over-reverse tape of the Hessian operator (about
        // 30 records per variable) growing on its first use; an n×n structure of anything would be ≥ 10¹² bytes.
        allocated.ShouldBeLessThan(8192L * n);
    }
}
