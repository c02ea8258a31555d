using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Var<T>
{
    //
    // IExponentialFunctions
    //

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp"/>
    public static Var<T> Exp(Var<T> x) => Chain(x, Rules<T>.Exp(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.ExpM1"/>
    public static Var<T> ExpM1(Var<T> x) => Chain(x, Rules<T>.ExpM1(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp2"/>
    public static Var<T> Exp2(Var<T> x) => Chain(x, Rules<T>.Exp2(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp2M1"/>
    public static Var<T> Exp2M1(Var<T> x) => Chain(x, Rules<T>.Exp2M1(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp10"/>
    public static Var<T> Exp10(Var<T> x) => Chain(x, Rules<T>.Exp10(x._value));

    /// <inheritdoc cref="IExponentialFunctions{TSelf}.Exp10M1"/>
    public static Var<T> Exp10M1(Var<T> x) => Chain(x, Rules<T>.Exp10M1(x._value));

    //
    // IFloatingPoint
    //

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Ceiling"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Ceiling(Var<T> x) => Constant(T.Ceiling(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Floor"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Floor(Var<T> x) => Constant(T.Floor(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x) => Constant(T.Round(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x, int digits) => Constant(T.Round(x._value, digits));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, MidpointRounding)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x, MidpointRounding mode) => Constant(T.Round(x._value, mode));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int, MidpointRounding)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x, int digits, MidpointRounding mode) => Constant(T.Round(x._value, digits, mode));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Truncate"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Truncate(Var<T> x) => Constant(T.Truncate(x._value));

    //
    // IFloatingPointIeee754
    //

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Atan2"/>
    public static Var<T> Atan2(Var<T> y, Var<T> x) => Chain(y, x, Rules<T>.Atan2(y._value, x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Atan2Pi"/>
    public static Var<T> Atan2Pi(Var<T> y, Var<T> x) => Chain(y, x, Rules<T>.Atan2Pi(y._value, x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.BitDecrement"/>
    public static Var<T> BitDecrement(Var<T> x) => Chain(x, Rules<T>.BitDecrement(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.BitIncrement"/>
    public static Var<T> BitIncrement(Var<T> x) => Chain(x, Rules<T>.BitIncrement(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.FusedMultiplyAdd"/>
    public static Var<T> FusedMultiplyAdd(Var<T> left, Var<T> right, Var<T> addend) => Chain(left, right, addend, Rules<T>.FusedMultiplyAdd(left._value, right._value, addend._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Lerp"/>
    /// <remarks>The value is <typeparamref name="T"/>'s own Lerp, bit for bit.</remarks>
    public static Var<T> Lerp(Var<T> value1, Var<T> value2, Var<T> amount) => Chain(value1, value2, amount, Rules<T>.Lerp(value1._value, value2._value, amount._value));

    /// <inheritdoc cref="INumberBase{TSelf}.MultiplyAddEstimate"/>
    /// <remarks>The value is <typeparamref name="T"/>'s own estimate, fused where its hardware fuses.</remarks>
    public static Var<T> MultiplyAddEstimate(Var<T> left, Var<T> right, Var<T> addend) => Chain(left, right, addend, Rules<T>.MultiplyAddEstimate(left._value, right._value, addend._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Ieee754Remainder"/>
    public static Var<T> Ieee754Remainder(Var<T> left, Var<T> right) => Chain(left, right, Rules<T>.Ieee754Remainder(left._value, right._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ILogB"/>
    public static int ILogB(Var<T> x) => T.ILogB(x._value);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ReciprocalEstimate"/>
    public static Var<T> ReciprocalEstimate(Var<T> x) => Chain(x, Rules<T>.ReciprocalEstimate(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ReciprocalSqrtEstimate"/>
    public static Var<T> ReciprocalSqrtEstimate(Var<T> x) => Chain(x, Rules<T>.ReciprocalSqrtEstimate(x._value));

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ScaleB"/>
    public static Var<T> ScaleB(Var<T> x, int n) => Chain(x, Rules<T>.ScaleB(x._value, n));

    //
    // IHyperbolicFunctions
    //

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Acosh"/>
    public static Var<T> Acosh(Var<T> x) => Chain(x, Rules<T>.Acosh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Asinh"/>
    public static Var<T> Asinh(Var<T> x) => Chain(x, Rules<T>.Asinh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Atanh"/>
    public static Var<T> Atanh(Var<T> x) => Chain(x, Rules<T>.Atanh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Cosh"/>
    public static Var<T> Cosh(Var<T> x) => Chain(x, Rules<T>.Cosh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Sinh"/>
    public static Var<T> Sinh(Var<T> x) => Chain(x, Rules<T>.Sinh(x._value));

    /// <inheritdoc cref="IHyperbolicFunctions{TSelf}.Tanh"/>
    public static Var<T> Tanh(Var<T> x) => Chain(x, Rules<T>.Tanh(x._value));

    //
    // ILogarithmicFunctions
    //

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log(TSelf)"/>
    public static Var<T> Log(Var<T> x) => Chain(x, Rules<T>.Log(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log(TSelf, TSelf)"/>
    public static Var<T> Log(Var<T> x, Var<T> newBase) => Chain(x, newBase, Rules<T>.Log(x._value, newBase._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.LogP1"/>
    public static Var<T> LogP1(Var<T> x) => Chain(x, Rules<T>.LogP1(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log2"/>
    public static Var<T> Log2(Var<T> x) => Chain(x, Rules<T>.Log2(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log2P1"/>
    public static Var<T> Log2P1(Var<T> x) => Chain(x, Rules<T>.Log2P1(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log10"/>
    public static Var<T> Log10(Var<T> x) => Chain(x, Rules<T>.Log10(x._value));

    /// <inheritdoc cref="ILogarithmicFunctions{TSelf}.Log10P1"/>
    public static Var<T> Log10P1(Var<T> x) => Chain(x, Rules<T>.Log10P1(x._value));

    //
    // IPowerFunctions
    //

    /// <inheritdoc cref="IPowerFunctions{TSelf}.Pow"/>
    /// <remarks>Both base and exponent may be variables; a constant exponent is not recorded, so a negative
    /// base with a constant exponent has no NaN adjoint.</remarks>
    public static Var<T> Pow(Var<T> x, Var<T> y) => Chain(x, y, Rules<T>.Pow(x._value, y._value));

    //
    // IRootFunctions
    //

    /// <inheritdoc cref="IRootFunctions{TSelf}.Cbrt"/>
    public static Var<T> Cbrt(Var<T> x) => Chain(x, Rules<T>.Cbrt(x._value));

    /// <inheritdoc cref="IRootFunctions{TSelf}.Hypot"/>
    public static Var<T> Hypot(Var<T> x, Var<T> y) => Chain(x, y, Rules<T>.Hypot(x._value, y._value));

    /// <inheritdoc cref="IRootFunctions{TSelf}.RootN"/>
    public static Var<T> RootN(Var<T> x, int n) => Chain(x, Rules<T>.RootN(x._value, n));

    /// <inheritdoc cref="IRootFunctions{TSelf}.Sqrt"/>
    /// <remarks>At 0 the partial is +∞; a zero adjoint is never multiplied by it.</remarks>
    public static Var<T> Sqrt(Var<T> x) => Chain(x, Rules<T>.Sqrt(x._value));

    //
    // ITrigonometricFunctions
    //

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Acos"/>
    public static Var<T> Acos(Var<T> x) => Chain(x, Rules<T>.Acos(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.AcosPi"/>
    public static Var<T> AcosPi(Var<T> x) => Chain(x, Rules<T>.AcosPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Asin"/>
    public static Var<T> Asin(Var<T> x) => Chain(x, Rules<T>.Asin(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.AsinPi"/>
    public static Var<T> AsinPi(Var<T> x) => Chain(x, Rules<T>.AsinPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Atan"/>
    public static Var<T> Atan(Var<T> x) => Chain(x, Rules<T>.Atan(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.AtanPi"/>
    public static Var<T> AtanPi(Var<T> x) => Chain(x, Rules<T>.AtanPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Cos"/>
    public static Var<T> Cos(Var<T> x) => Chain(x, Rules<T>.Cos(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.CosPi"/>
    public static Var<T> CosPi(Var<T> x) => Chain(x, Rules<T>.CosPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.DegreesToRadians"/>
    public static Var<T> DegreesToRadians(Var<T> degrees) => Chain(degrees, Rules<T>.DegreesToRadians(degrees._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.RadiansToDegrees"/>
    public static Var<T> RadiansToDegrees(Var<T> radians) => Chain(radians, Rules<T>.RadiansToDegrees(radians._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Sin"/>
    public static Var<T> Sin(Var<T> x) => Chain(x, Rules<T>.Sin(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCos"/>
    public static (Var<T> Sin, Var<T> Cos) SinCos(Var<T> x)
    {
        var rule = Rules<T>.SinCos(x._value);
        return (Chain(x, rule.Sin), Chain(x, rule.Cos));
    }

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCosPi"/>
    public static (Var<T> SinPi, Var<T> CosPi) SinCosPi(Var<T> x) => (SinPi(x), CosPi(x));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinPi"/>
    public static Var<T> SinPi(Var<T> x) => Chain(x, Rules<T>.SinPi(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.Tan"/>
    public static Var<T> Tan(Var<T> x) => Chain(x, Rules<T>.Tan(x._value));

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.TanPi"/>
    public static Var<T> TanPi(Var<T> x) => Chain(x, Rules<T>.TanPi(x._value));
}
