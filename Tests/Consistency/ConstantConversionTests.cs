using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>The public <c>Create*</c> conversions (as on <see cref="double"/>) give constants in both modes.</summary>
[TestFixture]
public class ConstantConversionTests
{
    [Test]
    public void CreateChecked_OnDualAndVar_GivesConstants()
    {
        Dual<double>.CreateChecked(3).ShouldBe(new Dual<double>(3, 0));
        Dual<double>.CreateSaturating(1e300).ShouldBe(new Dual<double>(1e300, 0));
        Dual<float>.CreateTruncating(2.5m).ShouldBe(new Dual<float>(2.5f, 0));
        Var<double> v = Var<double>.CreateChecked(3);
        v.Value.ShouldBe(3.0);
        v.IsRecorded.ShouldBeFalse();
        Var<double>.CreateSaturating(-2L).Value.ShouldBe(-2.0);
        Var<float>.CreateTruncating(2.5m).Value.ShouldBe(2.5f);
    }

    [Test]
    public void CreateChecked_InsideDifferentiatedCode_IsAConstant()
    {
        // d/dx (x + c)·x with c = 4 created from an int: 2x + c = 10 at 3, forward and reverse
        Forward.Derivative<double>(x => (x + Dual<double>.CreateChecked(4)) * x, 3.0).ShouldBe(10.0);
        Reverse.Derivative<double>(x => (x + Var<double>.CreateChecked(4)) * x, 3.0).ShouldBe(10.0);
    }
}
