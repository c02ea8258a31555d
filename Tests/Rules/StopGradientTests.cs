using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Rules;

/// <summary><see cref="Rule.StopGradient{T}"/>: the value with zero derivative at every level (JAX's stop_gradient,
/// PyTorch's detach).</summary>
[TestFixture]
public class StopGradientTests
{
    /// <summary>f(x) = x·sg(x): f′ = sg(x) = x, f″ = 0.</summary>
    private sealed class TimesStopped : IUnary
    {
        public T Eval<T>(T x)
            where T : IFloatingPointIeee754<T> => x * Rule.StopGradient(x);
    }

    [TestCase(1.5)]
    [TestCase(-3.0)]
    public void TimesStopped_EveryModeAndNesting_TreatsTheStoppedFactorAsConstant(double x)
    {
        Orders.First(new TimesStopped(), x).ShouldAllBe(x, 0, "f′ = x");
        Orders.Second(new TimesStopped(), x).ShouldAllBe(0, 0, "f″ = 0");
    }

    [Test]
    public void StopGradient_Values_AreKeptAtEveryType()
    {
        Rule.StopGradient(2.5).ShouldBe(2.5);
        Rule.StopGradient(2.5f).ShouldBe(2.5f);
        Rule.StopGradient(new Dual<double>(2.5, 1)).ShouldBe(new Dual<double>(2.5, 0));
        Rule.StopGradient(new Dual<Dual<double>>(new Dual<double>(2.5, 1), new Dual<double>(1, 1))).ShouldBe(new Dual<Dual<double>>(new Dual<double>(2.5, 0), Dual<double>.Zero));
        Rule.StopGradient(double.NaN).ShouldBe(double.NaN);
    }

    [Test]
    public void StopGradient_OnTape_RecordsNothing()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> x = tape.Variable(3);
            int before = tape.Count;
            Var<double> s = Rule.StopGradient(x);
            s.IsRecorded.ShouldBeFalse();
            s.Value.ShouldBe(3.0);
            tape.Count.ShouldBe(before);
        }
    }

    [Test]
    public void StopGradient_Nested_InnerVariableStaysConstantAtEveryLevel()
    {
        // Var<Dual>: sg(x) has zero adjoint and zero tangent: d/dx (x + sg(x)²) = 1, d²/dx² = 0
        var x = new Dual<double>(2, 1);
        Dual<double> d = Reverse.Derivative<Dual<double>>(v => v + (Rule.StopGradient(v) * Rule.StopGradient(v)), x);
        d.ShouldBe(new Dual<double>(1, 0));
    }
}
