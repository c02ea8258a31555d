using System.Numerics;

namespace DualAutodiff.Tests.Sparse;

/// <summary>f = Σ sin xᵢ: H diagonal, −sin xᵢ.</summary>
internal sealed class Diagonal : IScalarFunction
{
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
internal sealed class Banded : IScalarFunction
{
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
internal sealed class Arrowhead : IScalarFunction
{
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
internal sealed class BlockDiagonal : IScalarFunction
{
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

/// <summary>A branch that changes the pattern: f = Σᵢ (xᵢ > 0 ? xᵢ·xᵢ₊₁ : xᵢ²) + Σ xᵢ⁴.</summary>
internal sealed class Branching : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i] * x[i] * x[i];
            if (i + 1 < x.Length)
            {
                s += x[i] > T.Zero ? x[i] * x[i + 1] : x[i] * x[i];
            }
        }

        return s;
    }
}

/// <summary>The discrete Bratu-like residual yᵢ = xᵢ₋₁ − 2xᵢ + xᵢ₊₁ + exp(xᵢ)/n² (missing neighbours are 0): a
/// tridiagonal Jacobian.</summary>
internal sealed class TridiagonalResidual : IVectorFunction
{
    public int OutputLength(int inputLength) => inputLength;

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
internal sealed class DenseRow : IVectorFunction
{
    public int OutputLength(int inputLength) => inputLength - 1;

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
