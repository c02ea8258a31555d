using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>Reverse mode called at the same type inside itself: an inner function that touches an outer variable
/// cannot be differentiated correctly (the inner result is a plain T, blind to x), so every way of touching it
/// throws a clear InvalidOperationException that points to the next type level; one that does not touch it works.</summary>
[TestFixture]
public class SameTypeNestingTests
{
    public static IEnumerable<TestCaseData> Touching()
    {
        yield return Case("x·y", x => y => x * y);
        yield return Case("y·x", x => y => y * x);
        yield return Case("sin(x)·y", x => y => Var<double>.Sin(x) * y);
        yield return Case("x + y", x => y => x + y);
        yield return Case("y − x", x => y => y - x);
        yield return Case("x + 1", x => _ => x + 1.0);
        yield return Case("x·2", x => _ => x * 2.0);
        yield return Case("x", x => _ => x);
        yield return Case("max(x, y)", x => y => Var<double>.Max(x, y));
        yield return Case("unused x²", x => y =>
        {
            _ = x * x;
            return y * y;
        });
    }

    [TestCaseSource(nameof(Touching))]
    public void Derivative_InnerTouchesOuterVariable_ThrowsInvalidOperation(Func<Var<double>, Func<Var<double>, Var<double>>> inner)
    {
        InvalidOperationException e = Should.Throw<InvalidOperationException>(
            () => Reverse.Derivative<double>(x => x * Reverse.Derivative(inner(x), 3.0), 5.0));

        e.Message.ShouldContain("next type level");
    }

    [TestCaseSource(nameof(Touching))]
    public void Gradient_InnerTouchesOuterVariable_ThrowsInvalidOperation(Func<Var<double>, Func<Var<double>, Var<double>>> inner)
    {
        Func<Var<double>, Var<double>> g(Var<double>[] v) => inner(v[0]);
        InvalidOperationException e = Should.Throw<InvalidOperationException>(
            () => Reverse.Gradient<double>(v => v[1] * Reverse.Gradient<double>(w => g(v)(w[0]), [3.0])[0], [5.0, 2.0]));

        e.Message.ShouldContain("next type level");
    }

    [TestCaseSource(nameof(Touching))]
    public void Derivative_AfterSameTypeNestingThrew_NextCallCorrect(Func<Var<double>, Func<Var<double>, Var<double>>> inner)
    {
        Should.Throw<InvalidOperationException>(() => Reverse.Derivative<double>(x => x * Reverse.Derivative(inner(x), 3.0), 5.0));

        Tape<double>.Active.ShouldBeNull();

        // d/dx [x · d/dy (x·y) at y=3] at x=5 = 10, at the right type level
        Reverse.Derivative<double>(x => x * Reverse.Derivative<Var<double>>(y => (Var<Var<double>>)x * y, (Var<double>)3.0), 5.0).ShouldBe(10.0);
    }

    [Test]
    public void Derivative_InnerIgnoresOuterVariable_Works()
    {
        // inner: d/dy sin y at 0 = 1, a constant; outer: d/dx x³·1 at 2 = 12
        Reverse.Derivative<double>(x => x * x * x * Reverse.Derivative<double>(Var<double>.Sin, 0.0), 2.0).ShouldBe(12.0);
    }

    [Test]
    public void Gradient_InnerOnOuterValueOnly_Works()
    {
        // the inner call sees x's value as a plain double (a deliberate constant): d/dy (x₀·y) = x₀ = 5,
        // so f = x₁·5 and ∇f = (0, 5)
        Reverse.Gradient<double>(v => v[1] * Reverse.Derivative<double>(y => v[0].Value * y, 3.0), [5.0, 2.0]).ShouldBe([0.0, 5.0]);
    }

    private static TestCaseData Case(string name, Func<Var<double>, Func<Var<double>, Var<double>>> inner) =>
        new TestCaseData(inner).SetArgDisplayNames(name);
}
