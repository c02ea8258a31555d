using System.Numerics;
using MathNet.Numerics;

namespace DualAutodiff.Tests.Consistency;

/// <summary>Every elementary function of <see cref="Dual{T}"/> and <see cref="Var{T}"/>, as one generic call.</summary>
public enum Op
{
    Add, Subtract, Multiply, Divide, Remainder, Negate, Plus, Increment, Decrement,
    Ieee754Remainder, FusedMultiplyAdd, MultiplyAddEstimate, Lerp, ScaleB, BitIncrement, BitDecrement,
    Abs, CopySign, Max, Min, MaxMagnitude, MinMagnitude, MaxMagnitudeNumber, MinMagnitudeNumber,
    MaxNumber, MinNumber, MaxNative, MinNative, ClampNative, Clamp, Floor, Ceiling, Round, RoundDigits, RoundMode, Truncate,
    Exp, ExpM1, Exp2, Exp2M1, Exp10, Exp10M1,
    Log, LogP1, Log2, Log2P1, Log10, Log10P1, LogBase,
    Pow, PowCube, PowConstantExponent, PowConstantBase, Sqrt, Cbrt, RootN3, RootN4, Hypot,
    ReciprocalEstimate, ReciprocalSqrtEstimate,
    Sin, Cos, Tan, SinPi, CosPi, TanPi, SinCosSin, SinCosCos, SinCosPiSin, SinCosPiCos,
    Asin, Acos, Atan, AsinPi, AcosPi, AtanPi, Atan2, Atan2Pi, DegreesToRadians, RadiansToDegrees,
    Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,

    // Special functions (Special), custom rules through Rule.Apply.
    Erf, Erfc, ErfInv, NormalCdf, InverseNormalCdf, LogGamma, Gamma, Digamma, Trigamma, LogBeta,
    Sigmoid, Logit, Softplus, Xlogy, LogSumExp,
}

/// <summary>One elementary function at one point, with its analytic partial derivatives.</summary>
/// <param name="Op">The function.</param>
/// <param name="Point">The arguments; their count is the arity.</param>
/// <param name="Partials">The analytic gradient at a point, in double.</param>
/// <param name="Smooth">False at a kink, a domain edge or next to one, where finite differences mean nothing.</param>
public sealed record RuleCase(Op Op, double[] Point, Func<double[], double[]> Partials, bool Smooth)
{
    /// <summary>The test name, e.g. <c>Sin(0.5)</c>.</summary>
    public override string ToString() => $"{Op}({string.Join(", ", Point.Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))})";
}

/// <summary>The generic calls and the table of cases, shared by the forward, reverse and nesting tests.</summary>
public static class RuleTable
{
    private const double Ln2 = 0.69314718055994530942;
    private const double Ln10 = 2.30258509299404568402;
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double SqrtPiOverTwo = 0.88622692545275801;
    private const double SqrtTwoPi = 2.5066282746310002;

    private static double Square(double x) => x * x;

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double[] SoftMax(double[] x)
    {
        double max = x.Max();
        double sum = x.Sum(xi => Math.Exp(xi - max));
        return [.. x.Select(xi => Math.Exp(xi - max) / sum)];
    }

