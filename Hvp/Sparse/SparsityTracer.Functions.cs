using System.Numerics;

namespace DualAutodiff;

// The structure table: every function of the generic-math interfaces, classified by its second derivatives. The
// values are double's own, so branches on them follow the point exactly as the double evaluation does.

internal readonly partial struct SparsityTracer
{
    private const byte AllPairsOfTwo = TraceRecording.Pair00 | TraceRecording.Pair11 | TraceRecording.Pair01;

    //
    // IExponentialFunctions
    //

    public static SparsityTracer Exp(SparsityTracer x) => Nonlinear(double.Exp(x._value), x);

    public static SparsityTracer Exp10(SparsityTracer x) => Nonlinear(double.Exp10(x._value), x);

    public static SparsityTracer Exp10M1(SparsityTracer x) => Nonlinear(double.Exp10M1(x._value), x);

    public static SparsityTracer Exp2(SparsityTracer x) => Nonlinear(double.Exp2(x._value), x);

    public static SparsityTracer Exp2M1(SparsityTracer x) => Nonlinear(double.Exp2M1(x._value), x);

    public static SparsityTracer ExpM1(SparsityTracer x) => Nonlinear(double.ExpM1(x._value), x);

    //
    // IFloatingPoint: piecewise constant, so constants
    //

    public static SparsityTracer Ceiling(SparsityTracer x) => Constant(double.Ceiling(x._value));

    public static SparsityTracer Floor(SparsityTracer x) => Constant(double.Floor(x._value));

    public static SparsityTracer Round(SparsityTracer x) => Constant(double.Round(x._value));

    public static SparsityTracer Round(SparsityTracer x, int digits) => Constant(double.Round(x._value, digits));

    public static SparsityTracer Round(SparsityTracer x, MidpointRounding mode) => Constant(double.Round(x._value, mode));

    public static SparsityTracer Round(SparsityTracer x, int digits, MidpointRounding mode) => Constant(double.Round(x._value, digits, mode));

    public static SparsityTracer Truncate(SparsityTracer x) => Constant(double.Truncate(x._value));

    //
    // IFloatingPointIeee754
    //

    public static SparsityTracer Atan2(SparsityTracer y, SparsityTracer x) => Nonlinear(double.Atan2(y._value, x._value), y, x);

    public static SparsityTracer Atan2Pi(SparsityTracer y, SparsityTracer x) => Nonlinear(double.Atan2Pi(y._value, x._value), y, x);

    public static SparsityTracer BitDecrement(SparsityTracer x) => Linear(double.BitDecrement(x._value), x);

    public static SparsityTracer BitIncrement(SparsityTracer x) => Linear(double.BitIncrement(x._value), x);

    /// <summary>a·b + c: only the pair (a, b).</summary>
    public static SparsityTracer FusedMultiplyAdd(SparsityTracer left, SparsityTracer right, SparsityTracer addend) =>
        Ternary(double.FusedMultiplyAdd(left._value, right._value, addend._value), left, right, addend, TraceRecording.Pair01);

    public static SparsityTracer Ieee754Remainder(SparsityTracer left, SparsityTracer right) => Linear(double.Ieee754Remainder(left._value, right._value), left, right);

    public static int ILogB(SparsityTracer x)
    {
        Decide("ILogB", x);
        return double.ILogB(x._value);
    }

    /// <summary>a + (b − a)·t: the pairs (a, t) and (b, t).</summary>
    public static SparsityTracer Lerp(SparsityTracer value1, SparsityTracer value2, SparsityTracer amount) =>
        Ternary(double.Lerp(value1._value, value2._value, amount._value), value1, value2, amount, TraceRecording.Pair02 | TraceRecording.Pair12);

    public static SparsityTracer ReciprocalEstimate(SparsityTracer x) => Nonlinear(double.ReciprocalEstimate(x._value), x);

    public static SparsityTracer ReciprocalSqrtEstimate(SparsityTracer x) => Nonlinear(double.ReciprocalSqrtEstimate(x._value), x);

    public static SparsityTracer ScaleB(SparsityTracer x, int n) => Linear(double.ScaleB(x._value, n), x);

    //
    // IHyperbolicFunctions
    //

    public static SparsityTracer Acosh(SparsityTracer x) => Nonlinear(double.Acosh(x._value), x);

    public static SparsityTracer Asinh(SparsityTracer x) => Nonlinear(double.Asinh(x._value), x);

    public static SparsityTracer Atanh(SparsityTracer x) => Nonlinear(double.Atanh(x._value), x);

    public static SparsityTracer Cosh(SparsityTracer x) => Nonlinear(double.Cosh(x._value), x);

    public static SparsityTracer Sinh(SparsityTracer x) => Nonlinear(double.Sinh(x._value), x);

    public static SparsityTracer Tanh(SparsityTracer x) => Nonlinear(double.Tanh(x._value), x);

    //
    // ILogarithmicFunctions
    //

    public static SparsityTracer Log(SparsityTracer x) => Nonlinear(double.Log(x._value), x);

    public static SparsityTracer Log(SparsityTracer x, SparsityTracer newBase) => Nonlinear(double.Log(x._value, newBase._value), x, newBase);

    public static SparsityTracer Log10(SparsityTracer x) => Nonlinear(double.Log10(x._value), x);

    public static SparsityTracer Log10P1(SparsityTracer x) => Nonlinear(double.Log10P1(x._value), x);

    public static SparsityTracer Log2(SparsityTracer x) => Nonlinear(double.Log2(x._value), x);

    public static SparsityTracer Log2P1(SparsityTracer x) => Nonlinear(double.Log2P1(x._value), x);

    public static SparsityTracer LogP1(SparsityTracer x) => Nonlinear(double.LogP1(x._value), x);

    //
    // INumber
    //

    public static SparsityTracer Clamp(SparsityTracer value, SparsityTracer min, SparsityTracer max)
    {
        double result = double.Clamp(value._value, min._value, max._value);
        if (value._node >= 0 || min._node >= 0 || max._node >= 0)
        {
            TraceRecording recording = TraceRecording.Current;
            if (recording.Global)
            {
                return Ternary(result, value, min, max, 0);
            }

            recording.Decisions++;
        }

        return Rules<double>.SelectsFirst(result, value._value) ? new(result, value._node) : Select(result, min, max);
    }

    /// <summary>|x|·sign(s): linear in x where differentiable, and constant in s.</summary>
    public static SparsityTracer CopySign(SparsityTracer value, SparsityTracer sign) => Linear(double.CopySign(value._value, sign._value), value);

    public static SparsityTracer Max(SparsityTracer x, SparsityTracer y) => Select(double.Max(x._value, y._value), x, y);

    public static SparsityTracer MaxNumber(SparsityTracer x, SparsityTracer y) => Select(double.MaxNumber(x._value, y._value), x, y);

    public static SparsityTracer Min(SparsityTracer x, SparsityTracer y) => Select(double.Min(x._value, y._value), x, y);

    public static SparsityTracer MinNumber(SparsityTracer x, SparsityTracer y) => Select(double.MinNumber(x._value, y._value), x, y);

    public static int Sign(SparsityTracer value)
    {
        Decide("Sign", value);
        return double.Sign(value._value);
    }

    //
    // INumberBase functions
    //

    /// <summary>|x| is linear on each side of 0 (second derivative 0, as the rule table says).</summary>
    public static SparsityTracer Abs(SparsityTracer value) => Linear(double.Abs(value._value), value);

    public static SparsityTracer MaxMagnitude(SparsityTracer x, SparsityTracer y) => Select(double.MaxMagnitude(x._value, y._value), x, y);

    public static SparsityTracer MaxMagnitudeNumber(SparsityTracer x, SparsityTracer y) => Select(double.MaxMagnitudeNumber(x._value, y._value), x, y);

    public static SparsityTracer MinMagnitude(SparsityTracer x, SparsityTracer y) => Select(double.MinMagnitude(x._value, y._value), x, y);

    public static SparsityTracer MinMagnitudeNumber(SparsityTracer x, SparsityTracer y) => Select(double.MinMagnitudeNumber(x._value, y._value), x, y);

    /// <summary>a·b + c: only the pair (a, b).</summary>
    public static SparsityTracer MultiplyAddEstimate(SparsityTracer left, SparsityTracer right, SparsityTracer addend) =>
        Ternary(double.MultiplyAddEstimate(left._value, right._value, addend._value), left, right, addend, TraceRecording.Pair01);

    //
    // IPowerFunctions
    //

    public static SparsityTracer Pow(SparsityTracer x, SparsityTracer y) => Nonlinear(double.Pow(x._value, y._value), x, y);

    //
    // IRootFunctions
    //

    public static SparsityTracer Cbrt(SparsityTracer x) => Nonlinear(double.Cbrt(x._value), x);

    public static SparsityTracer Hypot(SparsityTracer x, SparsityTracer y) => Nonlinear(double.Hypot(x._value, y._value), x, y);

    public static SparsityTracer RootN(SparsityTracer x, int n) => Nonlinear(double.RootN(x._value, n), x);

    public static SparsityTracer Sqrt(SparsityTracer x) => Nonlinear(double.Sqrt(x._value), x);

    //
    // ITrigonometricFunctions
    //

    public static SparsityTracer Acos(SparsityTracer x) => Nonlinear(double.Acos(x._value), x);

    public static SparsityTracer AcosPi(SparsityTracer x) => Nonlinear(double.AcosPi(x._value), x);

    public static SparsityTracer Asin(SparsityTracer x) => Nonlinear(double.Asin(x._value), x);

    public static SparsityTracer AsinPi(SparsityTracer x) => Nonlinear(double.AsinPi(x._value), x);

    public static SparsityTracer Atan(SparsityTracer x) => Nonlinear(double.Atan(x._value), x);

    public static SparsityTracer AtanPi(SparsityTracer x) => Nonlinear(double.AtanPi(x._value), x);

    public static SparsityTracer Cos(SparsityTracer x) => Nonlinear(double.Cos(x._value), x);

    public static SparsityTracer CosPi(SparsityTracer x) => Nonlinear(double.CosPi(x._value), x);

    public static SparsityTracer DegreesToRadians(SparsityTracer degrees) => Linear(double.DegreesToRadians(degrees._value), degrees);

    public static SparsityTracer RadiansToDegrees(SparsityTracer radians) => Linear(double.RadiansToDegrees(radians._value), radians);

    public static SparsityTracer Sin(SparsityTracer x) => Nonlinear(double.Sin(x._value), x);

    public static (SparsityTracer Sin, SparsityTracer Cos) SinCos(SparsityTracer x) => (Sin(x), Cos(x));

    public static SparsityTracer SinPi(SparsityTracer x) => Nonlinear(double.SinPi(x._value), x);

    public static (SparsityTracer SinPi, SparsityTracer CosPi) SinCosPi(SparsityTracer x) => (SinPi(x), CosPi(x));

    public static SparsityTracer Tan(SparsityTracer x) => Nonlinear(double.Tan(x._value), x);

    public static SparsityTracer TanPi(SparsityTracer x) => Nonlinear(double.TanPi(x._value), x);
}
