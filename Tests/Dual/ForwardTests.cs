using System.Numerics;
using MathNet.Numerics.Differentiation;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>The <see cref="Forward"/> facade: Derivative, both Jvp shapes and Jacobian, delegate and interface overloads.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class ForwardTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly double[] s_point = [0.5, -1.25, 2.0];

    // MathNet's default central differences are good to ~1e-8; float adds its own rounding.
    private static readonly double s_numericTolerance = typeof(T) == typeof(float) ? 1e-5 : 1e-6;

    /// <summary>f: R³ → R², f(x) = (x₀x₁ sin x₂, x₀² + e^(x₁x₂)).</summary>
    public static void Evaluate<TN>(ReadOnlySpan<TN> x, Span<TN> y)
        where TN : IFloatingPointIeee754<TN>
    {
        y[0] = x[0] * x[1] * TN.Sin(x[2]);
        y[1] = x[0] * x[0] + TN.Exp(x[1] * x[2]);
    }

    /// <summary>J = [[x₁ sin x₂, x₀ sin x₂, x₀x₁ cos x₂], [2x₀, x₂e^(x₁x₂), x₁e^(x₁x₂)]].</summary>
    private static double[,] AnalyticJacobian(double[] x)
    {
        double e = Math.Exp(x[1] * x[2]);
        return new[,]
        {
            { x[1] * Math.Sin(x[2]), x[0] * Math.Sin(x[2]), x[0] * x[1] * Math.Cos(x[2]) },
            { 2 * x[0], x[2] * e, x[1] * e },
        };
    }

    private static TN[] Apply<TN>(TN[] x)
        where TN : IFloatingPointIeee754<TN>
    {
        var y = new TN[2];
        Evaluate<TN>(x, y);
        return y;
    }

    private sealed class VectorFunction : IVectorFunction
    {
        public int OutputLength(int inputLength) => 2;

        public void Evaluate<TN>(ReadOnlySpan<TN> x, Span<TN> y)
            where TN : IFloatingPointIeee754<TN> => ForwardTests<T>.Evaluate(x, y);
    }

    private sealed class FirstOutput : IScalarFunction
    {
        public TN Evaluate<TN>(ReadOnlySpan<TN> x)
            where TN : IFloatingPointIeee754<TN> => x[0] * x[1] * TN.Sin(x[2]);
    }

    private static T[] Point() => [.. s_point.Select(T.CreateChecked)];

    private static void ShouldMatch(T[,] actual, double[,] expected, double tolerance)
    {
        actual.GetLength(0).ShouldBe(expected.GetLength(0));
        actual.GetLength(1).ShouldBe(expected.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                Approx.D(actual[i, j]).ShouldBeClose(expected[i, j], tolerance, $"J[{i},{j}]");
            }
        }
    }

    [Test]
    public void Jacobian_Delegate_EqualsAnalytic()
    {
        T[] x = Point();
        ShouldMatch(Forward.Jacobian<T>(Apply, x), AnalyticJacobian(Approx.Rounded<T>(s_point)), Approx.For<T>());
    }

    [Test]
    public void Jacobian_VectorFunction_EqualsDelegateJacobian()
    {
        T[] x = Point();
        Forward.Jacobian<T>(new VectorFunction(), x).ShouldBe(Forward.Jacobian<T>(Apply, x));
    }

    [Test]
    public void Jacobian_VectorFunction_AgreesWithMathNetNumericalJacobian()
    {
        // MathNet differentiates each output in double; the T Jacobian must agree to FD accuracy
        Func<double[], double>[] outputs = [p => Apply(p)[0], p => Apply(p)[1]];
        double[] x = Approx.Rounded<T>(s_point);
        double[,] numeric = new NumericalJacobian().Evaluate(outputs, x);
        ShouldMatch(Forward.Jacobian<T>(new VectorFunction(), Point()), numeric, s_numericTolerance);
    }

    [Test]
    public void Jacobian_Delegate_LeavesInputUnchanged()
    {
        T[] x = Point();
        Forward.Jacobian<T>(Apply, x);
        x.ShouldBe(Point());
    }

    [Test]
    public void Jacobian_LinearMap_IsItsMatrix()
    {
        // y = A·x with A = [[1, 2], [3, 4], [5, 6]]: J = A exactly, 3×2
        static TN[] Linear<TN>(TN[] x)
            where TN : IFloatingPointIeee754<TN>
        {
            TN c(int k) => TN.CreateChecked(k);
            return [c(1) * x[0] + c(2) * x[1], c(3) * x[0] + c(4) * x[1], c(5) * x[0] + c(6) * x[1]];
        }

        T[,] jacobian = Forward.Jacobian<T>(Linear, [T.CreateChecked(7), T.CreateChecked(-3)]);
        ShouldMatch(jacobian, new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, 0);
    }

    [Test]
    public void Jvp_VectorDelegate_ValueIsFAndTangentIsJTimesV()
    {
        // J·v with v = (1, −2, 0.5)
        T[] x = Point();
        double[] v = [1, -2, 0.5];
        (T[] value, T[] tangent) = Forward.Jvp<T>(Apply, x, [.. v.Select(T.CreateChecked)]);
        value.ShouldBe(Apply(x));
        double[,] j = AnalyticJacobian(Approx.Rounded<T>(s_point));
        for (int i = 0; i < 2; i++)
        {
            double expected = j[i, 0] * v[0] + j[i, 1] * v[1] + j[i, 2] * v[2];
            Approx.D(tangent[i]).ShouldBeClose(expected, Approx.For<T>() * 10, $"(Jv)[{i}]");
        }
    }

    [Test]
    public void Jvp_VectorFunction_EqualsVectorDelegate()
    {
        T[] x = Point();
        T[] v = [T.One, T.CreateChecked(-2), T.CreateChecked(0.5)];
        (T[] value, T[] tangent) = Forward.Jvp<T>(new VectorFunction(), x, v);
        (T[] expectedValue, T[] expectedTangent) = Forward.Jvp<T>(Apply, x, v);
        value.ShouldBe(expectedValue);
        tangent.ShouldBe(expectedTangent);
    }

    [Test]
    public void Jvp_ScalarDelegateAndInterface_TangentIsGradientDotV()
    {
        // ∇y₀·v = x₁ sin x₂·1 + x₀ sin x₂·(−2) + x₀x₁ cos x₂·0.5
        T[] x = Point();
        T[] v = [T.One, T.CreateChecked(-2), T.CreateChecked(0.5)];
        double[,] j = AnalyticJacobian(Approx.Rounded<T>(s_point));
        double expected = j[0, 0] - 2 * j[0, 1] + 0.5 * j[0, 2];
        (T value, T tangent) = Forward.Jvp<T>(u => new FirstOutput().Evaluate<Dual<T>>(u), x, v);
        value.ShouldBe(Apply(x)[0]);
        Approx.D(tangent).ShouldBeClose(expected, Approx.For<T>() * 10, "∇f·v");
        Forward.Jvp<T>(new FirstOutput(), x, v).ShouldBe((value, tangent));
    }

    [Test]
    public void Jvp_ZeroDirection_TangentIsZero()
    {
        (T[] _, T[] tangent) = Forward.Jvp<T>(Apply, Point(), [T.Zero, T.Zero, T.Zero]);
        tangent.ShouldBe([T.Zero, T.Zero]);
    }

    [Test]
    public void Derivative_Cube_IsThreeXSquared()
    {
        // d/dx x³ = 3x² = 12 at 2
        Forward.Derivative<T>(x => x * x * x, T.CreateChecked(2)).ShouldBe(T.CreateChecked(12));
    }

    [Test]
    public void Derivative_SinTimesExp_IsAnalytic()
    {
        // d/dx eˣ sin x = eˣ(sin x + cos x) at 0.5
        T x = T.CreateChecked(0.5);
        double xd = Approx.D(x);
        double expected = Math.Exp(xd) * (Math.Sin(xd) + Math.Cos(xd));
        Approx.D(Forward.Derivative<T>(u => Dual<T>.Exp(u) * Dual<T>.Sin(u), x)).ShouldBeClose(expected, Approx.For<T>(), "d/dx");
    }

    [Test]
    public void Derivative_AgreesWithMathNetNumericalDerivative()
    {
        // d/dx atan(x²)/(1 + x) at 0.75, against central differences
        static TN F<TN>(TN x)
            where TN : IFloatingPointIeee754<TN> => TN.Atan(x * x) / (TN.One + x);
        double numeric = new NumericalDerivative().EvaluateDerivative(F, 0.75, 1);
        Approx.D(Forward.Derivative<T>(F, T.CreateChecked(0.75))).ShouldBeClose(numeric, s_numericTolerance, "d/dx");
    }

    /// <summary>Σₖ (k + 1)·xₖ: each input has its own weight, so a value or tangent seeded in another element's place shows.</summary>
    private sealed class Weighted : IScalarFunction
    {
        public TN Evaluate<TN>(ReadOnlySpan<TN> x)
            where TN : IFloatingPointIeee754<TN>
        {
            TN sum = TN.Zero;
            for (int k = 0; k < x.Length; k++)
            {
                sum += TN.CreateChecked(k + 1) * x[k];
            }

            return sum;
        }
    }

    [Test]
    public void Jvp_EveryLengthAroundTheVectorWidth_SeedsEachPairInItsPlace()
    {
        for (int n = 0; n <= 13; n++)
        {
            T[] x = [.. Enumerable.Range(0, n).Select(k => T.CreateChecked(k + 2))];
            T[] v = [.. Enumerable.Range(0, n).Select(k => T.CreateChecked((3 * k) - 5))];
            (T value, T tangent) = Forward.Jvp(new Weighted(), x, v);

            // Σ (k + 1)(k + 2) and Σ (k + 1)(3k − 5), exact in both precisions at these sizes
            value.ShouldBe(T.CreateChecked(Enumerable.Range(0, n).Sum(k => (k + 1) * (k + 2))), $"n = {n}");
            tangent.ShouldBe(T.CreateChecked(Enumerable.Range(0, n).Sum(k => (k + 1) * ((3 * k) - 5))), $"n = {n}");
        }
    }
}
