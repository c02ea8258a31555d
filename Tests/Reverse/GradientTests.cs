using System.Numerics;
using MathNet.Numerics.Differentiation;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>One-variable curves for <see cref="GradientTests{T}"/>'s derivative cases.</summary>
public enum Curve
{
    Cube,
    SinTimesExp,
    PowSelf,
    LogOverX,
    Quotient,
}

/// <summary>Gradients and derivatives: against MathNet finite differences and analytic slopes; values bit for bit
/// equal to the plain evaluation; constant functions, ignored inputs and n = 1.</summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class GradientTests<T>
    where T : IFloatingPointIeee754<T>
{
    [Test]
    public void ValueAndGradient_FunctionOverwritesItsInputArray_DerivativeIsByTheInputs()
    {
        // f writes 2·x₁ over its xs[0] and returns xs[0] + x₁ = 3x₁ = 12 at x₁ = 4: ∂f/∂x₀ = 0, ∂f/∂x₁ = 3
        (T value, T[] gradient) = Reverse.ValueAndGradient<T>(xs =>
        {
            xs[0] = xs[1] * T.CreateChecked(2);
            return xs[0] + xs[1];
        }, [T.CreateChecked(3), T.CreateChecked(4)]);

        value.ShouldBe(T.CreateChecked(12));
        gradient.ShouldBe([T.Zero, T.CreateChecked(3)]);
    }

    [Test]
    public void Gradient_OutputIsTheFirstInputAfterALongerSweep_OtherInputsAreZero()
    {
        // a sweep over all three inputs leaves adjoints in the thread's pooled tape; then f = x₀, whose sweep stops
        // at record 1: ∇f = (1, 0, 0)
        T[] x = [T.One, T.CreateChecked(2), T.CreateChecked(3)];
        Reverse.Gradient<T>(xs => xs[0] * xs[1] * xs[2], x);
        Reverse.Gradient<T>(xs => xs[0], x).ShouldBe([T.One, T.Zero, T.Zero]);
    }

    public static IEnumerable<TestCaseData> Functions() =>
        TestFunctions.Scalar().Select(c => new TestCaseData(c.F, c.X).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(Functions))]
    public void Gradient_ScalarFunction_MatchesMathNetFiniteDifferences(IScalarFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        double[] at = TestFunctions.ToDouble(x);

        // central differences of the plain double evaluation, at the point rounded to T
        double[] expected = new NumericalJacobian(5, 2).Evaluate(p => f.Evaluate<double>(p), at);
        double[] gradient = TestFunctions.ToDouble(Reverse.Gradient(f, x));

        for (int j = 0; j < x.Length; j++)
        {
            gradient[j].ShouldBe(expected[j], Tolerance() * Math.Max(1, Math.Abs(expected[j])), $"∂f/∂x{j}");
        }
    }

    [TestCaseSource(nameof(Functions))]
    public void ValueAndGradient_ScalarFunction_ValueIsPlainEvaluationBitForBit(IScalarFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        T plain = f.Evaluate<T>(x);

        Reverse.ValueAndGradient(f, x).Value.ShouldBe(plain);
        Reverse.ValueAndGradient<T>(v => f.Evaluate<Var<T>>(v), x).Value.ShouldBe(plain);
    }

    [TestCaseSource(nameof(Functions))]
    public void Gradient_DelegateAndInterface_AgreeBitForBit(IScalarFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        T[] viaInterface = Reverse.Gradient(f, x);

        Reverse.Gradient<T>(v => f.Evaluate<Var<T>>(v), x).ShouldBe(viaInterface);
        Reverse.ValueAndGradient(f, x).Gradient.ShouldBe(viaInterface);
    }

    [TestCaseSource(nameof(Functions))]
    public void Gradient_ScalarFunction_EqualsForwardJvpOnUnitVectors(IScalarFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        T[] gradient = Reverse.Gradient(f, x);
        for (int j = 0; j < x.Length; j++)
        {
            var e = new T[x.Length];
            e[j] = T.One;
            double expected = double.CreateChecked(Forward.Jvp(f, x, e).Tangent);
            double.CreateChecked(gradient[j]).ShouldBe(expected, TestFunctions.Ulps<T>(64) * Math.Max(1, Math.Abs(expected)));
        }
    }

    [TestCase(Curve.Cube, 2.0)]
    [TestCase(Curve.SinTimesExp, 0.7)]
    [TestCase(Curve.PowSelf, 1.5)]
    [TestCase(Curve.LogOverX, 2.0)]
    [TestCase(Curve.Quotient, -0.4)]
    public void Derivative_Curve_MatchesAnalyticSlope(Curve curve, double x)
    {
        T at = T.CreateChecked(x);
        double expected = Slope(curve, double.CreateChecked(at));

        double derivative = double.CreateChecked(Reverse.Derivative<T>(v => Evaluate(curve, v), at));

        derivative.ShouldBe(expected, TestFunctions.Ulps<T>(16) * Math.Max(1, Math.Abs(expected)));
    }

    [Test]
    public void Derivative_Cube_IsExact()
    {
        // d/dx x³ at 2 = 3·2² = 12, exact in every T
        Reverse.Derivative<T>(v => v * v * v, T.CreateChecked(2)).ShouldBe(T.CreateChecked(12));
    }

    [Test]
    public void Gradient_ConstantFunction_IsZero()
    {
        T[] x = TestFunctions.Cast<T>([1.5, -2.0, 0.25]);

        (T value, T[] gradient) = Reverse.ValueAndGradient<T>(_ => T.CreateChecked(7), x);

        value.ShouldBe(T.CreateChecked(7));
        gradient.ShouldBe([T.Zero, T.Zero, T.Zero]);
        Reverse.Derivative<T>(_ => T.Pi, T.One).ShouldBe(T.Zero);
    }

    [Test]
    public void Gradient_ConstantBuiltFromInputValues_IsZero()
    {
        // Floor is piecewise constant: ∇ floor(x₀)·floor(x₁) = 0 away from the jumps
        T[] x = TestFunctions.Cast<T>([1.5, 2.5]);
        Reverse.Gradient<T>(v => Var<T>.Floor(v[0]) * Var<T>.Floor(v[1]), x).ShouldBe([T.Zero, T.Zero]);
    }

    [Test]
    public void Gradient_IgnoredInputs_AreZero()
    {
        T[] x = TestFunctions.Cast<T>([3.0, 5.0, 7.0, 11.0]);

        // f = x₁·x₃: ∇f = (0, x₃, 0, x₁) = (0, 11, 0, 5)
        T[] gradient = Reverse.Gradient<T>(v => v[1] * v[3], x);

        gradient.ShouldBe(TestFunctions.Cast<T>([0.0, 11.0, 0.0, 5.0]));
    }

    [Test]
    public void Jacobian_ConstantRowAndIgnoredColumn_AreZero()
    {
        T[] x = TestFunctions.Cast<T>([2.0, 3.0, 4.0]);

        // y = (x₀x₁, 5, x₁²): row 1 is zero, column 2 (x₂ unused) is zero
        T[,] j = Reverse.Jacobian<T>(v => [v[0] * v[1], T.CreateChecked(5), v[1] * v[1]], x);

        j.ShouldBe(new T[,]
        {
            { T.CreateChecked(3), T.CreateChecked(2), T.Zero },
            { T.Zero, T.Zero, T.Zero },
            { T.Zero, T.CreateChecked(6), T.Zero },
        });
    }

    [Test]
    public void Vjp_OutputIsInputItself_SeedPassesThrough()
    {
        T[] x = TestFunctions.Cast<T>([2.0, 3.0]);

        // y = (x₁, x₀): Jᵀu = (u₁, u₀)
        (T[] value, T[] vjp) = Reverse.Vjp<T>(v => [v[1], v[0]], x, TestFunctions.Cast<T>([5.0, 7.0]));

        value.ShouldBe(TestFunctions.Cast<T>([3.0, 2.0]));
        vjp.ShouldBe(TestFunctions.Cast<T>([7.0, 5.0]));
    }

    [Test]
    public void Gradient_SingleInput_IsDerivative()
    {
        T[] x = [T.CreateChecked(0.5)];

        T[] gradient = Reverse.Gradient<T>(v => Var<T>.Exp(v[0]) * v[0], x);

        // d/dx x·eˣ = (1 + x)eˣ
        double expected = (1 + 0.5) * Math.Exp(0.5);
        gradient.Length.ShouldBe(1);
        double.CreateChecked(gradient[0]).ShouldBe(expected, TestFunctions.Ulps<T>(8) * expected);
        Reverse.Jacobian<T>(v => [v[0] * v[0]], x).ShouldBe(new T[,] { { T.One } }); // d/dx x² at 0.5 = 1
    }

    [Test]
    public void Gradient_SameInputUsedManyTimes_AdjointsAccumulate()
    {
        T[] x = [T.CreateChecked(3)];

        // f = x + x + x·x + x: f′ = 3 + 2x = 9
        Reverse.Gradient<T>(v => v[0] + v[0] + v[0] * v[0] + v[0], x).ShouldBe([T.CreateChecked(9)]);
    }

    public static IEnumerable<TestCaseData> VectorFunctions() =>
        TestFunctions.Vector().Select(c => new TestCaseData(c.F, c.X).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(VectorFunctions))]
    public void Jacobian_VectorFunction_RowsMatchMathNetFiniteDifferences(IVectorFunction f, double[] point)
    {
        T[] x = TestFunctions.Cast<T>(point);
        double[] at = TestFunctions.ToDouble(x);
        T[,] jacobian = Reverse.Jacobian(f, x);
        var differences = new NumericalJacobian(5, 2);

        for (int i = 0; i < jacobian.GetLength(0); i++)
        {
            int row = i;
            double[] expected = differences.Evaluate(p => TestFunctions.Evaluate(f, p)[row], at);
            for (int j = 0; j < x.Length; j++)
            {
                double.CreateChecked(jacobian[i, j]).ShouldBe(expected[j], Tolerance() * Math.Max(1, Math.Abs(expected[j])), $"J[{i}, {j}]");
            }
        }
    }

    [Test]
    public void Gradient_ChainedRosenbrock1000_EqualsClosedForm()
    {
        // SciPy's rosen_der: ∂/∂xⱼ = 200(xⱼ − xⱼ₋₁²) − 400xⱼ(xⱼ₊₁ − xⱼ²) − 2(1 − xⱼ), the terms present at the ends
        const int n = 1000;
        double[] point = [.. Enumerable.Range(0, n).Select(i => 0.5 + 0.9 * Math.Sin(i))];
        T[] x = TestFunctions.Cast<T>(point);
        double[] d = TestFunctions.ToDouble(x);

        T[] gradient = Reverse.Gradient(new TestFunctions.Rosenbrock(), x);

        for (int j = 0; j < n; j++)
        {
            double expected = (j > 0 ? 200 * (d[j] - d[j - 1] * d[j - 1]) : 0)
                + (j + 1 < n ? -400 * d[j] * (d[j + 1] - d[j] * d[j]) - 2 * (1 - d[j]) : 0);
            double.CreateChecked(gradient[j]).ShouldBe(expected, TestFunctions.Ulps<T>(256) * Math.Max(1, 400 * Math.Abs(d[j])), $"∂f/∂x{j}");
        }
    }

    private static double Tolerance() => typeof(T) == typeof(float) ? 1e-5 : 1e-8;

    private static TS Evaluate<TS>(Curve curve, TS x)
        where TS : IFloatingPointIeee754<TS> => curve switch
        {
            Curve.Cube => x * x * x,
            Curve.SinTimesExp => TS.Sin(x) * TS.Exp(x),
            Curve.PowSelf => TS.Pow(x, x),
            Curve.LogOverX => TS.Log(x) / x,
            Curve.Quotient => (x - TS.One) / (x * x + TS.One),
            _ => throw new ArgumentOutOfRangeException(nameof(curve)),
        };

    private static double Slope(Curve curve, double x) => curve switch
    {
        Curve.Cube => 3 * x * x,                                                  // d/dx x³ = 3x²
        Curve.SinTimesExp => (Math.Cos(x) + Math.Sin(x)) * Math.Exp(x),           // (sin x·eˣ)′ = (cos x + sin x)eˣ
        Curve.PowSelf => Math.Pow(x, x) * (Math.Log(x) + 1),                      // (xˣ)′ = xˣ(ln x + 1)
        Curve.LogOverX => (1 - Math.Log(x)) / (x * x),                            // (ln x/x)′ = (1 − ln x)/x²
        Curve.Quotient => (x * x + 1 - 2 * x * (x - 1)) / ((x * x + 1) * (x * x + 1)), // quotient rule
        _ => throw new ArgumentOutOfRangeException(nameof(curve)),
    };
}
