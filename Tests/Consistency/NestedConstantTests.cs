using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>A plain double enters any nesting in one way: arithmetic and comparisons with double work on every
/// Dual/Var nesting, and <c>Constant(double)</c> (= <c>CreateChecked</c>) builds a nested constant.</summary>
[TestFixture]
public class NestedConstantTests
{
    [Test]
    public void Constant_AnyNesting_HasValueAndZeroDerivatives()
    {
        Dual<Dual<double>> c = Dual<Dual<double>>.Constant(3.0);
        c.Value.Value.ShouldBe(3.0);
        c.Value.Tangent.ShouldBe(0.0);
        c.Tangent.ShouldBe(default(Dual<double>));
        Var<Dual<double>>.Constant(2.5).IsRecorded.ShouldBeFalse();
        Var<Dual<double>>.Constant(2.5).Value.Value.ShouldBe(2.5);
        Dual<Var<double>>.Constant(-1.0).Value.Value.ShouldBe(-1.0);
        Dual<Dual<Dual<double>>>.Constant(4.0).ShouldBe(Dual<Dual<Dual<double>>>.CreateChecked(4.0));
    }

    [Test]
    public void MixedArithmetic_DualOfDual_SecondDerivative()
    {
        // f(x) = 3x² + 1/x − 2: f″(x) = 6 + 2/x³, at x = 2: 6 + 1/4 = 6.25
        double second = Forward.Derivative<double>(y => Forward.Derivative<Dual<double>>(x => 3.0 * x * x + 1.0 / x - 2.0, y), 2.0);
        second.ShouldBe(6.25, 1e-15);
    }

    [Test]
    public void MixedArithmetic_ForwardOverReverseDelegate_Hvp()
    {
        // f(x) = 3x₀²x₁ + x₁/2 − 1: H = [[6x₁, 6x₀], [6x₀, 0]], at (1, 2): H·(1, 0) = (12, 6)
        double[] hv = DualAutodiff.Hvp.Compute<double>(v => 3.0 * v[0] * v[0] * v[1] + v[1] / 2.0 - 1.0, [1.0, 2.0], [1.0, 0.0]);
        hv.ShouldBe([12.0, 6.0]);
    }

    [Test]
    public void MixedComparison_NestedBranch_TakesValueBranch()
    {
        // |x| written as a branch on x < 0.0: derivative −1 at −3
        Forward.Derivative<double>(x => x < 0.0 ? -x : x, -3.0).ShouldBe(-1.0);
        Reverse.Derivative<double>(x => 0.0 > x ? -1.0 * x : x, -3.0).ShouldBe(-1.0);
        // second derivative of (x ≥ 1.0 ? x³ : 0) at 2 = 6x = 12
        Forward.Derivative<double>(y => Forward.Derivative<Dual<double>>(x => x >= 1.0 ? x * x * x : Dual<Dual<double>>.Constant(0.0), y), 2.0).ShouldBe(12.0);
        (Dual<double>.Constant(2.0) == 2.0).ShouldBeTrue();
        (2.0 != Var<Dual<double>>.Constant(2.0)).ShouldBeFalse();
    }

    [Test]
    public void MixedArithmetic_PlainDual_SameAsConversion()
    {
        // d/dx (x·2 + 1)(x − 3)/(x % 5) at 1: the double operators give the same dual as the converted constants
        var x = new Dual<double>(1.0, 1.0);
        Dual<double> viaDouble = (x * 2.0 + 1.0) * (x - 3.0) / (x % 5.0);
        Dual<double> viaConversion = (x * (Dual<double>)2.0 + (Dual<double>)1.0) * (x - (Dual<double>)3.0) / (x % (Dual<double>)5.0);
        viaDouble.ShouldBe(viaConversion);
        (4.0 - x).ShouldBe((Dual<double>)4.0 - x);
    }

    [Test]
    public void MixedArithmetic_VarOfFloat_RoundsConstant()
    {
        // d/dx (x·0.5) = 0.5 at float
        Reverse.Derivative<float>(x => x * 0.5, 3f).ShouldBe(0.5f);
    }
}
