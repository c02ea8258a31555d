using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T>
{
    // Only the members that are not one-line forwarders to a rule. The others (Exp, Log, Pow, Sin, …) are
    // generated from the [Forwarder] rules of Dual/Rules.cs by Generators/RuleForwarderGenerator.cs, into
    // Dual.Forwarders.g.cs (written under obj/, see EmitCompilerGeneratedFiles).

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

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ILogB"/>
    public static int ILogB(Dual<T> x) => T.ILogB(x._value);

    //
    // ITrigonometricFunctions
    //

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCos"/>
    /// <remarks>Out of line, as the generated members that call into the math library (see
    /// <see cref="GenerateRuleForwardersAttribute.CallsOutOfLine"/>).</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static (Dual<T> Sin, Dual<T> Cos) SinCos(Dual<T> x)
    {
        var rule = Rules<T>.SinCos(x._value);
        return (Chain(x, rule.Sin), Chain(x, rule.Cos));
    }

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCosPi"/>
    public static (Dual<T> SinPi, Dual<T> CosPi) SinCosPi(Dual<T> x) => (SinPi(x), CosPi(x));
}
