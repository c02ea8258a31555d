using MathNet.Numerics.LinearAlgebra;

namespace DualAutodiff;

/// <summary>
/// Sparse Hessians and Jacobians: the pattern found by running the function's own <c>Evaluate&lt;T&gt;</c> with a
/// tracing scalar, a colouring of it, and one compressed product per colour (ADOL-C's and CppAD's sparse drivers
/// with ColPack; Julia's SparseConnectivityTracer with SparseMatrixColorings).
/// </summary>
/// <remarks>
/// <para>Use these when n is large and H or J has few nonzeros per row: a tridiagonal Hessian costs 3 Hessian-vector
/// products, a 2-D 5-point stencil 5, whatever n, where the dense <see cref="Hvp.Hessian{T}(IScalarFunction, T[])"/>
/// costs n products and n² memory.</para>
/// <para>The pattern is structural: an entry is in it when some operation makes it nonzero for some values
/// (x·y gives only ∂²/∂x∂y; x + y, c·x and |x| give none; exp, sin, x/y, pow and custom rules are nonlinear in their
/// operands). It can hold entries that are 0 at a particular x, never miss one along the branches f takes.</para>
/// <para>Prepare once and evaluate at many points with <see cref="PrepareHessian"/> and <see cref="PrepareJacobian"/>;
/// <see cref="Hessian"/> and <see cref="Jacobian"/> do both at one point.</para>
/// </remarks>
public static class Sparse
{
    /// <summary>Finds the pattern of ∇²f at x and star-colours it, for <see cref="SparseHessian.Evaluate"/> at any point.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point whose branches the pattern follows (local mode), length n; copied.</param>
    /// <param name="mode">Local (default: branches as at x) or global (a pattern for every point; comparisons throw).</param>
    /// <returns>The prepared sparse Hessian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    /// <exception cref="InvalidOperationException">In global mode, f compares, tests or converts a value that depends on x.</exception>
    public static SparseHessian PrepareHessian(IScalarFunction f, double[] x, SparsityMode mode = SparsityMode.Local)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        CheckMode(mode);
        return new SparseHessian(f, x, mode);
    }

    /// <summary>The Hessian of f at x as a sparse matrix: <see cref="PrepareHessian"/> and one
    /// <see cref="SparseHessian.Evaluate"/>.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>The n×n sparse (CSR) Hessian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    public static Matrix<double> Hessian(IScalarFunction f, double[] x) => PrepareHessian(f, x).Evaluate(x);

    /// <summary>Finds the pattern of the Jacobian of f at x and colours its columns or rows, for
    /// <see cref="SparseJacobian.Evaluate"/> at any point.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point whose branches the pattern follows (local mode), length n; copied.</param>
    /// <param name="mode">Local (default: branches as at x) or global (a pattern for every point; comparisons throw).</param>
    /// <returns>The prepared sparse Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="f"/> declares a negative output length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    /// <exception cref="InvalidOperationException">In global mode, f compares, tests or converts a value that depends on x.</exception>
    public static SparseJacobian PrepareJacobian(IVectorFunction f, double[] x, SparsityMode mode = SparsityMode.Local)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        CheckMode(mode);
        int m = Guard.OutputLength(f, x.Length, nameof(f));
        return new SparseJacobian(f, x, m, mode);
    }

    /// <summary>The Jacobian of f at x as a sparse matrix: <see cref="PrepareJacobian"/> and one
    /// <see cref="SparseJacobian.Evaluate"/>.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <returns>The m×n sparse (CSR) Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="x"/> is null.</exception>
    public static Matrix<double> Jacobian(IVectorFunction f, double[] x) => PrepareJacobian(f, x).Evaluate(x);

    private static void CheckMode(SparsityMode mode)
    {
        if (mode is not (SparsityMode.Local or SparsityMode.Global))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a SparsityMode.");
        }
    }
}
