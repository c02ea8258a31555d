using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>An input array kept by a delegate from one call must never change under it in a later call: each call
/// gets an array of its own, and a kept reverse-mode variable fails loudly once its recording is over.</summary>
[TestFixture]
public class KeptInputTests
{
    [Test]
    public void Gradient_KeptArrayUsedInNextCall_ThrowsInsteadOfAliasing()
    {
        // the report: f(a, b) = a·b kept its array; the next call read kept[0]·kept[1] and got (6, 5), the gradient
        // at the *new* inputs (5, 6), because the kept array had been refilled
        Var<double>[]? kept = null;
        Reverse.Gradient<double>(v => { kept = v; return v[0] * v[1]; }, [2.0, 3.0]);
        Should.Throw<InvalidOperationException>(() => Reverse.Gradient<double>(v => kept![0] * kept[1] + v[0], [5.0, 6.0]));
    }

    [Test]
    public void Gradient_KeptArray_StillHoldsItsOwnCallsValues()
    {
        Var<double>[]? kept = null;
        Reverse.Gradient<double>(v => { kept = v; return v[0] * v[1]; }, [2.0, 3.0]);
        Reverse.Gradient<double>(v => v[0] * v[1], [5.0, 6.0]);
        kept![0].Value.ShouldBe(2.0);
        kept[1].Value.ShouldBe(3.0);
    }

    [Test]
    public void Gradient_KeptVariableMixedWithNewOne_Throws()
    {
        Var<double>[]? kept = null;
        Reverse.Gradient<double>(v => { kept = v; return v[0]; }, [1.0]);
        Should.Throw<InvalidOperationException>(() => Reverse.Gradient<double>(v => v[0] * kept![0], [4.0]));
    }

    [Test]
    public void Gradient_DelegateOverwritesItsArray_GradientIsStillOfTheInputs()
    {
        // f = (2x₀)·x₁ written by reassigning v[0]: ∇f at (3, 4) = (2x₁, 2x₀) = (8, 6)
        double[] gradient = Reverse.Gradient<double>(v => { v[0] = v[0] * 2; return v[0] * v[1]; }, [3.0, 4.0]);
        gradient.ShouldBe([8.0, 6.0]);
    }

    [Test]
    public void Jvp_KeptArray_IsNotOverwrittenByNextCall()
    {
        Dual<double>[]? kept = null;
        Forward.Jvp<double>(v => { kept = v; return v[0] * v[1]; }, [2.0, 3.0], [1.0, 0.0]);
        Forward.Jvp<double>(v => v[0] * v[1], [5.0, 6.0], [0.0, 1.0]);
        kept![0].ShouldBe(new Dual<double>(2.0, 1.0));
        kept[1].ShouldBe(new Dual<double>(3.0, 0.0));
    }

    [Test]
    public void Hvp_KeptArrayUsedInNextCall_Throws()
    {
        Var<Dual<double>>[]? kept = null;
        DualAutodiff.Hvp.Compute<double>(v => { kept = v; return v[0] * v[0]; }, [1.0], [1.0]);
        Should.Throw<InvalidOperationException>(() => DualAutodiff.Hvp.Compute<double>(v => kept![0] * v[0], [2.0], [1.0]));
    }
}
