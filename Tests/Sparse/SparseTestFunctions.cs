using DualAutodiff.Benchmarks.Workloads;
using System.Numerics;

namespace DualAutodiff.Tests.Sparse;

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
