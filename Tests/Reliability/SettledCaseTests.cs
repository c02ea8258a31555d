using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// The well-known traps at kinks and domain edges, each with the value the README's conventions table settles,
/// checked in every mode: forward (<c>Dual</c>), reverse (<c>Var</c>), the first-order part of
/// forward-over-reverse, and the second derivative by forward-over-forward and the three exact HVP routes.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class SettledCaseTests<T>
    where T : IFloatingPointIeee754<T>
{
    private const double Inf = double.PositiveInfinity;

    private static readonly HvpMethod[] s_exact = [HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse];

    /// <summary>Each case: the function, the point, ∇f forward and reverse, and H·e₀ (first Hessian column).</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        // d/dx x·√x = (3/2)√x = 0 at 0: the product rule's 0·∞ term is 0; f″ = (3/4)/√x → +∞
        yield return Case(Trap.XTimesSqrtX, [0.0], [0.0], [0.0], [Inf]);

        // the branch taken at 0 is x: slope 1, curvature 0; √x is never evaluated
        yield return Case(Trap.BranchBelowOne, [0.0], [1.0], [1.0], [0.0]);

        // √(x·x) = |x|: the chain rule gives ∞·(2x) = ∞·0 = 0 at 0 (the minimum-norm subgradient), f″ = +∞
        yield return Case(Trap.SqrtOfSquare, [0.0], [0.0], [0.0], [Inf]);

        // √(xy) at (1, 0): ∂/∂x = √y/(2√x) = 0 (0·∞ = 0), ∂/∂y = √x/(2√y) = +∞; ∂²/∂x² = 0, ∂²/∂y∂x = +∞
        yield return Case(Trap.SqrtOfProduct, [1.0, 0.0], [0.0, Inf], [0.0, Inf], [0.0, Inf]);

        // asin(tanh x) has slope sech x; at 40, 1 − tanh² x is 0 in floating point, so 0·∞ = 0 (not NaN)
        yield return Case(Trap.SaturatedAsinOfTanh, [40.0], [0.0], [0.0], [0.0]);

        // ∛(x − x) is the constant 0: forward sees the zero tangent of x − x (0·∞ = 0); reverse sends ∞ to both
        // operands of x − x, and ∞ − ∞ = NaN (a singular point reached by exact cancellation: README)
        yield return Case(Trap.CbrtOfCancellation, [1.0], [0.0], [double.NaN], null);

        // atan2(x − x, 0) = atan2(0, 0): NaN partials, which forward mode never uses (zero tangent) and reverse does
        yield return Case(Trap.Atan2OfCancellation, [1.0], [0.0], [double.NaN], null);

        // d/dx ln x = 1/x = +∞ at 0, d²/dx² = −1/x² = −∞
        yield return Case(Trap.LogAtZero, [0.0], [Inf], [Inf], [-Inf]);

        // eˣ overflows at 1000: value, slope and curvature are all +∞, as IEEE
        yield return Case(Trap.ExpOverflow, [1000.0], [Inf], [Inf], [Inf]);

        // x > 0 ? √x : 0·x at −1: the branch not taken contributes nothing, not even a NaN (unlike jnp.where)
        yield return Case(Trap.UntakenSqrtBranch, [-1.0], [0.0], [0.0], [0.0]);

        // |x|² at 0: abs is the branch x, so d/dx = 2x = 0 and d²/dx² = 2
        yield return Case(Trap.AbsSquared, [0.0], [0.0], [0.0], [2.0]);

        // hypot(x, x) = √2·|x|: both partials of hypot are 0 at the origin, so the slope is 0
        yield return Case(Trap.HypotAtOrigin, [0.0], [0.0], [0.0], [0.0]);

        // max(x, x) = x: a tie selects the first argument, so the slope is 1 (not 2 or ½)
        yield return Case(Trap.MaxOfSelf, [0.5], [1.0], [1.0], [0.0]);

        // x⁰ at 0 is the constant 1: slope 0 (not 0·0⁻¹ = NaN)
        yield return Case(Trap.PowZeroExponent, [0.0], [0.0], [0.0], [0.0]);
    }

    [TestCaseSource(nameof(Cases))]
    public void Gradient_ForwardAndReverse_AreTheSettledValues(Trap trap, double[] x, double[] forward, double[] reverse, double[]? column)
    {
        _ = column;
        var f = new TrapFunction(trap);
        T[] point = Of(x);
        for (int j = 0; j < x.Length; j++)
        {
            Same(Forward.Jvp(f, point, Unit(x.Length, j)).Tangent, forward[j], $"forward ∂/∂x{j}");
        }

        T[] gradient = Reverse.Gradient(f, point);
        (T _, T[] fromHvp, T[] _) = global::DualAutodiff.Hvp.ValueGradientAndHvp(f, point, Unit(x.Length, 0));
        for (int j = 0; j < x.Length; j++)
        {
            Same(gradient[j], reverse[j], $"reverse ∂/∂x{j}");
            Same(fromHvp[j], reverse[j], $"forward-over-reverse gradient ∂/∂x{j}");
        }
    }

    /// <summary>The cases whose second derivative is settled.</summary>
    public static IEnumerable<TestCaseData> SecondOrderCases() => Cases().Where(c => c.Arguments[4] is not null);

    [TestCaseSource(nameof(SecondOrderCases))]
    public void SecondDerivative_EveryRoute_IsTheSettledValue(Trap trap, double[] x, double[] forward, double[] reverse, double[] column)
    {
        _ = (forward, reverse);
        var f = new TrapFunction(trap);
        T[] point = Of(x);
        foreach (HvpMethod method in s_exact)
        {
            T[] he0 = global::DualAutodiff.Hvp.Compute(f, point, Unit(x.Length, 0), method);
            for (int i = 0; i < x.Length; i++)
            {
                Same(he0[i], column[i], $"{method} (H·e₀)[{i}]");
            }
        }

        // forward-over-forward: x + e₀ε₁ + eᵢε₂, the ε₁ε₂ coefficient is ∂²f/∂x₀∂xᵢ
        for (int i = 0; i < x.Length; i++)
        {
            var input = new Dual<Dual<T>>[x.Length];
            for (int k = 0; k < x.Length; k++)
            {
                input[k] = new Dual<Dual<T>>(new Dual<T>(point[k], k == 0 ? T.One : T.Zero), new Dual<T>(k == i ? T.One : T.Zero, T.Zero));
            }

            Same(f.Evaluate<Dual<Dual<T>>>(input).Tangent.Tangent, column[i], $"Dual<Dual> ∂²f/∂x0∂x{i}");
        }
    }

    private static TestCaseData Case(Trap trap, double[] x, double[] forward, double[] reverse, double[]? column) =>
        new TestCaseData(trap, x, forward, reverse, column).SetArgDisplayNames(trap.ToString());

    private static void Same(T actual, double expected, string what)
    {
        double a = double.CreateChecked(actual);
        (a.Equals(expected) || (double.IsNaN(a) && double.IsNaN(expected))).ShouldBeTrue($"{what}: {a}, expected {expected}");
    }

    private static T[] Of(double[] x) => [.. x.Select(T.CreateChecked)];

    private static T[] Unit(int n, int j) => [.. Enumerable.Range(0, n).Select(k => k == j ? T.One : T.Zero)];
}

