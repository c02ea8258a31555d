using System.Numerics;

namespace DualAutodiff.Benchmarks.Workloads;

/// <summary>
/// A 2-D grid energy on a side×side grid (row-major u): E(u) = Σ over grid edges (i, j) of (uᵢ − uⱼ)² + Σᵢ uᵢ⁴ / 4
/// (a discrete Dirichlet energy plus a quartic potential, as in a Ginzburg–Landau or p-Laplacian model). Its Hessian
/// is the 5-point stencil: 2·(graph Laplacian) + diag(3uᵢ²); star colouring needs 5 colours whatever the size.
/// </summary>
/// <param name="side">The grid's side; n = side².</param>
public sealed class GridEnergy(int side) : IScalarFunction
{
    /// <summary>The grid's side.</summary>
    public int Side { get; } = side;

    /// <summary>A point of side² values: uᵢ = 0.5 + 0.25·sin(0.7·i), away from the quartic's flat minimum.</summary>
    /// <returns>The point.</returns>
    public double[] Point()
    {
        double[] u = new double[Side * Side];
        for (int i = 0; i < u.Length; i++)
        {
            u[i] = 0.5 + (0.25 * Math.Sin(0.7 * i));
        }

        return u;
    }

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        if (x.Length != Side * Side)
        {
            throw new ArgumentException($"The grid energy of side {Side} takes {Side * Side} values, not {x.Length}.", nameof(x));
        }

        T quarter = T.CreateChecked(0.25);
        T sum = T.Zero;
        for (int r = 0; r < Side; r++)
        {
            for (int c = 0; c < Side; c++)
            {
                int i = (r * Side) + c;
                T u = x[i];
                T u2 = u * u;
                sum += u2 * u2 * quarter;
                if (c + 1 < Side)
                {
                    T d = u - x[i + 1];
                    sum += d * d;
                }

                if (r + 1 < Side)
                {
                    T d = u - x[i + Side];
                    sum += d * d;
                }
            }
        }

        return sum;
    }
}
