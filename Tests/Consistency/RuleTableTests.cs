using System.Numerics;
using MathNet.Numerics.Differentiation;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>
/// Every elementary function (<see cref="RuleTable"/>), in every mode: the forward tangent, the reverse adjoint,
/// the analytic derivative and MathNet's finite differences agree, and nested duals give the second derivatives.
/// </summary>
/// <typeparam name="T">The scalar type under the dual or the tape.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class RuleTableTests<T>
    where T : IFloatingPointIeee754<T>
{
    // 5-point stencil with a power-of-two step: every table point ± 2h is exact in float too, so the
    // difference sees no input rounding; truncation error ~h⁴/30 ≈ 1e-11.
    private static readonly NumericalDerivative s_differences = new(5, 2) { StepType = StepType.Absolute, StepSize = 1.0 / 256 };

    // The analytic gradient is exact double arithmetic, so its differences can use a finer step.
    private static readonly NumericalDerivative s_gradientDifferences = new(5, 2) { StepType = StepType.Absolute, StepSize = 1.0 / 4096 };

    // Finite differences of T-valued functions: rounding ~ε·|f|/h, so looser for float.
    private static readonly double s_differenceTolerance = typeof(T) == typeof(float) ? 2e-3 : 1e-6;

    public static IEnumerable<RuleCase> AllCases() => RuleTable.Cases();

    public static IEnumerable<RuleCase> SmoothCases() => RuleTable.Cases().Where(c => c.Smooth);

    [Test]
    public void RuleTable_EveryOp_HasACase()
    {
        Op[] covered = [.. RuleTable.Cases().Select(c => c.Op).Distinct()];
        Enum.GetValues<Op>().Except(covered).ShouldBeEmpty();
    }

    [Test]
    public void EveryRuleAndSpecialFunction_HasAnOpWithACase()
    {
        // A function added to the rule table or to Special without a test line fails here. Rules<T> members that
        // are not functions of their own (the selection helper) or that the table spells differently are named.
        Dictionary<string, string[]> spelled = new()
        {
            ["SelectsFirst"] = ["Max", "Min"],
            ["SinCos"] = ["SinCosSin", "SinCosCos"],
            ["Log"] = ["Log", "LogBase"],
            ["Pow"] = ["Pow", "PowCube", "PowConstantExponent", "PowConstantBase"],
            ["RootN"] = ["RootN3", "RootN4"],
        };
        string[] covered = [.. RuleTable.Cases().Select(c => c.Op.ToString()).Distinct()];
        IEnumerable<string> functions = typeof(Rules<T>).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Concat(typeof(Special).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Select(m => m.Name)
            .Distinct();
        functions.Where(name => !(spelled.TryGetValue(name, out string[]? ops) ? ops : [name]).All(covered.Contains)).ShouldBeEmpty();
    }

    [TestCaseSource(nameof(AllCases))]
    public void Forward_EveryRule_ValueIsPlainAndTangentIsAnalyticPartial(RuleCase c)
    {
        double[] x = Approx.Rounded<T>(c.Point);
        double[] expected = c.Partials(x);
        T plain = RuleTable.Apply<T>(c.Op, Primal(x));
        for (int j = 0; j < x.Length; j++)
        {
            Dual<T> y = RuleTable.Apply<Dual<T>>(c.Op, Seeded(x, j));
            y.Value.Equals(plain).ShouldBeTrue($"value {y.Value} differs from the plain {plain}");
            Approx.D(y.Tangent).ShouldBeClose(expected[j], Approx.For<T>(), $"∂/∂x{j}");
        }
    }

    [TestCaseSource(nameof(AllCases))]
    public void Reverse_EveryRule_AdjointEqualsForwardTangentAndAnalyticPartial(RuleCase c)
    {
        double[] x = Approx.Rounded<T>(c.Point);
        double[] expected = c.Partials(x);
        T[] gradient = Reverse.Gradient<T>(v => RuleTable.Apply<Var<T>>(c.Op, v), Primal(x));
        for (int j = 0; j < x.Length; j++)
        {
            T tangent = RuleTable.Apply<Dual<T>>(c.Op, Seeded(x, j)).Tangent;
            gradient[j].Equals(tangent).ShouldBeTrue($"∂/∂x{j}: adjoint {gradient[j]} differs from tangent {tangent}");
            Approx.D(gradient[j]).ShouldBeClose(expected[j], Approx.For<T>(), $"∂/∂x{j}");
        }
    }

    [TestCaseSource(nameof(SmoothCases))]
    public void NumericalDerivative_SmoothRule_AgreesWithAnalyticPartial(RuleCase c)
    {
        double[] x = Approx.Rounded<T>(c.Point);
        double[] expected = c.Partials(x);
        for (int j = 0; j < x.Length; j++)
        {
            double numeric = s_differences.EvaluatePartialDerivative(p => Approx.D(RuleTable.Apply<T>(c.Op, Primal(p))), [.. x], j, 1);
            numeric.ShouldBeClose(expected[j], s_differenceTolerance, $"∂/∂x{j}");
        }
    }

    [TestCaseSource(nameof(SmoothCases))]
    public void DualOfDual_SmoothRule_HessianEqualsDifferencedAnalyticGradient(RuleCase c)
    {
        // f(x + eᵢε₁ + eⱼε₂) = f + ∂ᵢf ε₁ + ∂ⱼf ε₂ + ∂ᵢⱼf ε₁ε₂: the outer tangent's tangent is ∂ᵢⱼf.
        double[] x = Approx.Rounded<T>(c.Point);
        double[] expected = c.Partials(x);
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                var input = new Dual<Dual<T>>[x.Length];
                for (int k = 0; k < x.Length; k++)
                {
                    input[k] = new Dual<Dual<T>>(new Dual<T>(T.CreateChecked(x[k]), k == i ? T.One : T.Zero), new Dual<T>(k == j ? T.One : T.Zero, T.Zero));
                }

                Dual<Dual<T>> y = RuleTable.Apply<Dual<Dual<T>>>(c.Op, input);
                int row = i;
                double second = s_gradientDifferences.EvaluatePartialDerivative(p => c.Partials(p)[row], [.. x], j, 1);
                Approx.D(y.Value.Tangent).ShouldBeClose(expected[i], Approx.For<T>(), $"∂/∂x{i}");
                Approx.D(y.Tangent.Value).ShouldBeClose(expected[j], Approx.For<T>(), $"∂/∂x{j}");
                Approx.D(y.Tangent.Tangent).ShouldBeClose(second, s_differenceTolerance, $"∂²/∂x{i}∂x{j}");
            }
        }
    }

    private static T[] Primal(double[] x) => [.. x.Select(T.CreateChecked)];

    private static Dual<T>[] Seeded(double[] x, int j) => [.. x.Select((p, k) => new Dual<T>(T.CreateChecked(p), k == j ? T.One : T.Zero))];
}
