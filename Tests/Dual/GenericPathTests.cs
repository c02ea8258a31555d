using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>
/// User code written once against <see cref="IFloatingPointIeee754{TSelf}"/> (exp, log, pow, abs, sqrt and
/// value branches) runs unchanged with <see cref="Dual{T}"/> and gives its exact gradient.
/// </summary>
/// <typeparam name="T">The scalar type under the dual.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class GenericPathTests<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>
    /// f(a, b) = softplus(a) + b³·e⁻ᵃ + |b|·√(a² + 1), with softplus written in its stable branched form.
    /// </summary>
    public static TN Loss<TN>(ReadOnlySpan<TN> x)
        where TN : IFloatingPointIeee754<TN>
    {
        TN a = x[0];
        TN b = x[1];
        TN softplus = a > TN.Zero ? a + TN.LogP1(TN.Exp(-a)) : TN.Log(TN.One + TN.Exp(a));
        TN three = TN.CreateChecked(3);
        return softplus + TN.Pow(b, three) * TN.Exp(-a) + TN.Abs(b) * TN.Sqrt(a * a + TN.One);
    }

    /// <summary>∇f: ∂a = σ(a) − b³e⁻ᵃ + |b|·a/√(a²+1), ∂b = 3b²e⁻ᵃ + sign(b)·√(a²+1).</summary>
    private static double[] LossGradient(double a, double b)
    {
        double r = Math.Sqrt(a * a + 1);
        return [1 / (1 + Math.Exp(-a)) - b * b * b * Math.Exp(-a) + Math.Abs(b) * a / r, 3 * b * b * Math.Exp(-a) + Math.Sign(b) * r];
    }

    private sealed class LossFunction : IScalarFunction
    {
        public TN Evaluate<TN>(ReadOnlySpan<TN> x)
            where TN : IFloatingPointIeee754<TN> => Loss(x);
    }

    [TestCase(0.75, -1.25)] // the a > 0 branch, b < 0
    [TestCase(-2.0, 0.5)]   // the a ≤ 0 branch, b > 0
    public void Loss_DelegateJvpAlongBasis_GivesAnalyticGradient(double a, double b)
    {
        T[] x = [T.CreateChecked(a), T.CreateChecked(b)];
        double[] expected = LossGradient(Approx.D(x[0]), Approx.D(x[1]));
        for (int j = 0; j < 2; j++)
        {
            T[] e = [j == 0 ? T.One : T.Zero, j == 1 ? T.One : T.Zero];
            (T value, T tangent) = Forward.Jvp<T>(v => Loss<Dual<T>>(v), x, e);
            value.ShouldBe(Loss<T>(x)); // the value is the plain run's, bit for bit
            Approx.D(tangent).ShouldBeClose(expected[j], Approx.For<T>() * 10, $"∂f/∂x{j}");
        }
    }

    [TestCase(0.75, -1.25)]
    [TestCase(-2.0, 0.5)]
    public void Loss_InterfaceJvp_EqualsDelegateJvp(double a, double b)
    {
        // the same generic code through IScalarFunction: the same numbers
        T[] x = [T.CreateChecked(a), T.CreateChecked(b)];
        T[] v = [T.CreateChecked(0.5), T.CreateChecked(-2)];
        Forward.Jvp<T>(new LossFunction(), x, v).ShouldBe(Forward.Jvp<T>(u => Loss<Dual<T>>(u), x, v));
    }

    [TestCase(0.75, -1.25)]
    [TestCase(-2.0, 0.5)]
    public void Loss_ForwardTangents_EqualReverseGradient(double a, double b)
    {
        T[] x = [T.CreateChecked(a), T.CreateChecked(b)];
        T[] gradient = Reverse.Gradient<T>(new LossFunction(), x);
        Forward.Jvp<T>(new LossFunction(), x, [T.One, T.Zero]).Tangent.ShouldBe(gradient[0]);
        Forward.Jvp<T>(new LossFunction(), x, [T.Zero, T.One]).Tangent.ShouldBe(gradient[1]);
    }

    [Test]
    public void BranchOnValue_EitherSide_DifferentiatesTheTakenBranch()
    {
        // relu-like: x > 1 ? x² : 3x, comparisons look at values only: 2x = 4 at 2, 3 at 0.5
        static TN Branch<TN>(TN x)
            where TN : IFloatingPointIeee754<TN> => x > TN.One ? x * x : TN.CreateChecked(3) * x;
        Forward.Derivative<T>(Branch, T.CreateChecked(2)).ShouldBe(T.CreateChecked(4));
        Forward.Derivative<T>(Branch, T.CreateChecked(0.5)).ShouldBe(T.CreateChecked(3));
    }

    [Test]
    public void GenericPolynomial_HornerWithLoopAndConstants_DerivativeIsExact()
    {
        // p(x) = 1 + 2x + 3x² + 4x³: p′(x) = 2 + 6x + 12x² = 2 + 12 + 48 = 62 at 2
        static TN Horner<TN>(TN x)
            where TN : IFloatingPointIeee754<TN>
        {
            TN sum = TN.Zero;
            for (int k = 4; k >= 1; k--)
            {
                sum = sum * x + TN.CreateChecked(k);
            }

            return sum;
        }

        Forward.Derivative<T>(Horner, T.CreateChecked(2)).ShouldBe(T.CreateChecked(62));
    }
}
