using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Var<T>
{
    // Only the members that are not one-line forwarders to a rule. The others (Exp, Log, Pow, Sin, …) are
    // generated from the [Forwarder] rules of Dual/Rules.cs by Generators/RuleForwarderGenerator.cs, into
    // Var.Forwarders.g.cs (written under obj/, see EmitCompilerGeneratedFiles).

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

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ILogB"/>
    public static int ILogB(Var<T> x) => T.ILogB(x._value);

    //
    // ITrigonometricFunctions
    //

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCos"/>
    public static (Var<T> Sin, Var<T> Cos) SinCos(Var<T> x)
    {
        var rule = Rules<T>.SinCos(x._value);
        return (Chain(x, rule.Sin), Chain(x, rule.Cos));
    }

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCosPi"/>
    public static (Var<T> SinPi, Var<T> CosPi) SinCosPi(Var<T> x) => (SinPi(x), CosPi(x));
}
