using System.Numerics;

namespace DualAutodiff;

/// <summary>What recomputes a record's value and partials from its operands' values at replay (CoDiPack's primal
/// value tape): an operation code, and for the rules a pointer to the rule itself.</summary>
/// <remarks>A binary operation with one constant operand has its own code: <c>…Vc</c> when the constant is the
/// second operand, <c>…Cv</c> when it is the first; the variable operand is then the record's first operand
/// and the constant <see cref="ReplayStep{T}.C"/>. <see cref="Unknown"/> (0, what an unwritten step reads as) makes
/// the recording not replayable: every record the replay cannot recompute is caught, whoever wrote it.</remarks>
internal enum ReplayOp : byte
{
    /// <summary>Not replayable (a record written by code that gave no replay, or none at all).</summary>
    Unknown = 0,

    /// <summary>a + b.</summary>
    Add,

    /// <summary>a + C.</summary>
    AddVc,

    /// <summary>C + b.</summary>
    AddCv,

    /// <summary>a − b.</summary>
    Subtract,

    /// <summary>a − C.</summary>
    SubtractVc,

    /// <summary>C − b.</summary>
    SubtractCv,

    /// <summary>a · b, partials b and a.</summary>
    Multiply,

    /// <summary>a · C, partial C.</summary>
    MultiplyVc,

    /// <summary>C · b, partial C.</summary>
    MultiplyCv,

    /// <summary>a / b, partials 1/b and −(a/b)/b.</summary>
    Divide,

    /// <summary>a / C, partial 1/C.</summary>
    DivideVc,

    /// <summary>C / b, partial −(C/b)/b.</summary>
    DivideCv,

    /// <summary>−a.</summary>
    Negate,

    /// <summary>a + 1.</summary>
    Increment,

    /// <summary>a − 1.</summary>
    Decrement,

    /// <summary>a itself, partial 1: the argument a selection returned (its choice is a guard).</summary>
    Copy,

    /// <summary>CopySign(a, s) with s the record <see cref="ReplayStep{T}.N"/> or the constant C.</summary>
    CopySign,

    /// <summary>A unary rule (value, derivative) = f(a), through <see cref="ReplayStep{T}.Fn"/>.</summary>
    Unary,

    /// <summary>A unary rule with an integer argument, (value, derivative) = f(a, N).</summary>
    UnaryInt,

    /// <summary>A binary rule (value, ∂/∂a, ∂/∂b) = f(a, b).</summary>
    Binary,

    /// <summary>A binary rule at (a, C).</summary>
    BinaryVc,

    /// <summary>A binary rule at (C, b).</summary>
    BinaryCv,

    /// <summary>A ternary rule (value, three partials) = f(a, b, c): a special record whose three arguments start at
    /// <see cref="ReplayStep{T}.N"/> in the argument stream; a constant argument has record 0 and keeps its value
    /// where a variable keeps its partial.</summary>
    Ternary,

    /// <summary>A span rule (<see cref="ISpanRule"/>, e.g. <c>Special.LogSumExp</c>): the special record
    /// <see cref="ReplayStep{T}.N"/> of all its arguments, constants kept as for <see cref="Ternary"/>.</summary>
    Span,
}

/// <summary>One record's replay: <see cref="ReplayOp"/>, its constant, its rule (its operands are the record's own).</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal struct ReplayStep<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>The constant operand of the one-constant shapes (and CopySign's constant sign).</summary>
    public T C;

    /// <summary>The rule, as a function pointer (a static method: nothing to keep alive, no virtual call).</summary>
    public nint Fn;

    /// <summary>The integer argument of <see cref="ReplayOp.UnaryInt"/>; CopySign's sign record (0: the sign is <see cref="C"/>).</summary>
    public int N;

    /// <summary>What to compute.</summary>
    public ReplayOp Op;
}

/// <summary>How a value steered the recording: each kind is re-evaluated at replay and must give the recorded
/// outcome, or the recording is made anew at the new point.</summary>
internal enum GuardKind : byte
{
    /// <summary>a &lt; b.</summary>
    Less,

    /// <summary>a ≤ b.</summary>
    LessOrEqual,

    /// <summary>a &gt; b.</summary>
    Greater,

    /// <summary>a ≥ b.</summary>
    GreaterOrEqual,

    /// <summary>a == b.</summary>
    Equal,

    /// <summary>a != b.</summary>
    NotEqual,

    /// <summary>The sign of a.CompareTo(b).</summary>
    CompareTo,

    /// <summary>a.Equals(b) (the value part of <c>Var.Equals</c>).</summary>
    EqualsValue,

    /// <summary>A predicate of a (<see cref="Predicate"/>) or an integer of it (Sign, ILogB).</summary>
    Predicate,

