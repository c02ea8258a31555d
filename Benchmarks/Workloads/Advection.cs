using System.Buffers;
using System.Numerics;

namespace DualAutodiff.Benchmarks.Workloads;

/// <summary>An exp/log-heavy scientific kernel: S steps of 1-D periodic upwind advection (Courant number c = 0.4) with a
/// smooth slope limiter and a reaction term, then f(u₀) = log Σᵢ exp(u_S[i]).</summary>
/// <remarks>
/// One step, from the state u of the previous step:
/// aᵢ = uᵢ₊₁ − uᵢ, sᵢ = aᵢ·aᵢ₋₁ / √(aᵢ² + aᵢ₋₁² + 10⁻⁸), faceᵢ = uᵢ + ½(1 − c)·sᵢ,
/// u′ᵢ = uᵢ − c·(faceᵢ − faceᵢ₋₁) + 0.001·uᵢ·exp(−uᵢ²). The state lives in pooled buffers.
/// </remarks>
/// <param name="steps">S, the number of time steps (2000 in the benchmark).</param>
public sealed class Advection(int steps = 2000) : IScalarFunction
{
    /// <summary>The Courant number c.</summary>
    public const double Courant = 0.4;

    /// <summary>S, the number of time steps.</summary>
    public int Steps { get; } = steps;

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        int n = x.Length;
        T c = T.CreateChecked(Courant);
        T halfOneMinusC = T.CreateChecked(0.5 * (1.0 - Courant));
        T epsilon = T.CreateChecked(1e-8);
        T reaction = T.CreateChecked(0.001);

        T[] buffer = ArrayPool<T>.Shared.Rent(4 * n);
        Span<T> u = buffer.AsSpan(0, n);
        Span<T> next = buffer.AsSpan(n, n);
        Span<T> a = buffer.AsSpan(2 * n, n);
        Span<T> face = buffer.AsSpan(3 * n, n);
        x.CopyTo(u);
        for (int step = 0; step < Steps; step++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i] = u[i + 1 == n ? 0 : i + 1] - u[i];
            }

            for (int i = 0; i < n; i++)
            {
                T ai = a[i];
                T ap = a[i == 0 ? n - 1 : i - 1];
                T s = ai * ap / T.Sqrt(ai * ai + ap * ap + epsilon);
                face[i] = u[i] + halfOneMinusC * s;
            }

            for (int i = 0; i < n; i++)
            {
                T ui = u[i];
                next[i] = ui - c * (face[i] - face[i == 0 ? n - 1 : i - 1]) + reaction * ui * T.Exp(-(ui * ui));
            }

            Span<T> swap = u;
            u = next;
            next = swap;
        }

        T sum = T.Zero;
        for (int i = 0; i < n; i++)
        {
            sum += T.Exp(u[i]);
        }

        ArrayPool<T>.Shared.Return(buffer, clearArray: true);
        return T.Log(sum);
    }
}
