using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T>
{
    //
    // IExponentialFunctions
    //

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp"/>
    public static Dual<T> Exp(Dual<T> x) => Chain(x, Rules<T>.Exp(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.ExpM1"/>
    public static Dual<T> ExpM1(Dual<T> x) => Chain(x, Rules<T>.ExpM1(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp2"/>
    public static Dual<T> Exp2(Dual<T> x) => Chain(x, Rules<T>.Exp2(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp2M1"/>
    public static Dual<T> Exp2M1(Dual<T> x) => Chain(x, Rules<T>.Exp2M1(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp10"/>
    public static Dual<T> Exp10(Dual<T> x) => Chain(x, Rules<T>.Exp10(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp10M1"/>
    public static Dual<T> Exp10M1(Dual<T> x) => Chain(x, Rules<T>.Exp10M1(x._value));

    //
    // IFloatingPoint
    //

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Ceiling"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T> Ceiling(Dual<T> x) => Constant(T.Ceiling(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Floor"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T> Floor(Dual<T> x) => Constant(T.Floor(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T> Round(Dual<T> x) => Constant(T.Round(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T> Round(Dual<T> x, int digits) => Constant(T.Round(x._value, digits));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, MidpointRounding)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T> Round(Dual<T> x, MidpointRounding mode) => Constant(T.Round(x._value, mode));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int, MidpointRounding)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T> Round(Dual<T> x, int digits, MidpointRounding mode) => Constant(T.Round(x._value, digits, mode));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Truncate"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T> Truncate(Dual<T> x) => Constant(T.Truncate(x._value));

    //
    // IFloatingPointIeee754
    //

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Atan2"/>
    public static Dual<T> Atan2(Dual<T> y, Dual<T> x) => Chain(y, x, Rules<T>.Atan2(y._value, x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Atan2Pi"/>
    public static Dual<T> Atan2Pi(Dual<T> y, Dual<T> x) => Chain(y, x, Rules<T>.Atan2Pi(y._value, x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.BitDecrement"/>
    public static Dual<T> BitDecrement(Dual<T> x) => Chain(x, Rules<T>.BitDecrement(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.BitIncrement"/>
    public static Dual<T> BitIncrement(Dual<T> x) => Chain(x, Rules<T>.BitIncrement(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.FusedMultiplyAdd"/>
    public static Dual<T> FusedMultiplyAdd(Dual<T> left, Dual<T> right, Dual<T> addend) => Chain(left, right, addend, Rules<T>.FusedMultiplyAdd(left._value, right._value, addend._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Lerp"/>
    /// <remarks>The value is <typeparamref name="T"/>'s own Lerp, bit for bit.</remarks>
    public static Dual<T> Lerp(Dual<T> value1, Dual<T> value2, Dual<T> amount) => Chain(value1, value2, amount, Rules<T>.Lerp(value1._value, value2._value, amount._value));

    /// <inheritdoc cref="INumberBase{TSelf}.MultiplyAddEstimate"/>
    /// <remarks>The value is <typeparamref name="T"/>'s own estimate, fused where its hardware fuses.</remarks>
    public static Dual<T> MultiplyAddEstimate(Dual<T> left, Dual<T> right, Dual<T> addend) => Chain(left, right, addend, Rules<T>.MultiplyAddEstimate(left._value, right._value, addend._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Ieee754Remainder"/>
    public static Dual<T> Ieee754Remainder(Dual<T> left, Dual<T> right) => Chain(left, right, Rules<T>.Ieee754Remainder(left._value, right._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ILogB"/>
    public static int ILogB(Dual<T> x) => T.ILogB(x._value);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ReciprocalEstimate"/>
    public static Dual<T> ReciprocalEstimate(Dual<T> x) => Chain(x, Rules<T>.ReciprocalEstimate(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ReciprocalSqrtEstimate"/>
    public static Dual<T> ReciprocalSqrtEstimate(Dual<T> x) => Chain(x, Rules<T>.ReciprocalSqrtEstimate(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ScaleB"/>
    public static Dual<T> ScaleB(Dual<T> x, int n) => Chain(x, Rules<T>.ScaleB(x._value, n));

    //
    // IHyperbolicFunctions
    //

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Acosh"/>
    public static Dual<T> Acosh(Dual<T> x) => Chain(x, Rules<T>.Acosh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Asinh"/>
    public static Dual<T> Asinh(Dual<T> x) => Chain(x, Rules<T>.Asinh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Atanh"/>
    public static Dual<T> Atanh(Dual<T> x) => Chain(x, Rules<T>.Atanh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Cosh"/>
    public static Dual<T> Cosh(Dual<T> x) => Chain(x, Rules<T>.Cosh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Sinh"/>
    public static Dual<T> Sinh(Dual<T> x) => Chain(x, Rules<T>.Sinh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Tanh"/>
    public static Dual<T> Tanh(Dual<T> x) => Chain(x, Rules<T>.Tanh(x._value));

    //
    // ILogarithmicFunctions
    //

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log(TSelf)"/>
    public static Dual<T> Log(Dual<T> x) => Chain(x, Rules<T>.Log(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log(TSelf, TSelf)"/>
    public static Dual<T> Log(Dual<T> x, Dual<T> newBase) => Chain(x, newBase, Rules<T>.Log(x._value, newBase._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.LogP1"/>
    public static Dual<T> LogP1(Dual<T> x) => Chain(x, Rules<T>.LogP1(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log2"/>
    public static Dual<T> Log2(Dual<T> x) => Chain(x, Rules<T>.Log2(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log2P1"/>
    public static Dual<T> Log2P1(Dual<T> x) => Chain(x, Rules<T>.Log2P1(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log10"/>
    public static Dual<T> Log10(Dual<T> x) => Chain(x, Rules<T>.Log10(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log10P1"/>
    public static Dual<T> Log10P1(Dual<T> x) => Chain(x, Rules<T>.Log10P1(x._value));

    //
    // IPowerFunctions
    //

    /// <inheritdoc cref="IPowerFunctions{TSelf}.Pow"/>
    /// <remarks>Both base and exponent may carry tangents; a constant exponent's zero tangent makes the
    /// ∂/∂y term vanish, so a negative base with a constant exponent has no NaN tangent.</remarks>
    public static Dual<T> Pow(Dual<T> x, Dual<T> y) => Chain(x, y, Rules<T>.Pow(x._value, y._value));

    //
    // IRootFunctions
    //

    /// <inheritdoc cref="IRootFunctions{TSelf}.Cbrt"/>
    public static Dual<T> Cbrt(Dual<T> x) => Chain(x, Rules<T>.Cbrt(x._value));

    /// <inheritdoc cref="IRootFunctions{TSelf}.Hypot"/>
    public static Dual<T> Hypot(Dual<T> x, Dual<T> y) => Chain(x, y, Rules<T>.Hypot(x._value, y._value));

    /// <inheritdoc cref="IRootFunctions{TSelf}.RootN"/>
    public static Dual<T> RootN(Dual<T> x, int n) => Chain(x, Rules<T>.RootN(x._value, n));

    /// <inheritdoc cref="IRootFunctions{TSelf}.Sqrt"/>
    /// <remarks>At 0 the slope is +∞; a zero tangent still gives tangent 0.</remarks>
    public static Dual<T> Sqrt(Dual<T> x) => Chain(x, Rules<T>.Sqrt(x._value));

    //
    // ITrigonometricFunctions
    //

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Acos"/>
    public static Dual<T> Acos(Dual<T> x) => Chain(x, Rules<T>.Acos(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.AcosPi"/>
    public static Dual<T> AcosPi(Dual<T> x) => Chain(x, Rules<T>.AcosPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Asin"/>
    public static Dual<T> Asin(Dual<T> x) => Chain(x, Rules<T>.Asin(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.AsinPi"/>
    public static Dual<T> AsinPi(Dual<T> x) => Chain(x, Rules<T>.AsinPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Atan"/>
    public static Dual<T> Atan(Dual<T> x) => Chain(x, Rules<T>.Atan(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.AtanPi"/>
    public static Dual<T> AtanPi(Dual<T> x) => Chain(x, Rules<T>.AtanPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Cos"/>
    public static Dual<T> Cos(Dual<T> x) => Chain(x, Rules<T>.Cos(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.CosPi"/>
    public static Dual<T> CosPi(Dual<T> x) => Chain(x, Rules<T>.CosPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.DegreesToRadians"/>
    public static Dual<T> DegreesToRadians(Dual<T> degrees) => Chain(degrees, Rules<T>.DegreesToRadians(degrees._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.RadiansToDegrees"/>
    public static Dual<T> RadiansToDegrees(Dual<T> radians) => Chain(radians, Rules<T>.RadiansToDegrees(radians._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Sin"/>
    public static Dual<T> Sin(Dual<T> x) => Chain(x, Rules<T>.Sin(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCos"/>
    public static (Dual<T> Sin, Dual<T> Cos) SinCos(Dual<T> x)
    {
        var rule = Rules<T>.SinCos(x._value);
        return (Chain(x, rule.Sin), Chain(x, rule.Cos));
    }

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCosPi"/>
    public static (Dual<T> SinPi, Dual<T> CosPi) SinCosPi(Dual<T> x) => (SinPi(x), CosPi(x));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinPi"/>
    public static Dual<T> SinPi(Dual<T> x) => Chain(x, Rules<T>.SinPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Tan"/>
    public static Dual<T> Tan(Dual<T> x) => Chain(x, Rules<T>.Tan(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.TanPi"/>
    public static Dual<T> TanPi(Dual<T> x) => Chain(x, Rules<T>.TanPi(x._value));
}
