using System.Numerics;

namespace DualAutodiff.Tests.Hvp;

/// <summary>f(x) = Σ sin xᵢ: H = diag(−sin xᵢ).</summary>
internal sealed class SumOfSines : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T xi in x)
        {
            sum += T.Sin(xi);
        }

        return sum;
    }
}

/// <summary>f(x) = exp(x₀x₁) + log(1 + x₁²) + sin(x₀)·cos(x₂) + x₀x₂³ / (1 + x₁²): exp, log, trig and a
/// quotient, coupling all three variables.</summary>
internal sealed class ExpLogTrig : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T q = T.One + x[1] * x[1];
        return T.Exp(x[0] * x[1]) + T.Log(q) + T.Sin(x[0]) * T.Cos(x[2]) + x[0] * x[2] * x[2] * x[2] / q;
    }
}

/// <summary>f(x) = ½xᵀAx − bᵀx with a fixed symmetric positive definite tridiagonal A (4 on the diagonal,
/// −1 beside it) and bᵢ = 1: H = A everywhere.</summary>
internal sealed class ConvexQuadratic : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T two = T.CreateChecked(2);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            sum += two * x[i] * x[i] - x[i];
            if (i + 1 < x.Length)
            {
                sum -= x[i] * x[i + 1];
            }
        }

        return sum;
    }
}

/// <summary>f(x, y) = x² − y²: a saddle at the origin, H = diag(2, −2).</summary>
internal sealed class Saddle : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => x[0] * x[0] - x[1] * x[1];
}

/// <summary>f(x) = −exp(x₀) + x₁²: unbounded below, so a minimizer runs into −∞.</summary>
internal sealed class NegativeExp : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => x[1] * x[1] - T.Exp(x[0]);
}

/// <summary>f(x) = √x₀ + x₁²: NaN for x₀ &lt; 0.</summary>
internal sealed class SqrtOfFirst : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => T.Sqrt(x[0]) + x[1] * x[1];
}
