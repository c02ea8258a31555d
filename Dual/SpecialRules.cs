using System.Numerics;

namespace DualAutodiff;

public static partial class Special
{
    // The rules: each value from SpecialMath at double, each derivative once, generically (so rules nest).

    private readonly struct ErfRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Erf(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Constants<T>.TwoOverSqrtPi * T.Exp(-(x * x));
    }

    private readonly struct ErfcRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Erfc(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => -(Constants<T>.TwoOverSqrtPi * T.Exp(-(x * x)));
    }

    private readonly struct ErfInvRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.ErfInv(x);

        public static bool DerivativeUsesValue => true;

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Derivative(x, Rule.Apply<ErfInvRule, T>(x));

        public static T Derivative<T>(T x, T value)
            where T : IFloatingPointIeee754<T> => Constants<T>.SqrtPiOverTwo * T.Exp(value * value);
    }

    private readonly struct NormalCdfRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.NormalCdf(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Constants<T>.OneOverSqrtTwoPi * T.Exp(-(x * x) * Constants<T>.Half);
    }

    private readonly struct InverseNormalCdfRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.InverseNormalCdf(x);

        public static bool DerivativeUsesValue => true;

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Derivative(x, Rule.Apply<InverseNormalCdfRule, T>(x));

        public static T Derivative<T>(T x, T value)
            where T : IFloatingPointIeee754<T> => Constants<T>.SqrtTwoPi * T.Exp(value * value * Constants<T>.Half);
    }

    private readonly struct LogGammaRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.LogGamma(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<DigammaRule, T>(x);
    }

    private readonly struct GammaRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Gamma(x);

        public static bool DerivativeUsesValue => true;

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Derivative(x, Rule.Apply<GammaRule, T>(x));

        public static T Derivative<T>(T x, T value)
            where T : IFloatingPointIeee754<T> => value * Rule.Apply<DigammaRule, T>(x);
    }

    private readonly struct DigammaRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Digamma(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<TrigammaRule, T>(x);
    }

    private readonly struct TrigammaRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Trigamma(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<PolygammaRule<Order2>, T>(x);
    }

    /// <summary>ψ⁽ⁿ⁾ for n = TOrder.N ≥ 2: derivative ψ⁽ⁿ⁺¹⁾, one type level further.</summary>
    private readonly struct PolygammaRule<TOrder> : IScalarRule
        where TOrder : IOrder
    {
        public static double Value(double x) => SpecialMath.Polygamma(TOrder.N, x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<PolygammaRule<Next<TOrder>>, T>(x);
    }

    /// <summary>A derivative order as a type, so each polygamma order is its own rule.</summary>
    private interface IOrder
    {
        static abstract int N { get; }
    }

    private readonly struct Order2 : IOrder
    {
        public static int N => 2;
    }

    private readonly struct Next<TOrder> : IOrder
        where TOrder : IOrder
    {
        public static int N => TOrder.N + 1;
    }

    private readonly struct LogBetaRule : IBinaryRule
    {
        public static double Value(double x, double y) => SpecialMath.LogBeta(x, y);

        public static (T Dx, T Dy) Derivatives<T>(T x, T y)
            where T : IFloatingPointIeee754<T> => (DigammaDifference(x, y), DigammaDifference(y, x));

        /// <summary>ψ(a) − ψ(a + b). For a ≥ 100 and b > 0 the two digammas agree in their leading digits (ψ(a) ≈ ln a,
        /// the difference ≈ −b/a), so their difference would keep only the digits the cancellation leaves, and its
        /// derivatives (trigamma differences, in every nested mode) fewer still. There the asymptotic series
        /// ψ(z) = ln z − 1/(2z) − 1/(12z²) + 1/(120z⁴) − 1/(252z⁶) + … is differenced term by term without
        /// cancellation: ln(a/s) = −ln(1 + b/a), and 1/a²ᵏ − 1/s²ᵏ from 1/a − 1/s = b/(a·s). The first omitted term
        /// is below 1/(30a⁸) of the result, under 10⁻¹⁷ at a = 100.</summary>
        private static T DigammaDifference<T>(T a, T b)
            where T : IFloatingPointIeee754<T>
        {
            T s = a + b;
            if (!(a >= T.CreateChecked(100) && b > T.Zero))
            {
                return Rule.Apply<DigammaRule, T>(a) - Rule.Apply<DigammaRule, T>(s);
            }

            T ia = T.One / a;
            T @is = T.One / s;
            T d1 = b / (a * s);
            T d2 = d1 * (ia + @is);
            T ia2 = ia * ia;
            T is2 = @is * @is;
            T d4 = d2 * (ia2 + is2);
            T d6 = d2 * ((ia2 * ia2) + (ia2 * is2) + (is2 * is2));
            T half = T.CreateChecked(0.5);
            return -Rule.Apply<Log1pRule, T>(b / a) - (half * d1) - (d2 / T.CreateChecked(12)) + (d4 / T.CreateChecked(120)) - (d6 / T.CreateChecked(252));
        }
    }

    private readonly struct SigmoidRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Sigmoid(x);

        public static bool DerivativeUsesValue => true;

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Derivative(x, Rule.Apply<SigmoidRule, T>(x));

        // σ(x)·σ(−x) rather than σ(1 − σ): 1 − σ(x) is 0 in floating point for x > 37, σ(−x) keeps the tail.
        public static T Derivative<T>(T x, T value)
            where T : IFloatingPointIeee754<T> => value * Rule.Apply<SigmoidRule, T>(-x);
    }

    private readonly struct LogitRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Logit(x);

        public static T Derivative<T>(T p)
            where T : IFloatingPointIeee754<T> => T.One / (p * (T.One - p));
    }

    /// <summary>ln(1 + x) to full precision for small x (<c>T.LogP1</c> may round 1 + x first); its derivative is the
    /// rule table's <see cref="Rules{T}.LogP1"/>.</summary>
    private readonly struct Log1pRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Log1p(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Rules<T>.LogP1(x).Derivative;
    }

    private readonly struct SoftplusRule : IScalarRule
    {
        public static double Value(double x) => SpecialMath.Softplus(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => Rule.Apply<SigmoidRule, T>(x);
    }

    private readonly struct XlogyRule : IBinaryRule
    {
        public static double Value(double x, double y) => SpecialMath.Xlogy(x, y);

        public static (T Dx, T Dy) Derivatives<T>(T x, T y)
            where T : IFloatingPointIeee754<T> => (T.Log(y), T.IsZero(x) && T.IsZero(y) ? T.Zero : x / y);
    }

    private readonly struct LogSumExpRule : ISpanRule
    {
        public static double Value(ReadOnlySpan<double> x) => SpecialMath.LogSumExp(x);

        /// <summary>softmax: e^(xᵢ − m)/Σⱼ e^(xⱼ − m) with m the largest xᵢ (more accurate than e^(xᵢ − value), whose
        /// value is rounded at its own magnitude); at an infinite value, the limit along equal arguments.</summary>
        public static void Gradient<T>(ReadOnlySpan<T> x, T value, Span<T> gradient)
            where T : IFloatingPointIeee754<T>
        {
            if (x.IsEmpty)
            {
                return;
            }

            if (T.IsInfinity(value))
            {
                int count = 0;
                foreach (T xi in x)
                {
                    count += xi == value ? 1 : 0;
                }

                T share = T.One / T.CreateChecked(count);
                for (int i = 0; i < x.Length; i++)
                {
                    gradient[i] = x[i] == value ? share : T.Zero;
                }

                return;
            }

            T max = x[0];
            foreach (T xi in x)
            {
                max = xi > max ? xi : max;
            }

            T sum = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                gradient[i] = T.Exp(x[i] - max);
                sum += gradient[i];
            }

            for (int i = 0; i < x.Length; i++)
            {
                gradient[i] /= sum;
            }
        }
    }

    /// <summary>The constants of the rules, once per scalar type.</summary>
    private static class Constants<T>
        where T : IFloatingPointIeee754<T>
    {
        public static readonly T Half = T.CreateChecked(0.5);
        public static readonly T TwoOverSqrtPi = T.CreateChecked(1.1283791670955126);      // 2/√π
        public static readonly T SqrtPiOverTwo = T.CreateChecked(0.88622692545275801);     // √π/2
        public static readonly T OneOverSqrtTwoPi = T.CreateChecked(0.3989422804014327);   // 1/√(2π)
        public static readonly T SqrtTwoPi = T.CreateChecked(2.5066282746310002);          // √(2π)
    }
}
