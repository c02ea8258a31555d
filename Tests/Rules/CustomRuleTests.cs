using System.Numerics;
using MathNet.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Rules;

/// <summary>Custom rules (<see cref="IScalarRule"/>, <see cref="IBinaryRule"/>) applied at every scalar type: exact at
/// every order in every nesting, in branches, in Jacobians, on many threads, without allocating.</summary>
[TestFixture]
public class CustomRuleTests
{
    private static readonly double s_twoOverSqrtPi = 2 / Math.Sqrt(Math.PI);

    /// <summary>MathNet's erf, a black box at double, with its derivative 2/√π·e^(−x²) written generically.</summary>
    public readonly struct MathNetErf : IScalarRule
    {
        public static double Value(double x) => SpecialFunctions.Erf(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => T.CreateChecked(s_twoOverSqrtPi) * T.Exp(-x * x);
    }

    /// <summary>A self-referential rule: f′ = f, so f = exp at every order.</summary>
    public readonly struct SelfExp : IScalarRule
    {
        public static double Value(double x) => Math.Exp(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<SelfExp, T>(x);
    }

    /// <summary>eˣ again, its derivative from its value (f′ = y): the one-argument derivative is never called.</summary>
    public readonly struct ExpFromValue : IScalarRule
    {
        public static bool DerivativeUsesValue => true;

        public static double Value(double x) => Math.Exp(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => throw new InvalidOperationException("not called when the derivative uses the value");

        public static T Derivative<T>(T x, T value)
            where T : IFloatingPointIeee754<T> => value;
    }

    private sealed class ExpFromValueOf : IUnary
    {
        public T Eval<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<ExpFromValue, T>(x);
    }

    [Test]
    public void DerivativeFromValue_FourthOrderEverywhere_IsExp()
    {
        // f = f′ = … = f⁗ = eˣ, each derivative from the value one level down
        double x = 0.75;
        double e = Math.Exp(x);
        var f = new ExpFromValueOf();
        Orders.First(f, x).ShouldAllBe(e, 1e-15, "f′");
        Orders.Second(f, x).ShouldAllBe(e, 1e-15, "f″");
        Orders.Third(f, x).ShouldAllBe(e, 1e-15, "f‴");
        Orders.Fourth(f, x).ShouldAllBe(e, 1e-15, "f⁗");
    }

    /// <summary>f(x, y) = x·eʸ: ∂ₓ = eʸ, ∂ᵧ = x·eʸ.</summary>
    public readonly struct XExpY : IBinaryRule
    {
        public static double Value(double x, double y) => x * Math.Exp(y);

        public static (T Dx, T Dy) Derivatives<T>(T x, T y)
            where T : IFloatingPointIeee754<T>
        {
            T e = T.Exp(y);
            return (e, x * e);
        }
    }

    /// <summary>erf wrongly differentiated by a factor 1.01, for the checkers.</summary>
    public readonly struct WrongErf : IScalarRule
    {
        public static double Value(double x) => SpecialFunctions.Erf(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => T.CreateChecked(1.01 * s_twoOverSqrtPi) * T.Exp(-x * x);
    }

    private sealed class ErfOf : IUnary
    {
        public T Eval<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<MathNetErf, T>(x);
    }

    private sealed class SelfExpOf : IUnary
    {
        public T Eval<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<SelfExp, T>(x);
    }

    /// <summary>f(x) = erf(x)·sin x: a rule mixed with built-in functions.</summary>
    private sealed class ErfTimesSin : IUnary
    {
        public T Eval<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<MathNetErf, T>(x) * T.Sin(x);
    }

    [TestCase(-1.3)]
    [TestCase(0.0)]
    [TestCase(0.7)]
    [TestCase(2.5)]
    public void MathNetErf_EveryModeAndNesting_MatchesClosedForms(double x)
    {
        double g = s_twoOverSqrtPi * Math.Exp(-x * x);
        var f = new ErfOf();
        Orders.First(f, x).ShouldAllBe(g, 1e-15, "erf′ = 2/√π·e^(−x²)");
        Orders.Second(f, x).ShouldAllBe(-2 * x * g, 1e-14, "erf″ = −2x·erf′");
        Orders.Third(f, x).ShouldAllBe((4 * x * x - 2) * g, 1e-13, "erf‴ = (4x² − 2)·erf′");
        Orders.Fourth(f, x).ShouldAllBe((12 * x - 8 * x * x * x) * g, 1e-13, "erf⁗ = (12x − 8x³)·erf′");
    }

    [TestCase(0.3)]
    public void MathNetErf_Value_IsTheBlackBoxValueAtEveryType(double x)
    {
        double erf = SpecialFunctions.Erf(x);
        Rule.Apply<MathNetErf, double>(x).ShouldBe(erf);
        Rule.Apply<MathNetErf, float>((float)x).ShouldBe((float)SpecialFunctions.Erf((float)x));
        Rule.Apply<MathNetErf, Dual<double>>(new Dual<double>(x, 1)).Value.ShouldBe(erf);
        Rule.Apply<MathNetErf, Dual<Dual<double>>>(new Dual<double>(x, 1)).Value.Value.ShouldBe(erf);
    }

    [TestCase(-2.0)]
    [TestCase(0.5)]
    public void SelfExp_FourthOrderEverywhere_IsExp(double x)
    {
        // f = f′ = f″ = f‴ = f⁗ = eˣ
        double e = Math.Exp(x);
        var f = new SelfExpOf();
        Orders.First(f, x).ShouldAllBe(e, 1e-15, "f′");
        Orders.Second(f, x).ShouldAllBe(e, 1e-15, "f″");
        Orders.Third(f, x).ShouldAllBe(e, 1e-15, "f‴");
        Orders.Fourth(f, x).ShouldAllBe(e, 1e-15, "f⁗");
    }

    [Test]
    public void RuleTimesBuiltIn_SecondOrder_MatchesProductRule()
    {
        // (erf·sin)″ = erf″·sin + 2·erf′·cos − erf·sin
        double x = 0.9;
        double g = s_twoOverSqrtPi * Math.Exp(-x * x);
        double expected = (-2 * x * g * Math.Sin(x)) + (2 * g * Math.Cos(x)) - (SpecialFunctions.Erf(x) * Math.Sin(x));
        Orders.Second(new ErfTimesSin(), x).ShouldAllBe(expected, 1e-14, "(erf·sin)″");
    }

    private sealed class XExpYFunction : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<XExpY, T>(x[0], x[1]);
    }

    [Test]
    public void BinaryRule_FullHessian_MatchesClosedForm()
    {
        // f = x·eʸ at (1.5, −0.4): H = [[0, eʸ], [eʸ, x·eʸ]]
        double[] p = [1.5, -0.4];
        double e = Math.Exp(p[1]);
        double[,] expected = { { 0, e }, { e, p[0] * e } };
        var f = new XExpYFunction();
        double[,] h = global::DualAutodiff.Hvp.Hessian(f, p);
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            for (int j = 0; j < 2; j++)
            {
                double[] column = global::DualAutodiff.Hvp.Compute(f, p, [j == 0 ? 1.0 : 0.0, j == 1 ? 1.0 : 0.0], method);
                for (int i = 0; i < 2; i++)
                {
                    column[i].ShouldBeClose(expected[i, j], 1e-15, $"{method} H[{i},{j}]");
                    h[i, j].ShouldBeClose(expected[i, j], 1e-15, $"Hessian H[{i},{j}]");
                }
            }
        }

        Reverse.Gradient(f, p).ShouldBe([e, p[0] * e]);
        Forward.Jvp(f, p, [1.0, 0.0]).Tangent.ShouldBe(e);
    }

    [Test]
    public void BinaryRule_MixedConstantAndVariable_DifferentiatesTheVariableOnly()
    {
        // d/dy (2·eʸ) at 0 = 2; d/dx (x·e⁰) = 1
        Reverse.Derivative<double>(y => Rule.Apply<XExpY, Var<double>>(2.0, y), 0.0).ShouldBe(2.0);
        Forward.Derivative<double>(x => Rule.Apply<XExpY, Dual<double>>(x, 0.0), 3.0).ShouldBe(1.0);
    }

    /// <summary>A vector function with rules inside branches: y₀ = erf(x₀)² if x₀ &lt; 0 else sin(erf(x₀)); y₁ = x₁·e^(x₀).</summary>
    private sealed class Branchy : IVectorFunction
    {
        public int OutputLength(int inputLength) => 2;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            T e = Rule.Apply<MathNetErf, T>(x[0]);
            y[0] = x[0] < T.Zero ? e * e : T.Sin(e);
            y[1] = Rule.Apply<XExpY, T>(x[1], x[0]);
        }
    }

    [TestCase(-0.6)]
    [TestCase(0.8)]
    public void RulesInBranches_Jacobian_ForwardAndReverseMatchClosedForm(double x0)
    {
        double x1 = 1.7;
        double g = s_twoOverSqrtPi * Math.Exp(-x0 * x0);
        double erf = SpecialFunctions.Erf(x0);
        double dy0 = x0 < 0 ? 2 * erf * g : Math.Cos(erf) * g;
        double[,] expected = { { dy0, 0 }, { x1 * Math.Exp(x0), Math.Exp(x0) } };
        double[,] forward = Forward.Jacobian(new Branchy(), [x0, x1]);
        double[,] reverse = Reverse.Jacobian(new Branchy(), [x0, x1]);
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                forward[i, j].ShouldBeClose(expected[i, j], 1e-15, $"forward J[{i},{j}]");
                reverse[i, j].ShouldBe(forward[i, j], $"reverse J[{i},{j}]");
            }
        }
    }

    private sealed class SumOfErfs : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            foreach (T xi in x)
            {
                sum += Rule.Apply<MathNetErf, T>(xi) * Rule.Apply<SelfExp, T>(xi);
            }

            return sum;
        }
    }

    [Test]
    public void Rules_EightThreads_BitIdenticalToOneThread()
    {
        var f = new SumOfErfs();
        double[][] points = [.. Enumerable.Range(0, 64).Select(k => Enumerable.Range(0, 20).Select(i => Math.Sin(k + i)).ToArray())];
        double[][] gradients = [.. points.Select(p => Reverse.Gradient(f, p))];
        double[][] hvps = [.. points.Select(p => global::DualAutodiff.Hvp.Compute(f, p, p))];
        var parallelGradients = new double[points.Length][];
        var parallelHvps = new double[points.Length][];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            parallelGradients[k] = Reverse.Gradient(f, points[k]);
            parallelHvps[k] = global::DualAutodiff.Hvp.Compute(f, points[k], points[k]);
        });
        for (int k = 0; k < points.Length; k++)
        {
            parallelGradients[k].ShouldBe(gradients[k]);
            parallelHvps[k].ShouldBe(hvps[k]);
        }
    }

    [Test]
    public void Rules_SteadyState_AllocateOnlyTheResult()
    {
        var f = new SumOfErfs();
        double[] x = [.. Enumerable.Range(0, 100).Select(i => Math.Cos(i))];
        // the result double[100]: 800 bytes of data plus 24 of header
        const long result = (100 * sizeof(double)) + 24;
        Allocated(() => Reverse.Gradient(f, x)).ShouldBeLessThanOrEqualTo(result + 64);
        Allocated(() => global::DualAutodiff.Hvp.Compute(f, x, x)).ShouldBeLessThanOrEqualTo(result + 64);
        Allocated(() => Forward.Jvp(f, x, x).Tangent).ShouldBe(0);
    }

    [Test]
    public void ExceptionInsideRuleDerivative_LibraryStaysUsable()
    {
        Should.Throw<InvalidOperationException>(() => Reverse.Derivative<double>(x => Rule.Apply<Throwing, Var<double>>(x), 1.0));
        Should.Throw<InvalidOperationException>(() => Forward.Derivative<double>(x => Rule.Apply<Throwing, Dual<double>>(x), 1.0));
        Reverse.Derivative<double>(x => Rule.Apply<SelfExp, Var<double>>(x), 0.0).ShouldBe(1.0);
        Tape<double>.Active.ShouldBeNull();
    }

    private readonly struct Throwing : IScalarRule
    {
        public static double Value(double x) => x;

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => throw new InvalidOperationException("the rule's derivative failed");
    }

    private static long Allocated<TResult>(Func<TResult> call)
    {
        for (int i = 0; i < 3; i++)
        {
            GC.KeepAlive(call());
        }

        long fewest = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            TResult r = call();
            long after = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(r);
            fewest = Math.Min(fewest, after - before);
        }

        return fewest;
    }
}
