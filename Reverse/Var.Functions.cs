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
    public static Var<T> Ceiling(Var<T> x) => Rounded(x, T.Ceiling(x._value), GuardKind.Ceiling);

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Floor"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Floor(Var<T> x) => Rounded(x, T.Floor(x._value), GuardKind.Floor);

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x) => Rounded(x, T.Round(x._value), GuardKind.Round);

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x, int digits) => Round(x, digits, MidpointRounding.ToEven);

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, MidpointRounding)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x, MidpointRounding mode) => Round(x, 0, mode);

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Round(TSelf, int, MidpointRounding)"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Round(Var<T> x, int digits, MidpointRounding mode)
    {
        T result = T.Round(x._value, digits, mode);
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(GuardKind.Check, 0, x, default, default, 0, result, new RoundCheck<T>(digits, mode, result));
        }

        return Constant(result);
    }

    /// <inheritdoc cref="IFloatingPoint{TSelf}.Truncate"/>
    /// <remarks>Piecewise constant: the result is a constant, never recorded.</remarks>
    public static Var<T> Truncate(Var<T> x) => Rounded(x, T.Truncate(x._value), GuardKind.Truncate);

    //
    // IFloatingPointIeee754
    //

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.ILogB"/>
    public static int ILogB(Var<T> x) => Guarded(T.ILogB(x._value), Predicate.ILogB, x);

    //
    // ITrigonometricFunctions
    //

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCos"/>
    public static unsafe (Var<T> Sin, Var<T> Cos) SinCos(Var<T> x)
    {
        var rule = Rules<T>.SinCos(x._value);
        return (Chain(x, rule.Sin, &SinOfSinCos), Chain(x, rule.Cos, &CosOfSinCos));
    }

    /// <inheritdoc cref="ITrigonometricFunctions{TSelf}.SinCosPi"/>
    public static (Var<T> SinPi, Var<T> CosPi) SinCosPi(Var<T> x) => (SinPi(x), CosPi(x));

    /// <summary>A piecewise-constant function's result: a constant, which a recording for replay keeps only while
    /// the function gives the same result.</summary>
    private static Var<T> Rounded(Var<T> x, T result, GuardKind kind)
    {
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(kind, 0, x, default, default, 0, result);
        }

        return Constant(result);
    }

    private static (T Value, T Derivative) SinOfSinCos(T x) => Rules<T>.SinCos(x).Sin;

    private static (T Value, T Derivative) CosOfSinCos(T x) => Rules<T>.SinCos(x).Cos;
}
