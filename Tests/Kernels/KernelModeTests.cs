using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>Every kernel in every mode and nesting against the same function written with scalar loops: values at
/// double and float, JVP (<c>Dual</c>), VJP and gradient (<c>Var</c>), Jacobians both ways, every H·v route
/// (<c>Var&lt;Dual&gt;</c>, <c>Dual&lt;Var&gt;</c>, <c>Var&lt;Var&gt;</c>, differences), <c>Dual&lt;Dual&gt;</c> second
/// directional derivatives, Hessians, and the kept-recording routes (<c>Reverse.Linearize</c>, <c>DualAutodiff.Hvp.Linearize</c>).</summary>
[TestFixture]
public class KernelModeTests
{
    private const double Tolerance = 1e-10;

    private static IEnumerable<KernelCase> Everywhere() => KernelCases.Everywhere();

    private static IEnumerable<KernelCase> Small() => KernelCases.Small();

    [TestCaseSource(nameof(Everywhere))]
    public void Value_Double_MatchesScalarLoops(KernelCase c)
    {
        double[] x = c.Point();
        Close(Values<double>(c, x), Values<double>(c.Scalars, x), Tolerance, "value");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void Value_Float_MatchesScalarLoops(KernelCase c)
    {
        float[] x = [.. c.Point().Select(p => (float)p)];
        Close(Values<float>(c, x).Select(v => (double)v).ToArray(), Values<float>(c.Scalars, x).Select(v => (double)v).ToArray(), 2e-4, "value");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void Jvp_DualDouble_MatchesScalarLoops(KernelCase c)
    {
        (double[] value, double[] tangent) = Forward.Jvp<double>((IVectorFunction)c, c.Point(), c.Direction());
        (double[] expectedValue, double[] expectedTangent) = Forward.Jvp<double>((IVectorFunction)c.Scalars, c.Point(), c.Direction());
        Close(value, expectedValue, Tolerance, "value");
        Close(tangent, expectedTangent, Tolerance, "J·v");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void Vjp_VarDouble_MatchesScalarLoops(KernelCase c)
    {
        (double[] value, double[] vjp) = Reverse.Vjp<double>(c, c.Point(), c.Seed());
        (double[] expectedValue, double[] expectedVjp) = Reverse.Vjp<double>(c.Scalars, c.Point(), c.Seed());
        Close(value, expectedValue, Tolerance, "value");
        Close(vjp, expectedVjp, Tolerance, "uᵀ·J");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void Gradient_VarDouble_MatchesScalarLoops(KernelCase c)
    {
        (double value, double[] gradient) = Reverse.ValueAndGradient<double>(c, c.Point());
        (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient<double>(c.Scalars, c.Point());
        Close([value], [expectedValue], Tolerance, "value");
        Close(gradient, expectedGradient, Tolerance, "gradient");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void Hvp_EveryRoute_MatchesScalarLoops(KernelCase c)
    {
        double[] expected = DualAutodiff.Hvp.Compute<double>(c.Scalars, c.Point(), c.Direction(), HvpMethod.ForwardOverReverse);
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            Close(DualAutodiff.Hvp.Compute<double>(c, c.Point(), c.Direction(), method), expected, 1e-9, $"H·v by {method}");
        }

        // central differences of gradients: O(h²) error
        Close(DualAutodiff.Hvp.Compute<double>(c, c.Point(), c.Direction(), HvpMethod.FiniteDifference), expected, 1e-4, "H·v by differences");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void SecondDirectional_DualDual_MatchesScalarLoops(KernelCase c)
    {
        // vᵀHv as the ε₁ε₂ part of f(x + v(ε₁ + ε₂)) with Dual<Dual<double>>
        double[] x = c.Point(), v = c.Direction();
        Close([SecondDirectional(c, x, v)], [SecondDirectional(c.Scalars, x, v)], 1e-9, "vᵀHv");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void Linearize_KeptRecording_MatchesScalarLoops(KernelCase c)
    {
        using Linearization<double> kernel = Reverse.Linearize<double>(c, c.Point());
        using Linearization<double> scalar = Reverse.Linearize<double>(c.Scalars, c.Point());
        Close(kernel.Jvp(c.Direction()), scalar.Jvp(c.Direction()), Tolerance, "J·v from the tangent sweep");
        Close(kernel.Vjp(c.Seed()), scalar.Vjp(c.Seed()), Tolerance, "uᵀ·J");
    }

    [TestCaseSource(nameof(Everywhere))]
    public void HessianOperator_KeptRecording_MatchesScalarLoops(KernelCase c)
    {
        using HessianOperator<double> kernel = DualAutodiff.Hvp.Linearize<double>(c, c.Point());
        using HessianOperator<double> scalar = DualAutodiff.Hvp.Linearize<double>(c.Scalars, c.Point());
        Close(kernel.Apply(c.Direction()), scalar.Apply(c.Direction()), 1e-9, "H·v from the kept recording");
        Close(kernel.Gradient, scalar.Gradient, Tolerance, "gradient");
    }

    [TestCaseSource(nameof(Small))]
    public void Jacobian_BothModes_MatchScalarLoops(KernelCase c)
    {
        double[,] expected = Reverse.Jacobian<double>(c.Scalars, c.Point());
        Close(Flatten(Reverse.Jacobian<double>(c, c.Point())), Flatten(expected), Tolerance, "reverse Jacobian");
        Close(Flatten(Forward.Jacobian<double>(c, c.Point())), Flatten(expected), Tolerance, "forward Jacobian");
    }

    [TestCaseSource(nameof(Small))]
    public void Hessian_Dense_MatchesScalarLoops(KernelCase c)
    {
        Close(Flatten(DualAutodiff.Hvp.Hessian<double>(c, c.Point())), Flatten(DualAutodiff.Hvp.Hessian<double>(c.Scalars, c.Point())), 1e-9, "Hessian");
    }

    [TestCaseSource(nameof(Small))]
    public void Gradient_CentralDifferences_Agree(KernelCase c)
    {
        // the kernels against no AD at all: (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, error O(h²)
        double[] x = c.Point();
        double[] gradient = Reverse.Gradient<double>(c, x);
        const double h = 1e-5;
        for (int i = 0; i < x.Length; i++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += h;
            minus[i] -= h;
            double difference = (c.Evaluate<double>(plus) - c.Evaluate<double>(minus)) / (2 * h);
            gradient[i].ShouldBeClose(difference, 1e-5, $"∂f/∂x{i}");
        }
    }

    private static T[] Values<T>(KernelCase c, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        var y = new T[c.Outputs];
        c.Evaluate<T>(x, y);
        return y;
    }

    private static double SecondDirectional(KernelCase c, double[] x, double[] v)
    {
        var xd = new Dual<Dual<double>>[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            xd[i] = new(new(x[i], v[i]), new(v[i], 0));
        }

        return c.Evaluate<Dual<Dual<double>>>(xd).Tangent.Tangent;
    }

    private static double[] Flatten(double[,] m) => [.. m.Cast<double>()];

    private static void Close(double[] actual, double[] expected, double tolerance, string what)
    {
        actual.Length.ShouldBe(expected.Length, what);
        for (int i = 0; i < actual.Length; i++)
        {
            actual[i].ShouldBeClose(expected[i], tolerance, $"{what}[{i}]");
        }
    }
}
