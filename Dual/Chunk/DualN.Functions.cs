using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T, TTangents>
{
    // Only the members that are not one-line forwarders to a rule. The others (Exp, Log, Pow, Sin, …) are
    // generated from the [Forwarder] rules of Dual/Rules.cs by Generators/RuleForwarderGenerator.cs, into
    // Dual.Forwarders.g.cs (written under obj/, see EmitCompilerGeneratedFiles).

    //
    // IFloatingPoint
    //

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Ceiling"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T, TTangents> Ceiling(Dual<T, TTangents> x) => Constant(T.Ceiling(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Floor"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T, TTangents> Floor(Dual<T, TTangents> x) => Constant(T.Floor(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T, TTangents> Round(Dual<T, TTangents> x) => Constant(T.Round(x._value));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T, TTangents> Round(Dual<T, TTangents> x, int digits) => Constant(T.Round(x._value, digits));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, MidpointRounding)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T, TTangents> Round(Dual<T, TTangents> x, MidpointRounding mode) => Constant(T.Round(x._value, mode));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int, MidpointRounding)"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T, TTangents> Round(Dual<T, TTangents> x, int digits, MidpointRounding mode) => Constant(T.Round(x._value, digits, mode));

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Truncate"/>
    /// <remarks>Piecewise constant: zero tangent.</remarks>
    public static Dual<T, TTangents> Truncate(Dual<T, TTangents> x) => Constant(T.Truncate(x._value));

    //
    // IFloatingPointIeee754
    //

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ILogB"/>
    public static int ILogB(Dual<T, TTangents> x) => T.ILogB(x._value);

    //
    // ITrigonometricFunctions
    //

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCos"/>
    /// <remarks>Out of line, as the generated members that call into the math library (see
    /// <see cref="GenerateRuleForwardersAttribute.CallsOutOfLine"/>).</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static (Dual<T, TTangents> Sin, Dual<T, TTangents> Cos) SinCos(Dual<T, TTangents> x)
    {
        var rule = Rules<T>.SinCos(x._value);
        return (Chain(x, rule.Sin), Chain(x, rule.Cos));
    }

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCosPi"/>
    public static (Dual<T, TTangents> SinPi, Dual<T, TTangents> CosPi) SinCosPi(Dual<T, TTangents> x) => (SinPi(x), CosPi(x));
}
