using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>
/// The conventions at kinks and domain edges (README table, <see cref="Rules{T}"/>): each checked in forward
/// mode, through generic helpers, and where nesting matters with <c>Dual&lt;Dual&lt;T&gt;&gt;</c>.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class ConventionsTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static T C(double v) => T.CreateChecked(v);

    private static Dual<T> D(double value, double tangent) => new(C(value), C(tangent));

    private static T Derivative(Func<Dual<T>, Dual<T>> f, double x) => Forward.Derivative(f, C(x));

    private static T SecondDerivative(Func<Dual<Dual<T>>, Dual<Dual<T>>> f, double x) =>
        Forward.Derivative<T>(u => Forward.Derivative(f, u), C(x));

    private static TN Square<TN>(TN x)
        where TN : IFloatingPointIeee754<TN> => x * x;

    [TestCase(0.0)]
    [TestCase(-0.0)]
    public void Abs_AtSignedZero_DerivativeIsPlusOne(double x)
    {
        // the branch x < 0 ? −x : x at ±0 is x: slope +1
        Derivative(Dual<T>.Abs, x).ShouldBe(T.One);
        Reverse.Derivative<T>(Var<T>.Abs, C(x)).ShouldBe(T.One);
    }

    [Test]
    public void AbsSquared_AtZero_SecondDerivativeIsTwo()
    {
        // abs(t)² = t² on the branch taken: second derivative 2, also through the generic T.Abs
        SecondDerivative(t => Square(Dual<Dual<T>>.Abs(t)), 0).ShouldBe(C(2));
        SecondDerivative(t => Square(GenericAbs(t)), 0).ShouldBe(C(2));
    }

    [Test]
    public void AbsSquared_AtZero_DualOfDualHessianIsTwo()
    {
        // t = 0 + 1ε₁ + 1ε₂: the ε₁ε₂ coefficient of |t|² is the second derivative 2
        var t = new Dual<Dual<T>>(new Dual<T>(T.Zero, T.One), new Dual<T>(T.One, T.Zero));
        Dual<Dual<T>> y = Dual<Dual<T>>.Abs(t) * Dual<Dual<T>>.Abs(t);
        y.Tangent.Tangent.ShouldBe(C(2));
        y.Tangent.Value.ShouldBe(T.Zero); // first derivative 2t = 0
    }

    [Test]
    public void MaxMin_AtTie_TakeFirstArgumentsTangent()
    {
        // at a tie the first argument is selected, in every selection
        Dual<T>.Max(D(2, 1), D(2, 5)).Tangent.ShouldBe(C(1));
        Dual<T>.Min(D(2, 1), D(2, 5)).Tangent.ShouldBe(C(1));
        Dual<T>.MaxNumber(D(2, 1), D(2, 5)).Tangent.ShouldBe(C(1));
        Dual<T>.MinNumber(D(2, 1), D(2, 5)).Tangent.ShouldBe(C(1));
        Dual<T>.MaxMagnitude(D(2, 1), D(2, 5)).Tangent.ShouldBe(C(1));
        Dual<T>.MinMagnitude(D(2, 1), D(2, 5)).Tangent.ShouldBe(C(1));
        Dual<T>.Max(D(2, 5), D(2, 1)).Tangent.ShouldBe(C(5));
    }

    [Test]
    public void MaxOfXAndX_AnyPoint_DerivativeIsOne()
    {
        // max(x, x) = x: the tie rule must not add both slopes
        Derivative(x => Dual<T>.Max(x, x), 1.5).ShouldBe(T.One);
        Derivative(x => Dual<T>.Min(x, x), 1.5).ShouldBe(T.One);
    }

    [Test]
    public void MaxNumber_OneNaN_TakesTheNumbersTangent()
    {
        // MaxNumber ignores NaN (IEEE maxNum); Max propagates it with the NaN argument's tangent
        Dual<T> number = Dual<T>.MaxNumber(D(double.NaN, 1), D(2, 3));
        number.Value.ShouldBe(C(2));
        number.Tangent.ShouldBe(C(3));
        Dual<T> nan = Dual<T>.Max(D(2, 3), D(double.NaN, 1));
        T.IsNaN(nan.Value).ShouldBeTrue();
        nan.Tangent.ShouldBe(C(1));
    }

    [Test]
    public void Clamp_ValueAtBound_TakesTheValuesTangent()
    {
        // clamp(x, 0, 1) at x = 1: the value is returned, slope 1 (README)
        Dual<T>.Clamp(D(1, 1), D(0, 5), D(1, 7)).Tangent.ShouldBe(C(1));
        Dual<T>.Clamp(D(0, 1), D(0, 5), D(1, 7)).Tangent.ShouldBe(C(1));
    }

    [Test]
    public void Sqrt_ZeroWithZeroTangent_TangentIsZero()
    {
        // √ at 0 has slope +∞, but a constant carries no sensitivity: 0·∞ = 0
        Dual<T> y = Dual<T>.Sqrt(D(0, 0));
        y.Value.ShouldBe(T.Zero);
        y.Tangent.ShouldBe(T.Zero);
        Dual<T>.Cbrt(D(0, 0)).Tangent.ShouldBe(T.Zero);
        Dual<T>.RootN(D(0, 0), 4).Tangent.ShouldBe(T.Zero);
        Dual<T>.Log(D(0, 0)).Tangent.ShouldBe(T.Zero);
        Dual<T>.Asin(D(1, 0)).Tangent.ShouldBe(T.Zero);
        Dual<T>.Atan2(D(0, 0), D(0, 0)).Tangent.ShouldBe(T.Zero); // NaN partials, zero tangents
    }

    [Test]
    public void Sqrt_AtZeroWithUnitTangent_TangentIsPlusInfinity()
    {
        // the one-sided slope of √x at 0
        Derivative(Dual<T>.Sqrt, 0).ShouldBe(T.PositiveInfinity);
        Derivative(Dual<T>.Log, 0).ShouldBe(T.PositiveInfinity);
        Dual<T>.Log(D(0, 1)).Value.ShouldBe(T.NegativeInfinity);
    }

    [Test]
    public void XTimesSqrtX_AtZero_DerivativeIsZero()
    {
        // d/dx x·√x = (3/2)√x = 0 at 0: the product rule's 0·∞ term is 0
        Derivative(x => x * Dual<T>.Sqrt(x), 0).ShouldBe(T.Zero);
        Derivative(x => Dual<T>.Sqrt(x) * x, 0).ShouldBe(T.Zero);
    }

    [Test]
    public void Pow_ZeroBaseActiveExponent_ExponentPartialIsZero()
    {
        // 0^y = 0 for y > 0, so d/dy 0^y = 0 (not 0·ln 0 = NaN)
        Dual<T> y = Dual<T>.Pow(D(0, 0), D(2, 1));
        y.Value.ShouldBe(T.Zero);
        y.Tangent.ShouldBe(T.Zero);
    }

    [TestCase(2.0, 0.0)]   // d/dx x² = 2x = 0 at 0
    [TestCase(1.0, 1.0)]   // d/dx x¹ = 1
    [TestCase(0.0, 0.0)]   // x⁰ = 1 is constant, even at x = 0
    public void Pow_ZeroBaseConstantExponent_DerivativeIsTheLimit(double exponent, double expected) =>
        Derivative(x => Dual<T>.Pow(x, C(exponent)), 0).ShouldBe(C(expected));

    [Test]
    public void Pow_ConstantZeroExponent_DerivativeIsZeroEverywhere()
    {
        // d/dx x⁰ = 0 at any x, including negative bases
        Derivative(x => Dual<T>.Pow(x, T.Zero), -3).ShouldBe(T.Zero);
        Derivative(x => Dual<T>.Pow(x, T.Zero), 2).ShouldBe(T.Zero);
    }

    [Test]
    public void Pow_NegativeBaseConstantExponent_DerivativeIsFinite()
    {
        // d/dx x³ = 3x² = 12 at −2; d/dx x⁻² = −2x⁻³ = 0.25 at −2
        Derivative(x => Dual<T>.Pow(x, C(3)), -2).ShouldBe(C(12));
        Derivative(x => Dual<T>.Pow(x, C(-2)), -2).ShouldBe(C(0.25));
    }

    [Test]
    public void Pow_NegativeBaseActiveExponent_TangentIsNaN()
    {
        // xʸ is not real near a negative base as y varies: ∂/∂y = xʸ·ln x is NaN, as in JAX and PyTorch
        T.IsNaN(Dual<T>.Pow(D(-2, 0), D(3, 1)).Tangent).ShouldBeTrue();
    }

    [Test]
    public void Hypot_AtOrigin_BothPartialsZero()
    {
        // minimum-norm subgradient of the norm at 0
        Dual<T> y = Dual<T>.Hypot(D(0, 1), D(0, 1));
        y.Value.ShouldBe(T.Zero);
        y.Tangent.ShouldBe(T.Zero);
    }

    [Test]
    public void PiecewiseConstant_AnyPoint_TangentIsZero()
    {
        // floor, ceiling, round, truncate and sign are flat between jumps
        Dual<T>.Floor(D(2.5, 3)).Tangent.ShouldBe(T.Zero);
        Dual<T>.Ceiling(D(2.5, 3)).Tangent.ShouldBe(T.Zero);
        Dual<T>.Round(D(2.5, 3)).Tangent.ShouldBe(T.Zero);
        Dual<T>.Round(D(2.25, 3), 1, MidpointRounding.AwayFromZero).Tangent.ShouldBe(T.Zero);
        Dual<T>.Truncate(D(-2.5, 3)).Tangent.ShouldBe(T.Zero);
        Derivative(x => GenericSign(x) * C(4), 2).ShouldBe(T.Zero); // d/dx 4·sign x = 0
    }

    [Test]
    public void Propagation_ZeroTimesInfinity_IsZero()
    {
        // a zero factor carries no sensitivity; nonzero products stay IEEE
        Propagation.Scale(T.Zero, T.PositiveInfinity).ShouldBe(T.Zero);
        Propagation.Scale(T.NegativeInfinity, T.Zero).ShouldBe(T.Zero);
        Propagation.Scale(T.Zero, T.NaN).ShouldBe(T.Zero);
        Propagation.Scale(C(2), T.PositiveInfinity).ShouldBe(T.PositiveInfinity);
        T.IsNaN(Propagation.Scale(C(2), T.NaN)).ShouldBeTrue();
    }

    [Test]
    public void Propagation_NestedZeroWithTangent_IsNotZero()
    {
        // Dual(0, 1) is not "zero" for propagation: its tangent carries a second-order term
        Propagation.IsZero(new Dual<T>(T.Zero, T.One)).ShouldBeFalse();
        Propagation.IsZero(new Dual<T>(T.Zero, T.Zero)).ShouldBeTrue();
    }

    [Test]
    public void NaNInValue_AnyFunction_FlowsThroughValueAndTangent()
    {
        // IEEE: NaN in, NaN out, in value and tangent
        Dual<T> y = Dual<T>.Exp(D(double.NaN, 1));
        T.IsNaN(y.Value).ShouldBeTrue();
        T.IsNaN(y.Tangent).ShouldBeTrue();
        T.IsNaN((D(double.NaN, 1) * D(2, 0)).Tangent).ShouldBeFalse(); // d(x·2) = 2 regardless of x: the tangent is 2
    }

    [Test]
    public void InfinityInTangent_LinearFunction_FlowsThrough()
    {
        // tangent of 3x with seed ∞ is ∞; with seed NaN it is NaN
        (D(1, double.PositiveInfinity) * D(3, 0)).Tangent.ShouldBe(T.PositiveInfinity);
        T.IsNaN((D(1, double.NaN) * D(3, 0)).Tangent).ShouldBeTrue();
        Dual<T>.Exp(D(double.PositiveInfinity, 1)).Tangent.ShouldBe(T.PositiveInfinity); // d eˣ = eˣ = ∞
    }

    /// <summary>abs through the interface, as generic user code calls it.</summary>
    private static TN GenericAbs<TN>(TN x)
        where TN : IFloatingPointIeee754<TN> => TN.Abs(x);

    /// <summary>sign through the interface, as a constant of the same type.</summary>
    private static TN GenericSign<TN>(TN x)
        where TN : IFloatingPointIeee754<TN> => TN.CreateChecked(TN.Sign(x));
}
