using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

[TestFixture]
public class SmokeTests
{
    private static T Rosenbrock<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        T hundred = T.CreateChecked(100);
        for (int i = 0; i + 1 < x.Length; i++)
        {
            T a = x[i + 1] - x[i] * x[i];
            T b = T.One - x[i];
            sum += hundred * a * a + b * b;
        }

        return sum;
    }

    [Test]
    public void Rosenbrock_At11_GradientZeroAndJvpZero()
    {
        double[] x = [1.0, 1.0];
        Reverse.Gradient<double>(v => Rosenbrock<Var<double>>(v), x).ShouldBe([0.0, 0.0]);
        Forward.Jvp<double>(v => Rosenbrock<Dual<double>>(v), x, [1.0, 2.0]).Tangent.ShouldBe(0.0);
    }

    [Test]
    public void Rosenbrock_AtStart_ForwardEqualsReverse()
    {
        double[] x = [-1.2, 1.0, 0.5];
        double[] g = Reverse.Gradient<double>(v => Rosenbrock<Var<double>>(v), x);
        for (int j = 0; j < x.Length; j++)
        {
            double[] e = new double[x.Length];
            e[j] = 1;
            Forward.Jvp<double>(v => Rosenbrock<Dual<double>>(v), x, e).Tangent.ShouldBe(g[j], 1e-12);
        }
    }

    [Test]
    public void NestedReverse_PerturbationConfusion_Is10()
    {
        // d/dx [x · d/dy (x·y) at y=3] at x=5 = d/dx x² = 10
        double d = Reverse.Derivative<double>(x => x * Reverse.Derivative<Var<double>>(y => (Var<Var<double>>)x * y, (Var<double>)3.0), 5.0);
        d.ShouldBe(10.0);
    }

    [Test]
    public void ForwardOverReverse_Rosenbrock2D_HessianAt11()
    {
        // H at (1,1) = [[802, -400], [-400, 200]]; H·(1,0) = (802, -400)
        Tape<Dual<double>> tape = Tape<Dual<double>>.Rent();
        try
        {
            Var<Dual<double>>[] x = [tape.Variable(new Dual<double>(1, 1)), tape.Variable(new Dual<double>(1, 0))];
            tape.Backward(Rosenbrock<Var<Dual<double>>>(x));
            tape.Adjoint(x[0]).Tangent.ShouldBe(802);
            tape.Adjoint(x[1]).Tangent.ShouldBe(-400);
        }
        finally
        {
            tape.Return();
        }
    }

    [Test]
    public void DualDual_AbsSquaredAtZero_SecondDerivativeIs2()
    {
        double d2 = Forward.Derivative<double>(x => Forward.Derivative<Dual<double>>(t => Dual<Dual<double>>.Abs(t) * Dual<Dual<double>>.Abs(t), x), 0.0);
        d2.ShouldBe(2.0);
    }

    [Test]
    public void Sqrt_ZeroTangentAtZero_TangentZero()
    {
        Dual<double>.Sqrt(new Dual<double>(0, 0)).Tangent.ShouldBe(0.0);
        Forward.Derivative<double>(x => x * Dual<double>.Sqrt(x), 0.0).ShouldBe(0.0);
        Reverse.Derivative<double>(x => x * Var<double>.Sqrt(x), 0.0).ShouldBe(0.0);
    }
}
