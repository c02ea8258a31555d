using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>f: R⁰ → Rᵐ is a constant: every facade returns its value and empty derivatives (an empty gradient and
/// H·v, an m×0 Jacobian), as ForwardDiff, JAX, PyTorch and Stan do, instead of throwing.</summary>
[TestFixture]
public class EmptyInputTests
{
    private static readonly double[] s_empty = [];

    [Test]
    public void Forward_EmptyInput_EmptyResults()
    {
        // f() = 7, f() = (1, 2): the tangent of a constant is 0, the Jacobian 2×0
        Forward.Jvp<double>(_ => 7.0, s_empty, s_empty).ShouldBe((7.0, 0.0));
        (double[] value, double[] tangent) = Forward.Jvp<double>(_ => [1.0, 2.0], s_empty, s_empty);
        value.ShouldBe([1.0, 2.0]);
        tangent.ShouldBe([0.0, 0.0]);
        Shape(Forward.Jacobian<double>(_ => [1.0, 2.0], s_empty)).ShouldBe((2, 0));
        Forward.Jvp(new Constant(), s_empty, s_empty).ShouldBe((7.0, 0.0));
        Shape(Forward.Jacobian(new Pair(), s_empty)).ShouldBe((2, 0));
        Shape(Forward.Jacobian(new NoOutput(), s_empty)).ShouldBe((0, 0));
    }

    [Test]
    public void Reverse_EmptyInput_EmptyResults()
    {
        Reverse.Gradient<double>(_ => 7.0, s_empty).ShouldBeEmpty();
        Reverse.ValueAndGradient<double>(_ => 7.0, s_empty).Value.ShouldBe(7.0);
        Reverse.Gradient(new Constant(), s_empty).ShouldBeEmpty();
        Reverse.ValueAndGradient(new Constant(), s_empty).ShouldSatisfyAllConditions(r => r.Value.ShouldBe(7.0), r => r.Gradient.ShouldBeEmpty());
        (double[] value, double[] vjp) = Reverse.Vjp<double>(_ => [1.0, 2.0], s_empty, [1.0, 1.0]);
        value.ShouldBe([1.0, 2.0]);
        vjp.ShouldBeEmpty();
        Reverse.Vjp(new Pair(), s_empty, [1.0, 1.0]).Vjp.ShouldBeEmpty();
        Shape(Reverse.Jacobian<double>(_ => [1.0, 2.0], s_empty)).ShouldBe((2, 0));
        Shape(Reverse.Jacobian(new Pair(), s_empty)).ShouldBe((2, 0));
        Shape(Reverse.Jacobian(new NoOutput(), s_empty)).ShouldBe((0, 0));
    }

    [TestCase(HvpMethod.ForwardOverReverse)]
    [TestCase(HvpMethod.ReverseOverForward)]
    [TestCase(HvpMethod.ReverseOverReverse)]
    [TestCase(HvpMethod.FiniteDifference)]
    public void Hvp_EmptyInput_EmptyResults(HvpMethod method)
    {
        DualAutodiff.Hvp.Compute(new Constant(), s_empty, s_empty, method).ShouldBeEmpty();
    }

    [Test]
    public void Hvp_EmptyInputOtherFacades_EmptyResults()
    {
        DualAutodiff.Hvp.Compute<double>(_ => Var<Dual<double>>.Constant(7.0), s_empty, s_empty).ShouldBeEmpty();
        (double value, double[] gradient, double[] hvp) = DualAutodiff.Hvp.ValueGradientAndHvp(new Constant(), s_empty, s_empty);
        value.ShouldBe(7.0);
        gradient.ShouldBeEmpty();
        hvp.ShouldBeEmpty();
        Shape(DualAutodiff.Hvp.Hessian(new Constant(), s_empty)).ShouldBe((0, 0));
        NewtonCgResult result = NewtonCg.Minimize(new Constant(), s_empty);
        result.Converged.ShouldBeTrue(result.Message);
        result.Point.ShouldBeEmpty();
        result.Value.ShouldBe(7.0);
    }

    private static (int Rows, int Columns) Shape(double[,] m) => (m.GetLength(0), m.GetLength(1));

    private sealed class Constant : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => T.CreateChecked(7);
    }

    private sealed class Pair : IVectorFunction
    {
        public int OutputLength(int inputLength) => 2;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            y[0] = T.One;
            y[1] = T.CreateChecked(2);
        }
    }

    private sealed class NoOutput : IVectorFunction
    {
        public int OutputLength(int inputLength) => 0;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
        }
    }
}
