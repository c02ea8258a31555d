using NUnit.Framework;
using Shouldly;
using D1 = DualAutodiff.Dual<double>;
using D2 = DualAutodiff.Dual<DualAutodiff.Dual<double>>;
using D3 = DualAutodiff.Dual<DualAutodiff.Dual<DualAutodiff.Dual<double>>>;

namespace DualAutodiff.Tests.Dual;

/// <summary>
/// Higher order by nesting types (<c>Dual&lt;Dual&lt;T&gt;&gt;</c>), and the perturbation-confusion cases of
/// Siskind and Pearlmutter (2005): a value closed over from an outer level is a constant at the inner level.
/// </summary>
[TestFixture]
public class NestingTests
{
    private const double Tolerance = 1e-13;

    /// <summary>f″(x) as the derivative of the derivative, one type level apart.</summary>
    private static double Second(Func<D2, D2> f, double x) => Forward.Derivative<double>(u => Forward.Derivative(f, u), x);

    [Test]
    public void Second_Cube_IsSixX()
    {
        // d²/dx² x³ = 6x = 12 at 2
        Second(x => x * x * x, 2).ShouldBe(12);
    }

    [Test]
    public void Second_ExpOfSin_IsAnalytic()
    {
        // d²/dx² e^(sin x) = e^(sin x)(cos²x − sin x)
        double x = 0.7;
        double expected = Math.Exp(Math.Sin(x)) * (Math.Cos(x) * Math.Cos(x) - Math.Sin(x));
        Second(u => D2.Exp(D2.Sin(u)), x).ShouldBe(expected, Tolerance);
    }

    [Test]
    public void Second_XToTheX_IsAnalytic()
    {
        // d²/dx² xˣ = xˣ((ln x + 1)² + 1/x), with both pow arguments active
        double x = 1.5;
        double expected = Math.Pow(x, x) * (Math.Pow(Math.Log(x) + 1, 2) + 1 / x);
        Second(u => D2.Pow(u, u), x).ShouldBe(expected, Tolerance);
    }

    [Test]
    public void Second_LogOverX_IsAnalytic()
    {
        // d²/dx² ln x / x = (2 ln x − 3)/x³
        double x = 2;
        Second(u => D2.Log(u) / u, x).ShouldBe((2 * Math.Log(x) - 3) / (x * x * x), Tolerance);
    }

    [Test]
    public void Second_AtanAndSqrtAndTanh_AreAnalytic()
    {
        // atan″ = −2x/(1+x²)²; (√(1+x²))″ = (1+x²)^(−3/2); tanh″ = −2 tanh·sech²
        Second(D2.Atan, 0.5).ShouldBe(-2 * 0.5 / Math.Pow(1.25, 2), Tolerance);
        Second(u => D2.Sqrt(D2.One + u * u), 0.75).ShouldBe(Math.Pow(1.5625, -1.5), Tolerance);
        double t = Math.Tanh(0.3);
        Second(D2.Tanh, 0.3).ShouldBe(-2 * t * (1 - t * t), Tolerance);
    }

    [Test]
    public void DualOfDual_MixedPartial_IsAnalytic()
    {
        // f(x, y) = x²y + sin(xy): ∂²f/∂x∂y = 2x + cos(xy) − xy·sin(xy) at (1.5, −0.5)
        double x = 1.5, y = -0.5;
        var dx = new D2(new D1(x, 1), new D1(0, 0));
        var dy = new D2(new D1(y, 0), new D1(1, 0));
        D2 f = dx * dx * dy + D2.Sin(dx * dy);
        f.Tangent.Tangent.ShouldBe(2 * x + Math.Cos(x * y) - x * y * Math.Sin(x * y), Tolerance);
        f.Value.Tangent.ShouldBe(2 * x * y + y * Math.Cos(x * y), Tolerance);  // ∂f/∂x = 2xy + y cos(xy)
        f.Tangent.Value.ShouldBe(x * x + x * Math.Cos(x * y), Tolerance);      // ∂f/∂y = x² + x cos(xy)
    }

    [Test]
    public void Third_ThreeLevels_IsAnalytic()
    {
        // d³/dx³ x⁴ = 24x = 48 at 2; d³/dx³ sin x = −cos x
        static double Third(Func<D3, D3> f, double x) =>
            Forward.Derivative<double>(u => Forward.Derivative<D1>(w => Forward.Derivative(f, w), u), x);
        Third(x => x * x * x * x, 2).ShouldBe(48);
        Third(D3.Sin, 0.4).ShouldBe(-Math.Cos(0.4), Tolerance);
    }