    /// <summary>Which argument of a selection (<see cref="Selection"/>) was returned.</summary>
    Select,

    /// <summary>Which argument Clamp(a, b, c) returned: 0, 1 or 2.</summary>
    Clamp,

    /// <summary>The value of a, bit for bit (a value read out of the tape: <c>Value</c>, text, a hash).</summary>
    Same,

    /// <summary>floor(a), the recorded result bit for bit.</summary>
    Floor,

    /// <summary>ceiling(a).</summary>
    Ceiling,

    /// <summary>truncate(a).</summary>
    Truncate,

    /// <summary>round(a) to even.</summary>
    Round,

    /// <summary>A check object (<see cref="ReplayCheck{T}"/>): a conversion to another type, a rounding with digits.</summary>
    Check,
}

/// <summary>The predicates and integer functions a guard re-evaluates.</summary>
internal enum Predicate : byte
{
    IsEvenInteger,
    IsFinite,
    IsInfinity,
    IsInteger,
    IsNaN,
    IsNegative,
    IsNegativeInfinity,
    IsNormal,
    IsOddInteger,
    IsPositive,
    IsPositiveInfinity,
    IsRealNumber,
    IsSubnormal,
    IsZero,
    Sign,
    ILogB,
    ExponentShortestBitLength,
}

/// <summary>The selections a guard re-evaluates.</summary>
internal enum Selection : byte
{
    Max,
    MaxMagnitude,
    MaxMagnitudeNumber,
    MaxNumber,
    Min,
    MinMagnitude,
    MinMagnitudeNumber,
    MinNumber,
}

/// <summary>One guard: its kind, up to three operands (a record, or 0 and a constant), the recorded outcome.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal struct ReplayGuard<T>
    where T : IFloatingPointIeee754<T>
{
    public int A;
    public int B;
    public int C;
    public int Outcome;
    public GuardKind Kind;
    public byte Detail;
    public T Ca;
    public T Cb;
    public T Cc;
    public T Result;
    public ReplayCheck<T>? Check;
}

/// <summary>A guard that needs more than an outcome: a conversion to another type (equal results: the code that
/// used the converted number cannot tell the new point from the recorded one), a rounding with digits.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal abstract class ReplayCheck<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Whether the value <paramref name="x"/> gives the recorded result.</summary>
    public abstract bool Holds(T x);
}

/// <summary>A conversion out of the tape into <typeparamref name="TOther"/>, guarded by equality of its result.</summary>
internal sealed class ConversionCheck<T, TOther, TConversion>(TOther result) : ReplayCheck<T>
    where T : IFloatingPointIeee754<T>
    where TOther : INumberBase<TOther>
    where TConversion : INumberConversion
{
    public override bool Holds(T x)
    {
        TOther now;
        try
        {
            now = TConversion.Convert<T, TOther>(x);
        }
        catch (OverflowException)
        {
            // CreateChecked threw where the recording did not: the path differs, so record anew (and let f throw).
            return false;
        }

        return ReplayChecks.Same(now, result);
    }
}

/// <summary>Round(x, digits, mode), guarded by its result.</summary>
internal sealed class RoundCheck<T>(int digits, MidpointRounding mode, T result) : ReplayCheck<T>
    where T : IFloatingPointIeee754<T>
{
    public override bool Holds(T x) => ReplayChecks.Same(T.Round(x, digits, mode), result);
}

/// <summary>Equality that tells −0 from +0 and calls NaN equal to NaN, for results of any type.</summary>
internal static class ReplayChecks
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are the same number for the code that reads them.</summary>
    public static bool Same<TOther>(TOther a, TOther b)
    {
        if (typeof(TOther) == typeof(double))
        {
            return BitConverter.DoubleToInt64Bits((double)(object)a!) == BitConverter.DoubleToInt64Bits((double)(object)b!);
        }

        if (typeof(TOther) == typeof(float))
        {
            return BitConverter.SingleToInt32Bits((float)(object)a!) == BitConverter.SingleToInt32Bits((float)(object)b!);
        }

        if (typeof(TOther) == typeof(Half))
        {
            return BitConverter.HalfToInt16Bits((Half)(object)a!) == BitConverter.HalfToInt16Bits((Half)(object)b!);
        }

        return EqualityComparer<TOther>.Default.Equals(a, b);
    }

    /// <summary>The same at <typeparamref name="T"/>: equal (NaN equals NaN) with the same sign bit.</summary>
    public static bool SameValue<T>(T a, T b)
        where T : IFloatingPointIeee754<T> => typeof(T) == typeof(double) || typeof(T) == typeof(float)
            ? Same(a, b)
            : a.Equals(b) && T.IsNegative(a) == T.IsNegative(b);
}
