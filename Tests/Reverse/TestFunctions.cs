using System.Numerics;

// The folder is Reverse/, but a namespace named Reverse would hide the class DualAutodiff.Reverse in these files.
namespace DualAutodiff.Tests.ReverseMode;

/// <summary>Rⁿ → Rᵐ functions written once over any scalar, mixing exp, log, trig, pow and division, so that
/// reverse mode, forward mode and plain <c>double</c> all run the same code.</summary>
internal static class TestFunctions
{
    /// <summary>The vector functions with a point inside their domain (n inputs).</summary>
    public static IEnumerable<(string Name, IVectorFunction F, double[] X)> Vector()
    {
        yield return ("ExpSinPow R3->R2", new ExpSinPow(), [0.3, -0.7, 1.1]);
        yield return ("Polar R2->R3", new Polar(), [0.6, -1.4]);
        yield return ("Softmax R4->R4", new Softmax(), [0.1, -0.5, 1.2, 0.4]);
        yield return ("TanhChain R5->R5", new TanhChain(), [0.2, 0.9, -0.3, 1.3, 0.5]);
        yield return ("LogSumExp R6->R1", new ScalarAsVector(new LogSumExpTrig()), [0.4, -0.2, 0.8, 1.1, -0.9, 0.3]);
    }

    /// <summary>The scalar functions with a point inside their domain.</summary>
    public static IEnumerable<(string Name, IScalarFunction F, double[] X)> Scalar()
    {
        yield return ("Rosenbrock n=4", new Rosenbrock(), [-1.2, 1.0, 0.7, -0.4]);
        yield return ("LogSumExpTrig n=6", new LogSumExpTrig(), [0.4, -0.2, 0.8, 1.1, -0.9, 0.3]);
        yield return ("Rational n=3", new Rational(), [0.7, 1.9, -0.6]);
    }

    /// <summary>A function written over <see cref="Var{T}"/> arrays, for the delegate overloads.</summary>
    public static Func<Var<T>[], Var<T>[]> Delegate<T>(IVectorFunction f, int n)
        where T : IFloatingPointIeee754<T> => x =>
        {
            var y = new Var<T>[f.OutputLength(n)];
            f.Evaluate<Var<T>>(x, y);
            return y;
        };

    /// <summary>f evaluated in plain <typeparamref name="T"/>.</summary>
    public static T[] Evaluate<T>(IVectorFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        var y = new T[f.OutputLength(x.Length)];
        f.Evaluate<T>(x, y);
        return y;
    }

    public static T[] Cast<T>(double[] x)
        where T : IFloatingPointIeee754<T> => [.. x.Select(T.CreateChecked)];

    public static double[] ToDouble<T>(T[] x)
        where T : IFloatingPointIeee754<T> => [.. x.Select(double.CreateChecked)];

    /// <summary>A relative tolerance of <paramref name="count"/> units of <typeparamref name="T"/>'s machine epsilon.</summary>
    public static double Ulps<T>(int count)
        where T : IFloatingPointIeee754<T> => count * double.CreateChecked(T.BitIncrement(T.One) - T.One);

    /// <summary>y₀ = eˣ⁰·sin x₁ + x₂/(1 + x₀²), y₁ = ln(1 + x₁²)·(x₂² + 1)^x₀ − cos(x₀x₂).</summary>
    public sealed class ExpSinPow : IVectorFunction
    {
        public int OutputLength(int inputLength) => 2;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            y[0] = T.Exp(x[0]) * T.Sin(x[1]) + x[2] / (T.One + x[0] * x[0]);
            y[1] = T.Log(T.One + x[1] * x[1]) * T.Pow(x[2] * x[2] + T.One, x[0]) - T.Cos(x[0] * x[2]);
        }
    }

    /// <summary>y = (hypot(x₀, x₁), atan2(x₁, x₀), x₀x₁/(x₀² + x₁² + 1)).</summary>
    public sealed class Polar : IVectorFunction
    {
        public int OutputLength(int inputLength) => 3;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            y[0] = T.Hypot(x[0], x[1]);
            y[1] = T.Atan2(x[1], x[0]);
            y[2] = x[0] * x[1] / (x[0] * x[0] + x[1] * x[1] + T.One);
        }
    }

    /// <summary>yᵢ = e^xᵢ / Σⱼ e^xⱼ: every output depends on every input.</summary>
    public sealed class Softmax : IVectorFunction
    {
        public int OutputLength(int inputLength) => inputLength;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = T.Exp(x[i]);
                sum += y[i];
            }

            for (int i = 0; i < x.Length; i++)
            {
                y[i] /= sum;
            }
        }
    }

    /// <summary>yᵢ = tanh(xᵢ)·√(1 + xᵢ₊₁²) for i &lt; n − 1, and yₙ₋₁ = xₙ₋₁³ + sinh(x₀)/cosh(xₙ₋₁).</summary>
    public sealed class TanhChain : IVectorFunction
    {
        public int OutputLength(int inputLength) => inputLength;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            int n = x.Length;
            for (int i = 0; i + 1 < n; i++)
            {
                y[i] = T.Tanh(x[i]) * T.Sqrt(T.One + x[i + 1] * x[i + 1]);
            }

            y[n - 1] = T.Pow(x[n - 1], T.CreateChecked(3)) + T.Sinh(x[0]) / T.Cosh(x[n - 1]);
        }
    }

    /// <summary>A scalar function seen as a vector function with one output.</summary>
    public sealed class ScalarAsVector(IScalarFunction f) : IVectorFunction
    {
        public int OutputLength(int inputLength) => 1;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T> => y[0] = f.Evaluate(x);
    }

    /// <summary>Chained Rosenbrock (SciPy's rosen): Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².</summary>
    public sealed class Rosenbrock : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
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
    }

    /// <summary>ln Σ e^xᵢ + Σ sin(xᵢ)·xᵢ₊₁/(1 + xᵢ²) + (|x₀| + 1)^x₁.</summary>
    public sealed class LogSumExpTrig : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            T coupling = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                sum += T.Exp(x[i]);
                if (i + 1 < x.Length)
                {
                    coupling += T.Sin(x[i]) * x[i + 1] / (T.One + x[i] * x[i]);
                }
            }

            return T.Log(sum) + coupling + T.Pow(T.Abs(x[0]) + T.One, x[1 % x.Length]);
        }
    }

    /// <summary>(x₀x₁ − x₂)/(1 + x₁²) + atan(x₀/x₁) + √(x₀² + x₂² + 1)·cos x₁.</summary>
    public sealed class Rational : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> =>
            (x[0] * x[1] - x[2]) / (T.One + x[1] * x[1]) + T.Atan(x[0] / x[1]) + T.Sqrt(x[0] * x[0] + x[2] * x[2] + T.One) * T.Cos(x[1]);
    }
}