/// <summary>The traps of <see cref="SettledCaseTests{T}"/>.</summary>
public enum Trap
{
    XTimesSqrtX, BranchBelowOne, SqrtOfSquare, SqrtOfProduct, SaturatedAsinOfTanh, CbrtOfCancellation, Atan2OfCancellation,
    LogAtZero, ExpOverflow, UntakenSqrtBranch, AbsSquared, HypotAtOrigin, MaxOfSelf, PowZeroExponent,
}

/// <summary>Each trap as generic code, the way a user writes it.</summary>
/// <param name="trap">Which one.</param>
public sealed class TrapFunction(Trap trap) : IScalarFunction
{
    /// <inheritdoc/>
    public TN Evaluate<TN>(ReadOnlySpan<TN> x)
        where TN : IFloatingPointIeee754<TN> => trap switch
        {
            Trap.XTimesSqrtX => x[0] * TN.Sqrt(x[0]),
            Trap.BranchBelowOne => x[0] < TN.One ? x[0] : TN.Sqrt(x[0]),
            Trap.SqrtOfSquare => TN.Sqrt(x[0] * x[0]),
            Trap.SqrtOfProduct => TN.Sqrt(x[0] * x[1]),
            Trap.SaturatedAsinOfTanh => TN.Asin(TN.Tanh(x[0])),
            Trap.CbrtOfCancellation => TN.Cbrt(x[0] - x[0]),
            Trap.Atan2OfCancellation => TN.Atan2(x[0] - x[0], TN.Zero),
            Trap.LogAtZero => TN.Log(x[0]),
            Trap.ExpOverflow => TN.Exp(x[0]),
            Trap.UntakenSqrtBranch => x[0] > TN.Zero ? TN.Sqrt(x[0]) : TN.Zero * x[0],
            Trap.AbsSquared => TN.Abs(x[0]) * TN.Abs(x[0]),
            Trap.HypotAtOrigin => TN.Hypot(x[0], x[0]),
            Trap.MaxOfSelf => TN.Max(x[0], x[0]),
            Trap.PowZeroExponent => TN.Pow(x[0], TN.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(x), trap, "Unknown trap."),
        };
}
