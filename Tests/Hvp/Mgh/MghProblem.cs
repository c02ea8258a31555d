using System.Numerics;

namespace DualAutodiff.Tests.Hvp.Mgh;

/// <summary>A published minimum value of a Moré–Garbow–Hillstrom problem.</summary>
/// <param name="Value">The value f*, to the digits of <paramref name="Source"/>.</param>
/// <param name="RelativeTolerance">How closely a computed value must match: 1e-8 when the value is known to
/// at least ten digits, else half a unit in the last published digit.</param>
/// <param name="Source">Where the digits come from.</param>
/// <param name="Local">Whether it is a local (not the global) minimum.</param>
internal sealed record MghMinimum(double Value, double RelativeTolerance, string Source, bool Local = false)
{
    /// <summary>The test's acceptance: |f − f*| ≤ rtol·|f*| + 1e-12.</summary>
    public bool Matches(double f) => Math.Abs(f - Value) <= RelativeTolerance * Math.Abs(Value) + 1e-12;
}

/// <summary>
/// One problem of Moré, Garbow and Hillstrom, "Testing unconstrained optimization software", ACM TOMS 7 (1981):
/// f(x) = Σᵢ fᵢ(x)², written once over generic math so every mode differentiates it.
/// </summary>
internal abstract class MghProblem : IScalarFunction
{
    protected MghProblem(int number, string name, int n, int m)
    {
        Number = number;
        Name = name;
        N = n;
        M = m;
    }

    /// <summary>The number in the paper, 1 to 35.</summary>
    public int Number { get; }

    /// <summary>The paper's name.</summary>
    public string Name { get; }

    /// <summary>The dimension used here.</summary>
    public int N { get; }

    /// <summary>The number of residuals.</summary>
    public int M { get; }

    /// <summary>The standard starting point x₀ of the paper.</summary>
    public abstract double[] Start { get; }

    /// <summary>The published minima (global first; local ones that methods are known to reach after).</summary>
    public abstract MghMinimum[] Minima { get; }

    /// <summary>Writes the residuals f₁ … fₘ.</summary>
    public abstract void Residuals<T>(ReadOnlySpan<T> x, Span<T> f)
        where T : IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var f = new T[M];
        Residuals(x, f);
        T sum = T.Zero;
        foreach (T fi in f)
        {
            sum += fi * fi;
        }

        return sum;
    }

    public override string ToString() => $"{Number:00} {Name} (n = {N}, m = {M})";

    protected static T C<T>(double value)
        where T : IFloatingPointIeee754<T> => T.CreateChecked(value);

    /// <summary>f* = 0, exact.</summary>
    protected static MghMinimum[] Zero => [new MghMinimum(0, 0, "exact")];
}