    /// <summary>Calls <paramref name="op"/> through <see cref="IFloatingPointIeee754{TSelf}"/>, as user code does.</summary>
    public static T Apply<T>(Op op, ReadOnlySpan<T> a)
        where T : IFloatingPointIeee754<T> => op switch
        {
            Op.Add => a[0] + a[1],
            Op.Subtract => a[0] - a[1],
            Op.Multiply => a[0] * a[1],
            Op.Divide => a[0] / a[1],
            Op.Remainder => a[0] % a[1],
            Op.Negate => -a[0],
            Op.Plus => +a[0],
            Op.Increment => Increment(a[0]),
            Op.Decrement => Decrement(a[0]),
            Op.Ieee754Remainder => T.Ieee754Remainder(a[0], a[1]),
            Op.FusedMultiplyAdd => T.FusedMultiplyAdd(a[0], a[1], a[2]),
            Op.MultiplyAddEstimate => T.MultiplyAddEstimate(a[0], a[1], a[2]),
            Op.Lerp => T.Lerp(a[0], a[1], a[2]),
            Op.ScaleB => T.ScaleB(a[0], 3),
            Op.BitIncrement => T.BitIncrement(a[0]),
            Op.BitDecrement => T.BitDecrement(a[0]),
            Op.Abs => T.Abs(a[0]),
            Op.CopySign => T.CopySign(a[0], a[1]),
            Op.Max => T.Max(a[0], a[1]),
            Op.Min => T.Min(a[0], a[1]),
            Op.MaxMagnitude => T.MaxMagnitude(a[0], a[1]),
            Op.MinMagnitude => T.MinMagnitude(a[0], a[1]),
            Op.MaxMagnitudeNumber => T.MaxMagnitudeNumber(a[0], a[1]),
            Op.MinMagnitudeNumber => T.MinMagnitudeNumber(a[0], a[1]),
            Op.MaxNumber => T.MaxNumber(a[0], a[1]),
            Op.MinNumber => T.MinNumber(a[0], a[1]),
            Op.MaxNative => T.MaxNative(a[0], a[1]),
            Op.MinNative => T.MinNative(a[0], a[1]),
            Op.ClampNative => T.ClampNative(a[0], a[1], a[2]),
            Op.Clamp => T.Clamp(a[0], a[1], a[2]),
            Op.Floor => T.Floor(a[0]),
            Op.Ceiling => T.Ceiling(a[0]),
            Op.Round => T.Round(a[0]),
            Op.RoundDigits => T.Round(a[0], 1),
            Op.RoundMode => T.Round(a[0], MidpointRounding.AwayFromZero),
            Op.Truncate => T.Truncate(a[0]),
            Op.Exp => T.Exp(a[0]),
            Op.ExpM1 => T.ExpM1(a[0]),
            Op.Exp2 => T.Exp2(a[0]),
            Op.Exp2M1 => T.Exp2M1(a[0]),
            Op.Exp10 => T.Exp10(a[0]),
            Op.Exp10M1 => T.Exp10M1(a[0]),
            Op.Log => T.Log(a[0]),
            Op.LogP1 => T.LogP1(a[0]),
            Op.Log2 => T.Log2(a[0]),
            Op.Log2P1 => T.Log2P1(a[0]),
            Op.Log10 => T.Log10(a[0]),
            Op.Log10P1 => T.Log10P1(a[0]),
            Op.LogBase => T.Log(a[0], a[1]),
            Op.Pow => T.Pow(a[0], a[1]),
            Op.PowCube => T.Pow(a[0], T.CreateChecked(3)),
            Op.PowConstantExponent => T.Pow(a[0], T.CreateChecked(2.5)),
            Op.PowConstantBase => T.Pow(T.CreateChecked(3), a[0]),
            Op.Sqrt => T.Sqrt(a[0]),
            Op.Cbrt => T.Cbrt(a[0]),
            Op.RootN3 => T.RootN(a[0], 3),
            Op.RootN4 => T.RootN(a[0], 4),
            Op.Hypot => T.Hypot(a[0], a[1]),
            Op.ReciprocalEstimate => T.ReciprocalEstimate(a[0]),
            Op.ReciprocalSqrtEstimate => T.ReciprocalSqrtEstimate(a[0]),
            Op.Sin => T.Sin(a[0]),
            Op.Cos => T.Cos(a[0]),
            Op.Tan => T.Tan(a[0]),
            Op.SinPi => T.SinPi(a[0]),
            Op.CosPi => T.CosPi(a[0]),
            Op.TanPi => T.TanPi(a[0]),
            Op.SinCosSin => T.SinCos(a[0]).Sin,
            Op.SinCosCos => T.SinCos(a[0]).Cos,
            Op.SinCosPiSin => T.SinCosPi(a[0]).SinPi,
            Op.SinCosPiCos => T.SinCosPi(a[0]).CosPi,
            Op.Asin => T.Asin(a[0]),
            Op.Acos => T.Acos(a[0]),
            Op.Atan => T.Atan(a[0]),
            Op.AsinPi => T.AsinPi(a[0]),
            Op.AcosPi => T.AcosPi(a[0]),
            Op.AtanPi => T.AtanPi(a[0]),
            Op.Atan2 => T.Atan2(a[0], a[1]),
            Op.Atan2Pi => T.Atan2Pi(a[0], a[1]),
            Op.DegreesToRadians => T.DegreesToRadians(a[0]),
            Op.RadiansToDegrees => T.RadiansToDegrees(a[0]),
            Op.Sinh => T.Sinh(a[0]),
            Op.Cosh => T.Cosh(a[0]),
            Op.Tanh => T.Tanh(a[0]),
            Op.Asinh => T.Asinh(a[0]),
            Op.Acosh => T.Acosh(a[0]),
            Op.Atanh => T.Atanh(a[0]),
            Op.Erf => Special.Erf(a[0]),
            Op.Erfc => Special.Erfc(a[0]),
            Op.ErfInv => Special.ErfInv(a[0]),
            Op.NormalCdf => Special.NormalCdf(a[0]),
            Op.InverseNormalCdf => Special.InverseNormalCdf(a[0]),
            Op.LogGamma => Special.LogGamma(a[0]),
            Op.Gamma => Special.Gamma(a[0]),
            Op.Digamma => Special.Digamma(a[0]),
            Op.Trigamma => Special.Trigamma(a[0]),
            Op.LogBeta => Special.LogBeta(a[0], a[1]),
            Op.Sigmoid => Special.Sigmoid(a[0]),
            Op.Logit => Special.Logit(a[0]),
            Op.Softplus => Special.Softplus(a[0]),
            Op.Xlogy => Special.Xlogy(a[0], a[1]),
            Op.LogSumExp => Special.LogSumExp(a),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "No generic call for this op."),
        };

    /// <summary>Every case: each function at several points, domain edges included.</summary>
    public static IEnumerable<RuleCase> Cases()
    {
        // Arithmetic. Points are exact in float too, so both fixtures differentiate at the same x.
        foreach (RuleCase c in Multi(Op.Add, x => [1, 1], [1.5, -2], [0, 3])) yield return c;                      // ∂(x+y) = (1, 1)
        foreach (RuleCase c in Multi(Op.Subtract, x => [1, -1], [1.5, -2], [0, 3])) yield return c;                // ∂(x−y) = (1, −1)
        foreach (RuleCase c in Multi(Op.Multiply, x => [x[1], x[0]], [1.5, -2], [0, 3])) yield return c;          // ∂(xy) = (y, x)
        foreach (RuleCase c in Multi(Op.Divide, x => [1 / x[1], -x[0] / (x[1] * x[1])], [1.5, -2], [0, 0.5], [-3, 0.25])) yield return c; // ∂(x/y) = (1/y, −x/y²)
        foreach (RuleCase c in Multi(Op.Remainder, x => [1, -Math.Truncate(x[0] / x[1])], [7.5, 2], [-7.5, 2], [5.25, -1.5])) yield return c; // x%y = x − y·trunc(x/y)
        foreach (RuleCase c in Multi(Op.Ieee754Remainder, x => [1, -Math.Round(x[0] / x[1], MidpointRounding.ToEven)], [7.5, 2], [5.25, 2], [-5.5, 1.5])) yield return c;  // x − y·n, n = x/y to even: 4, 3, −4
        foreach (RuleCase c in Unary(Op.Negate, x => -1, -1.5, 0, 2)) yield return c;                               // d(−x) = −1
        foreach (RuleCase c in Unary(Op.Plus, x => 1, -1.5, 2)) yield return c;                                      // d(+x) = 1
        foreach (RuleCase c in Unary(Op.Increment, x => 1, -1.5, 2)) yield return c;                                 // d(x+1) = 1
        foreach (RuleCase c in Unary(Op.Decrement, x => 1, -1.5, 2)) yield return c;                                 // d(x−1) = 1
        foreach (RuleCase c in Multi(Op.FusedMultiplyAdd, x => [x[1], x[0], 1], [1.5, -2, 0.25], [0, 3, -1])) yield return c; // ∂(ab+c) = (b, a, 1)
        foreach (RuleCase c in Multi(Op.MultiplyAddEstimate, x => [x[1], x[0], 1], [1.5, -2, 0.25])) yield return c;           // ∂(ab+c) = (b, a, 1)
        foreach (RuleCase c in Multi(Op.Lerp, x => [1 - x[2], x[2], x[1] - x[0]], [1.5, -2, 0.25], [0, 3, 1.5])) yield return c; // ∂(a + (b−a)t) = (1−t, t, b−a)
        foreach (RuleCase c in Unary(Op.ScaleB, x => 8, -1.5, 0, 2)) yield return c;                                // d(x·2³) = 8
        foreach (RuleCase c in Unary(Op.BitIncrement, x => 1, -1.5, 2)) yield return c;                              // identity up to an ulp
        foreach (RuleCase c in Unary(Op.BitDecrement, x => 1, -1.5, 2)) yield return c;                              // identity up to an ulp

        // Kinks and selections: the branch taken; ties go to the first argument.
        foreach (RuleCase c in Unary(Op.Abs, x => Math.Sign(x), -1.5, 2)) yield return c;                          // d|x| = sign x
        foreach (RuleCase c in Edge(Op.Abs, x => 1, 0, -0.0)) yield return c;                                        // convention: +1 at ±0
        foreach (RuleCase c in Multi(Op.CopySign, x => [Math.Sign(x[0]) == Math.Sign(x[1]) ? 1 : -1, 0], [1.5, -2], [-1.5, -2], [1.5, 2])) yield return c; // ±1, sign input inactive
        foreach (RuleCase c in Multi(Op.Max, x => x[0] >= x[1] ? [1, 0] : [0, 1], [1, 2], [3, 2])) yield return c; // the larger argument's
        foreach (RuleCase c in Multi(Op.Min, x => x[0] <= x[1] ? [1, 0] : [0, 1], [1, 2], [3, 2])) yield return c; // the smaller argument's
        foreach (RuleCase c in Multi(Op.MaxMagnitude, x => Math.Abs(x[0]) >= Math.Abs(x[1]) ? [1, 0] : [0, 1], [-3, 2], [1, -2])) yield return c;  // the larger magnitude's
        foreach (RuleCase c in Multi(Op.MinMagnitude, x => Math.Abs(x[0]) <= Math.Abs(x[1]) ? [1, 0] : [0, 1], [-3, 2], [1, -2])) yield return c;  // the smaller magnitude's
        foreach (RuleCase c in Multi(Op.MaxMagnitudeNumber, x => Math.Abs(x[0]) >= Math.Abs(x[1]) ? [1, 0] : [0, 1], [-3, 2], [1, -2])) yield return c;  // as MaxMagnitude for numbers
        foreach (RuleCase c in Multi(Op.MinMagnitudeNumber, x => Math.Abs(x[0]) <= Math.Abs(x[1]) ? [1, 0] : [0, 1], [-3, 2], [1, -2])) yield return c;  // as MinMagnitude for numbers
        foreach (RuleCase c in Multi(Op.MaxNumber, x => x[0] >= x[1] ? [1, 0] : [0, 1], [1, 2], [3, 2])) yield return c;  // as Max for numbers
        foreach (RuleCase c in Multi(Op.MinNumber, x => x[0] <= x[1] ? [1, 0] : [0, 1], [1, 2], [3, 2])) yield return c;  // as Min for numbers
        foreach (RuleCase c in Multi(Op.MaxNative, x => x[0] >= x[1] ? [1, 0] : [0, 1], [1, 2], [3, 2])) yield return c;    // as Max
        foreach (RuleCase c in Multi(Op.MinNative, x => x[0] <= x[1] ? [1, 0] : [0, 1], [1, 2], [3, 2])) yield return c;    // as Min
        foreach (RuleCase c in Multi(Op.ClampNative, x => x[0] < x[1] ? [0, 1, 0] : x[0] > x[2] ? [0, 0, 1] : [1, 0, 0], [0.5, 0, 1], [-1, 0, 1], [2, 0, 1])) yield return c; // as Clamp
        foreach (RuleCase c in EdgeN(Op.Max, x => [1, 0], [2, 2])) yield return c;                                   // tie: the first argument
        foreach (RuleCase c in EdgeN(Op.Min, x => [1, 0], [2, 2])) yield return c;                                   // tie: the first argument
        foreach (RuleCase c in EdgeN(Op.MaxMagnitude, x => [0, 1], [-2, 2])) yield return c;                         // |−2| = |2|: the BCL returns y = 2, so y's
        foreach (RuleCase c in Multi(Op.Clamp, x => [1, 0, 0], [0.5, 0, 1])) yield return c;                      // inside: the value's
        foreach (RuleCase c in Multi(Op.Clamp, x => [0, 1, 0], [-1, 0, 1])) yield return c;                       // below: the lower bound's
        foreach (RuleCase c in Multi(Op.Clamp, x => [0, 0, 1], [2, 0, 1])) yield return c;                        // above: the upper bound's
        foreach (RuleCase c in EdgeN(Op.Clamp, x => [1, 0, 0], [1, 0, 1], [0, 0, 1])) yield return c;               // at a bound: the value's
        foreach (RuleCase c in Unary(Op.Floor, x => 0, -1.25, 2.5)) yield return c;                                  // piecewise constant
        foreach (RuleCase c in Unary(Op.Ceiling, x => 0, -1.25, 2.5)) yield return c;  // piecewise constant
        foreach (RuleCase c in Unary(Op.Round, x => 0, -1.25, 2.75)) yield return c;  // piecewise constant
        foreach (RuleCase c in Unary(Op.RoundDigits, x => 0, -1.125, 2.375)) yield return c;  // piecewise constant
        foreach (RuleCase c in Unary(Op.RoundMode, x => 0, -1.25, 2.75)) yield return c;  // piecewise constant
        foreach (RuleCase c in Unary(Op.Truncate, x => 0, -1.25, 2.5)) yield return c;  // piecewise constant

        // Exponentials.
        foreach (RuleCase c in Unary(Op.Exp, Math.Exp, -1, 0, 2)) yield return c;                                   // d eˣ = eˣ
        foreach (RuleCase c in Unary(Op.ExpM1, Math.Exp, -1, 0, 0.5)) yield return c;                               // d(eˣ−1) = eˣ
        foreach (RuleCase c in Unary(Op.Exp2, x => Math.Pow(2, x) * Ln2, -1, 0, 2.5)) yield return c;               // d 2ˣ = 2ˣ ln 2
        foreach (RuleCase c in Unary(Op.Exp2M1, x => Math.Pow(2, x) * Ln2, -1, 0, 2.5)) yield return c;  // d(2ˣ−1) = 2ˣ ln 2
        foreach (RuleCase c in Unary(Op.Exp10, x => Math.Pow(10, x) * Ln10, -1, 0, 0.5)) yield return c;            // d 10ˣ = 10ˣ ln 10
        foreach (RuleCase c in Unary(Op.Exp10M1, x => Math.Pow(10, x) * Ln10, -1, 0, 0.5)) yield return c;  // d(10ˣ−1) = 10ˣ ln 10

        // Logarithms, with the edge where the slope is +∞.
        foreach (RuleCase c in Unary(Op.Log, x => 1 / x, 0.5, 3)) yield return c;                                   // d ln x = 1/x
        foreach (RuleCase c in Edge(Op.Log, x => 1 / x, 0, 1e-30)) yield return c;                                   // +∞ at 0; 1e30 next to it
        foreach (RuleCase c in Unary(Op.LogP1, x => 1 / (1 + x), -0.5, 0, 2)) yield return c;                        // d ln(1+x) = 1/(1+x)
        foreach (RuleCase c in Edge(Op.LogP1, x => 1 / (1 + x), -1)) yield return c;  // +∞ at −1
        foreach (RuleCase c in Unary(Op.Log2, x => 1 / (x * Ln2), 0.5, 3)) yield return c;                          // d log₂x = 1/(x ln 2)
        foreach (RuleCase c in Edge(Op.Log2, x => 1 / (x * Ln2), 0)) yield return c;  // +∞ at 0
        foreach (RuleCase c in Unary(Op.Log2P1, x => 1 / ((1 + x) * Ln2), -0.5, 2)) yield return c;  // d log₂(1+x) = 1/((1+x) ln 2)
        foreach (RuleCase c in Unary(Op.Log10, x => 1 / (x * Ln10), 0.5, 3)) yield return c;                        // d log₁₀x = 1/(x ln 10)
        foreach (RuleCase c in Edge(Op.Log10, x => 1 / (x * Ln10), 0)) yield return c;  // +∞ at 0
        foreach (RuleCase c in Unary(Op.Log10P1, x => 1 / ((1 + x) * Ln10), -0.5, 2)) yield return c;  // d log₁₀(1+x) = 1/((1+x) ln 10)
        foreach (RuleCase c in Multi(Op.LogBase, x => [1 / (x[0] * Math.Log(x[1])), -Math.Log(x[0]) / (x[1] * Math.Log(x[1]) * Math.Log(x[1]))], [8, 2], [0.5, 10])) yield return c; // log_b x = ln x / ln b

        // Powers and roots.
        foreach (RuleCase c in Multi(Op.Pow, x => [x[1] * Math.Pow(x[0], x[1] - 1), Math.Pow(x[0], x[1]) * Math.Log(x[0])], [1.5, 2.5], [2, -1], [0.5, 3])) yield return c; // ∂xʸ = (y xʸ⁻¹, xʸ ln x)
        foreach (RuleCase c in Unary(Op.PowCube, x => 3 * x * x, -2, 1.5)) yield return c;                          // d x³ = 3x², a negative base too
        foreach (RuleCase c in Edge(Op.PowCube, x => 3 * x * x, 0)) yield return c;                                  // 0 at 0
        foreach (RuleCase c in Unary(Op.PowConstantExponent, x => 2.5 * Math.Pow(x, 1.5), 0.25, 1.5)) yield return c; // d x^2.5 = 2.5 x^1.5
        foreach (RuleCase c in Edge(Op.PowConstantExponent, x => 0, 0)) yield return c;                              // 0 at 0
        foreach (RuleCase c in Unary(Op.PowConstantBase, x => Math.Pow(3, x) * Math.Log(3), -1, 0.5)) yield return c; // d 3ˣ = 3ˣ ln 3
        foreach (RuleCase c in Unary(Op.Sqrt, x => 1 / (2 * Math.Sqrt(x)), 0.25, 4)) yield return c;                // d√x = 1/(2√x)
        foreach (RuleCase c in Edge(Op.Sqrt, x => 1 / (2 * Math.Sqrt(x)), 0, 1e-30)) yield return c;                // +∞ at 0; 5e14 next to it
        foreach (RuleCase c in Unary(Op.Cbrt, x => 1 / (3 * Math.Cbrt(x) * Math.Cbrt(x)), -8, 27)) yield return c;  // d∛x = 1/(3∛x²): 1/12, 1/27
        foreach (RuleCase c in Edge(Op.Cbrt, x => double.PositiveInfinity, 0)) yield return c;  // +∞ at 0
        foreach (RuleCase c in Unary(Op.RootN3, x => 1 / (3 * Math.Cbrt(x) * Math.Cbrt(x)), -8, 27)) yield return c; // same as cbrt
        foreach (RuleCase c in Unary(Op.RootN4, x => 1 / (4 * Math.Pow(x, 0.75)), 16, 0.5)) yield return c;         // d x^(1/4) = 1/(4 x^(3/4)): 1/32 at 16
        foreach (RuleCase c in Edge(Op.RootN4, x => double.PositiveInfinity, 0)) yield return c;  // +∞ at 0
        foreach (RuleCase c in Multi(Op.Hypot, x => [x[0] / Math.Sqrt(x[0] * x[0] + x[1] * x[1]), x[1] / Math.Sqrt(x[0] * x[0] + x[1] * x[1])], [3, 4], [-1, 2])) yield return c; // ∂h = (x/h, y/h): (0.6, 0.8)
        foreach (RuleCase c in EdgeN(Op.Hypot, x => [0, 0], [0, 0])) yield return c;                                  // origin: minimum-norm subgradient
        // The estimates are differentiated as the exact functions; their values may be hardware estimates with
        // ~12-bit steps, which finite differences would see, so they count as non-smooth here.
        foreach (RuleCase c in Edge(Op.ReciprocalEstimate, x => -1 / (x * x), 2, -0.5)) yield return c;             // d(1/x) = −1/x²
        foreach (RuleCase c in Edge(Op.ReciprocalSqrtEstimate, x => -0.5 / (x * Math.Sqrt(x)), 4, 0.25)) yield return c; // d x^(−1/2) = −x^(−3/2)/2

        // Trigonometric functions.
        foreach (RuleCase c in Unary(Op.Sin, Math.Cos, -1, 0, 2)) yield return c;                                   // d sin = cos
        foreach (RuleCase c in Unary(Op.Cos, x => -Math.Sin(x), -1, 0, 2)) yield return c;                          // d cos = −sin
        foreach (RuleCase c in Unary(Op.Tan, x => 1 / (Math.Cos(x) * Math.Cos(x)), -1, 0, 0.5)) yield return c;     // d tan = sec²
        foreach (RuleCase c in Unary(Op.SinPi, x => Math.PI * Math.Cos(Math.PI * x), 0.25, 1.5, -0.125)) yield return c; // d sin πx = π cos πx
        foreach (RuleCase c in Unary(Op.CosPi, x => -Math.PI * Math.Sin(Math.PI * x), 0.25, 1.5, -0.125)) yield return c;  // d cos πx = −π sin πx
        foreach (RuleCase c in Unary(Op.TanPi, x => Math.PI / (Math.Cos(Math.PI * x) * Math.Cos(Math.PI * x)), 0.125, -0.25)) yield return c;  // d tan πx = π sec² πx
        foreach (RuleCase c in Unary(Op.SinCosSin, Math.Cos, -1, 2)) yield return c;  // SinCos: d sin = cos
        foreach (RuleCase c in Unary(Op.SinCosCos, x => -Math.Sin(x), -1, 2)) yield return c;  // SinCos: d cos = −sin
        foreach (RuleCase c in Unary(Op.SinCosPiSin, x => Math.PI * Math.Cos(Math.PI * x), 0.25, -0.125)) yield return c;  // SinCosPi: π cos πx
        foreach (RuleCase c in Unary(Op.SinCosPiCos, x => -Math.PI * Math.Sin(Math.PI * x), 0.25, -0.125)) yield return c;  // SinCosPi: −π sin πx
        foreach (RuleCase c in Unary(Op.Asin, x => 1 / Math.Sqrt(1 - x * x), -0.5, 0, 0.75)) yield return c;        // d asin = 1/√(1−x²)
        foreach (RuleCase c in Edge(Op.Asin, x => 1 / Math.Sqrt(1 - x * x), -1, 1, 0.999)) yield return c;          // +∞ at ±1
        foreach (RuleCase c in Unary(Op.Acos, x => -1 / Math.Sqrt(1 - x * x), -0.5, 0, 0.75)) yield return c;       // d acos = −1/√(1−x²)
        foreach (RuleCase c in Edge(Op.Acos, x => -1 / Math.Sqrt(1 - x * x), -1, 1, -0.999)) yield return c;        // −∞ at ±1
        foreach (RuleCase c in Unary(Op.Atan, x => 1 / (1 + x * x), -2, 0, 0.5)) yield return c;                    // d atan = 1/(1+x²)
        foreach (RuleCase c in Unary(Op.AsinPi, x => 1 / (Math.PI * Math.Sqrt(1 - x * x)), -0.5, 0.75)) yield return c;  // d asin(x)/π = 1/(π√(1−x²))
        foreach (RuleCase c in Edge(Op.AsinPi, x => double.PositiveInfinity, 1)) yield return c;  // +∞ at 1
        foreach (RuleCase c in Unary(Op.AcosPi, x => -1 / (Math.PI * Math.Sqrt(1 - x * x)), -0.5, 0.75)) yield return c;  // d acos(x)/π = −1/(π√(1−x²))
        foreach (RuleCase c in Unary(Op.AtanPi, x => 1 / (Math.PI * (1 + x * x)), -2, 0.5)) yield return c;  // d atan(x)/π = 1/(π(1+x²))
        foreach (RuleCase c in Multi(Op.Atan2, x => [x[1] / (x[0] * x[0] + x[1] * x[1]), -x[0] / (x[0] * x[0] + x[1] * x[1])], [1, 2], [-1, -0.5], [0.5, -2])) yield return c; // ∂atan2(y,x) = (x, −y)/(x²+y²)
        foreach (RuleCase c in EdgeN(Op.Atan2, x => [double.NaN, double.NaN], [0, 0])) yield return c;              // origin: the angle is undefined
        foreach (RuleCase c in Multi(Op.Atan2Pi, x => [x[1] / (Math.PI * (x[0] * x[0] + x[1] * x[1])), -x[0] / (Math.PI * (x[0] * x[0] + x[1] * x[1]))], [1, 2], [-1, -0.5])) yield return c;  // atan2 partials / π
        foreach (RuleCase c in Unary(Op.DegreesToRadians, x => Math.PI / 180, -90, 45)) yield return c;             // π/180
        foreach (RuleCase c in Unary(Op.RadiansToDegrees, x => 180 / Math.PI, -1, 0.5)) yield return c;             // 180/π

        // Hyperbolic functions.
        foreach (RuleCase c in Unary(Op.Sinh, Math.Cosh, -1, 0, 2)) yield return c;                                 // d sinh = cosh
        foreach (RuleCase c in Unary(Op.Cosh, Math.Sinh, -1, 0, 2)) yield return c;                                 // d cosh = sinh
        foreach (RuleCase c in Unary(Op.Tanh, x => 1 / (Math.Cosh(x) * Math.Cosh(x)), -1, 0, 2)) yield return c;    // d tanh = sech²
        foreach (RuleCase c in Unary(Op.Asinh, x => 1 / Math.Sqrt(x * x + 1), -2, 0, 0.5)) yield return c;         // d asinh = 1/√(x²+1)
        foreach (RuleCase c in Unary(Op.Acosh, x => 1 / Math.Sqrt(x * x - 1), 1.5, 3)) yield return c;             // d acosh = 1/√(x²−1)
        foreach (RuleCase c in Edge(Op.Acosh, x => double.PositiveInfinity, 1)) yield return c;  // +∞ at 1
        foreach (RuleCase c in Unary(Op.Atanh, x => 1 / (1 - x * x), -0.5, 0, 0.875)) yield return c;              // d atanh = 1/(1−x²)
        foreach (RuleCase c in Edge(Op.Atanh, x => double.PositiveInfinity, -1, 1)) yield return c;                // +∞ at ±1

        // Special functions: closed forms from MathNet's SpecialFunctions (ψ, Γ, erf⁻¹) and SpecialMath.Polygamma.
        foreach (RuleCase c in Unary(Op.Erf, x => TwoOverSqrtPi * Math.Exp(-x * x), -1.5, 0, 0.5, 2)) yield return c;           // erf′ = 2/√π·e^(−x²)
        foreach (RuleCase c in Unary(Op.Erfc, x => -TwoOverSqrtPi * Math.Exp(-x * x), -1, 0.5, 3)) yield return c;             // erfc′ = −erf′
        foreach (RuleCase c in Unary(Op.ErfInv, x => SqrtPiOverTwo * Math.Exp(Square(SpecialFunctions.ErfInv(x))), -0.875, 0, 0.5)) yield return c; // (√π/2)·e^(erf⁻¹(x)²)
        foreach (RuleCase c in Edge(Op.ErfInv, x => double.PositiveInfinity, -1, 1)) yield return c;                             // +∞ at ±1
        foreach (RuleCase c in Unary(Op.NormalCdf, x => Math.Exp(-x * x / 2) / SqrtTwoPi, -3, 0, 1.25)) yield return c;        // φ(x)
        foreach (RuleCase c in Unary(Op.InverseNormalCdf, p => SqrtTwoPi * Math.Exp(Square(Math.Sqrt(2) * SpecialFunctions.ErfInv((2 * p) - 1)) / 2), 0.125, 0.5, 0.875)) yield return c; // 1/φ(Φ⁻¹(p))
        foreach (RuleCase c in Edge(Op.InverseNormalCdf, p => double.PositiveInfinity, 0, 1)) yield return c;                    // +∞ at 0 and 1
        foreach (RuleCase c in Unary(Op.LogGamma, SpecialFunctions.DiGamma, -0.5, 0.5, 1, 3.5)) yield return c;                 // (ln|Γ|)′ = ψ
        foreach (RuleCase c in Unary(Op.Gamma, x => SpecialFunctions.Gamma(x) * SpecialFunctions.DiGamma(x), -1.5, 0.5, 2.5)) yield return c; // Γ′ = Γψ
        foreach (RuleCase c in Unary(Op.Digamma, x => SpecialMath.Polygamma(1, x), -0.5, 0.5, 2)) yield return c;                // ψ′
        foreach (RuleCase c in Unary(Op.Trigamma, x => SpecialMath.Polygamma(2, x), 0.5, 3)) yield return c;                     // ψ″
        foreach (RuleCase c in Multi(Op.LogBeta, x => [SpecialFunctions.DiGamma(x[0]) - SpecialFunctions.DiGamma(x[0] + x[1]), SpecialFunctions.DiGamma(x[1]) - SpecialFunctions.DiGamma(x[0] + x[1])], [0.5, 1.5], [3, 2])) yield return c; // ψ(a) − ψ(a+b), ψ(b) − ψ(a+b)
        foreach (RuleCase c in Unary(Op.Sigmoid, x => Logistic(x) * Logistic(-x), -2, 0, 3)) yield return c;                    // σ′ = σ(x)σ(−x)
        foreach (RuleCase c in Unary(Op.Logit, p => 1 / (p * (1 - p)), 0.25, 0.5, 0.875)) yield return c;                       // 1/(p(1−p))
        foreach (RuleCase c in Edge(Op.Logit, p => double.PositiveInfinity, 0, 1)) yield return c;                               // +∞ at 0 and 1
        foreach (RuleCase c in Unary(Op.Softplus, Logistic, -3, 0, 2)) yield return c;                                          // softplus′ = σ
        foreach (RuleCase c in Multi(Op.Xlogy, x => [Math.Log(x[1]), x[0] / x[1]], [2, 3], [0, 2], [-1.5, 0.5])) yield return c; // (ln y, x/y)
        foreach (RuleCase c in EdgeN(Op.Xlogy, x => [double.NegativeInfinity, 0], [0, 0])) yield return c;                       // convention at x = y = 0
        foreach (RuleCase c in Multi(Op.LogSumExp, SoftMax, [1, 2, 0.5], [0, 0, 0], [-3, 40, 1])) yield return c;               // ∇ = softmax
    }

    private static T Increment<T>(T x)
        where T : IFloatingPointIeee754<T> => ++x;

    private static T Decrement<T>(T x)
        where T : IFloatingPointIeee754<T> => --x;

    private static IEnumerable<RuleCase> Unary(Op op, Func<double, double> derivative, params double[] points) =>
        points.Select(p => new RuleCase(op, [p], x => [derivative(x[0])], Smooth: true));

    private static IEnumerable<RuleCase> Edge(Op op, Func<double, double> derivative, params double[] points) =>
        points.Select(p => new RuleCase(op, [p], x => [derivative(x[0])], Smooth: false));

    private static IEnumerable<RuleCase> Multi(Op op, Func<double[], double[]> partials, params double[][] points) =>
        points.Select(p => new RuleCase(op, p, partials, Smooth: true));

    private static IEnumerable<RuleCase> EdgeN(Op op, Func<double[], double[]> partials, params double[][] points) =>
        points.Select(p => new RuleCase(op, p, partials, Smooth: false));
}
