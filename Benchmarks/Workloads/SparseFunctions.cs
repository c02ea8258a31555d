using System.Numerics;

namespace DualAutodiff.Benchmarks.Workloads;

// The sparse structures of the tests and of the ColPack comparison (Benchmarks/peers/colpack_peer.cpp): each
// function's Hessian or Jacobian has a classic pattern.

/// <summary>f = Σ sin xᵢ: H diagonal, −sin xᵢ.</summary>
public sealed class Diagonal : IScalarFunction
{
    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        foreach (T xi in x)
        {
            s += T.Sin(xi);
        }

        return s;
    }
}

/// <summary>f = Σᵢ exp(xᵢ·xᵢ₊₂ / 4) + xᵢ⁴: pentadiagonal without the first off-diagonal (bandwidth 2, entries at |i − j| = 0, 2).</summary>
public sealed class Banded : IScalarFunction
{
    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        T quarter = T.CreateChecked(0.25);
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i] * x[i] * x[i];
            if (i + 2 < x.Length)
            {
                s += T.Exp(x[i] * x[i + 2] * quarter);
            }
        }

        return s;
    }
}

/// <summary>f = Σᵢ₌₁ (x₀·xᵢ)²: arrowhead, a dense first row and column and the diagonal.</summary>
public sealed class Arrowhead : IScalarFunction
{
    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int i = 1; i < x.Length; i++)
        {
            T p = x[0] * x[i];
            s += p * p;
        }

        return s;
    }
}

/// <summary>f = Σ over blocks of three of exp(x₃ₖ + x₃ₖ₊₁·x₃ₖ₊₂): dense 3×3 blocks on the diagonal.</summary>
public sealed class BlockDiagonal : IScalarFunction
{
    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int k = 0; k + 2 < x.Length; k += 3)
        {
            s += T.Exp(x[k] + (x[k + 1] * x[k + 2]));
        }

        return s;
    }
}

/// <summary>The discrete Bratu-like residual yᵢ = xᵢ₋₁ − 2xᵢ + xᵢ₊₁ + exp(xᵢ)/n² (missing neighbours are 0): a
/// tridiagonal Jacobian.</summary>
public sealed class TridiagonalResidual : IVectorFunction
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => inputLength;

    /// <inheritdoc/>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        int n = x.Length;
        T h2 = T.One / T.CreateChecked(n * n);
        T two = T.CreateChecked(2);
        for (int i = 0; i < n; i++)
        {
            T left = i > 0 ? x[i - 1] : T.Zero;
            T right = i + 1 < n ? x[i + 1] : T.Zero;
            y[i] = left - (two * x[i]) + right + (T.Exp(x[i]) * h2);
        }
    }
}

/// <summary>m = n − 2 outputs yᵢ = xᵢ·xᵢ₊₁·xᵢ₊₂ plus a last one Σ xᵢ (a dense row): the rows are cheaper to colour
/// than the columns, which all meet in the dense row.</summary>
public sealed class DenseRow : IVectorFunction
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => inputLength - 1;

    /// <inheritdoc/>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        int n = x.Length;
        T sum = T.Zero;
        for (int i = 0; i < n; i++)
        {
            sum += x[i];
        }

        for (int i = 0; i + 2 < n; i++)
        {
            y[i] = x[i] * x[i + 1] * x[i + 2];
        }

        y[n - 2] = sum;
    }
}

/// <summary>f = Σ over a fixed random set of pairs (a, b) of sin(xₐ·x_b): an unstructured sparse Hessian.</summary>
/// <param name="n">The number of variables.</param>
/// <param name="pairs">The number of pairs drawn.</param>
/// <param name="seed">The generator's seed.</param>
public sealed class RandomCoupling(int n, int pairs, int seed) : IScalarFunction
{
    private readonly (int A, int B)[] _pairs = Draw(n, pairs, seed);

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        foreach ((int a, int b) in _pairs)
        {
            s += T.Sin(x[a] * x[b]);
        }

        return s;
    }

    private static (int, int)[] Draw(int n, int pairs, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, pairs).Select(_ => (random.Next(n), random.Next(n)))];
    }
}

/// <summary>yᵢ = 4uᵢ − (the four neighbours on a side×side grid, 0 outside) + uᵢ³: a 5-point-stencil Jacobian.</summary>
/// <param name="side">The grid's side; n = side².</param>
public sealed class GridResidual(int side) : IVectorFunction
{
    /// <inheritdoc/>
    public int OutputLength(int inputLength) => inputLength;

    /// <inheritdoc/>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        T four = T.CreateChecked(4);
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                int i = (r * side) + c;
                T s = (four * x[i]) + (x[i] * x[i] * x[i]);
                s -= c > 0 ? x[i - 1] : T.Zero;
                s -= c + 1 < side ? x[i + 1] : T.Zero;
                s -= r > 0 ? x[i - side] : T.Zero;
                s -= r + 1 < side ? x[i + side] : T.Zero;
                y[i] = s;
            }
        }
    }
}