    [Test]
    public void PerturbationConfusion_SiskindPearlmutter_IsOne()
    {
        // d/dx [x · (d/dy (x + y) at y = 1)] at x = 1 = d/dx [x · 1] = 1; a confused implementation gives 2
        double d = Forward.Derivative<double>(x => x * Forward.Derivative<D1>(y => (D2)x + y, (D1)1.0), 1.0);
        d.ShouldBe(1.0);
    }

    [Test]
    public void PerturbationConfusion_ProductInside_IsTwoX()
    {
        // d/dx [x · (d/dy (x·y) at y = 3)] at x = 5 = d/dx x² = 10
        Forward.Derivative<double>(x => x * Forward.Derivative<D1>(y => (D2)x * y, (D1)3.0), 5.0).ShouldBe(10.0);
    }

    [Test]
    public void InnerDerivative_ClosedOverOuterValue_IsAConstantCarryingItsOuterTangent()
    {
        // at x = 5 + 1ε: d/dy (x·y²) at y = 3 is 6x = 30 + 6ε; the outer tangent of x survives the inner call
        var x = new D1(5, 1);
        D1 inner = Forward.Derivative<D1>(y => (D2)x * y * y, (D1)3.0);
        inner.ShouldBe(new D1(30, 6));
    }

    [Test]
    public void InnerDerivative_FunctionOfOuterValueOnly_IsZero()
    {
        // d/dy (x²) = 0 however x varies outside: the inner level must not see the outer perturbation
        var x = new D1(5, 1);
        Forward.Derivative<D1>(y => (D2)x * x, (D1)3.0).ShouldBe(new D1(0, 0));
    }

    [Test]
    public void NestedJvp_SameTypeInnerOnConstants_LeavesOuterInputsIntact()
    {
        // an inner same-type call on its own constants must not overwrite the outer call's input array:
        // f(x) = x₀·x₁ + c with c = ∂/∂t₀ (t₀·t₁) at (3, 5) = 5: ∇f·(1, 0) = x₁ = 2
        (double value, double tangent) = Forward.Jvp<double>(
            x =>
            {
                double c = Forward.Jvp<double>(t => t[0] * t[1], [3.0, 5.0], [1.0, 0.0]).Tangent;
                return x[0] * x[1] + c;
            },
            [4.0, 2.0],
            [1.0, 0.0]);
        value.ShouldBe(13.0); // 4·2 + 5
        tangent.ShouldBe(2.0);
    }

    [Test]
    public void NestedDerivative_SameTypeInnerTouchesOuterVariable_Throws()
    {
        // d/dx (x · d/dy (x + y) at y = 1) is 1, but at the same type x's tangent would leak into the inner
        // derivative (giving 2); the library must refuse rather than answer wrong
        Should.Throw<InvalidOperationException>(() => Forward.Derivative<double>(x => x * Forward.Derivative<double>(y => x + y, 1.0), 1.0))
            .Message.ShouldContain("Perturbation confusion");
        Should.Throw<InvalidOperationException>(() => Forward.Jvp<double>(
            x => x[0] * Forward.Jvp<double>(t => t[0] * x[0], [2.0], [1.0]).Tangent, [1.0], [1.0]));
        Should.Throw<InvalidOperationException>(() => Forward.Jacobian<double>(
            x => [x[0] * Forward.Jacobian<double>(t => [t[0] + x[0]], [2.0])[0, 0]], [1.0]));
    }

    [Test]
    public void NestedDerivative_NextTypeLevel_IsRight()
    {
        // the same function nested correctly: d/dx (x · d/dy (x + y)) = d/dx x = 1
        Forward.Derivative<double>(x => x * Forward.Derivative<Dual<double>>(y => (Dual<Dual<double>>)x + y, (Dual<double>)1.0), 1.0).ShouldBe(1.0);
    }

    [Test]
    public void NestedDerivative_AfterConfusionError_NextCallIsRight()
    {
        Should.Throw<InvalidOperationException>(() => Forward.Derivative<double>(x => x * Forward.Derivative<double>(y => x * y, 1.0), 1.0));

        // d/dx x³ at 2 = 12
        Forward.Derivative<double>(x => x * x * x, 2.0).ShouldBe(12.0);
    }
}
