using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Rules;

/// <summary><see cref="GradCheck"/> on custom rules: it passes a correct rule and fails one whose derivative is off by
/// a factor 1.01, naming the worst mode and entry.</summary>
[TestFixture]
public class RuleGradCheckTests
{
    /// <summary>f(x) = Σ rule(xᵢ)·xᵢ₊₁ + x₀².</summary>
    private sealed class Uses<TRule> : IScalarFunction
        where TRule : IScalarRule
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = x[0] * x[0];
            for (int i = 0; i + 1 < x.Length; i++)
            {
                sum += Rule.Apply<TRule, T>(x[i]) * x[i + 1];
            }

            return sum;
        }
    }

    private static readonly double[] s_x = [0.4, -0.8, 1.1];
    private static readonly double[] s_v = [1.0, 0.5, -0.25];

    [Test]
    public void CorrectRule_GradientAndHvp_Pass()
    {
        GradCheckResult gradient = GradCheck.Gradient(new Uses<CustomRuleTests.MathNetErf>(), s_x);
        gradient.Passed.ShouldBeTrue(gradient.ToString());
        GradCheckResult hvp = GradCheck.Hvp(new Uses<CustomRuleTests.MathNetErf>(), s_x, s_v);
        hvp.Passed.ShouldBeTrue(hvp.ToString());
    }

    [Test]
    public void RuleWrongByOnePercent_Gradient_FailsNamingModeAndEntry()
    {
        // ∂f/∂x₀ = 2x₀ + erf′(x₀)·x₁ is off by 0.01·erf′(x₀)·x₁ in every mode, since every mode reads the rule
        GradCheckResult result = GradCheck.Gradient(new Uses<CustomRuleTests.WrongErf>(), s_x);
        result.Passed.ShouldBeFalse();
        string report = result.ToString();
        report.ShouldContain("FAILED");
        report.ShouldContain(result.WorstMode);
        result.Modes.Where(m => !m.Passed).Select(m => m.Mode).ShouldBe(["Forward.Jvp", "Forward.Jacobian", "Reverse.Gradient", "Hvp.ValueGradientAndHvp"], ignoreOrder: true);
        result.MaxError.ShouldBeGreaterThan(1.0);
    }
}
