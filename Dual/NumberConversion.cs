using System.Numerics;

namespace DualAutodiff;

/// <summary>One of generic math's three conversions between number types (checked, saturating, truncating), as a
/// type argument: the number types' conversions are written once over it, and the JIT specialises each call to
/// the conversion itself, with no delegate between (a delegate costs a guarded call wherever a user's generic
/// code turns a literal into <c>T</c>).</summary>
internal interface INumberConversion
{
    /// <summary>Converts <paramref name="value"/> to <typeparamref name="TTo"/> this way.</summary>
    static abstract TTo Convert<TFrom, TTo>(TFrom value)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo>;
}

/// <summary><see cref="INumberBase{TSelf}.CreateChecked{TOther}(TOther)"/>: throws where the value does not fit.</summary>
internal readonly struct CheckedConversion : INumberConversion
{
    public static TTo Convert<TFrom, TTo>(TFrom value)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo> => TTo.CreateChecked(value);
}

/// <summary><see cref="INumberBase{TSelf}.CreateSaturating{TOther}(TOther)"/>: clamps to the target's range.</summary>
internal readonly struct SaturatingConversion : INumberConversion
{
    public static TTo Convert<TFrom, TTo>(TFrom value)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo> => TTo.CreateSaturating(value);
}

/// <summary><see cref="INumberBase{TSelf}.CreateTruncating{TOther}(TOther)"/>: wraps or truncates.</summary>
internal readonly struct TruncatingConversion : INumberConversion
{
    public static TTo Convert<TFrom, TTo>(TFrom value)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo> => TTo.CreateTruncating(value);
}

/// <summary>The number types' <c>TryConvert…</c> members, which always succeed: a number converts to a constant.</summary>
internal static class NumberConversions
{
    /// <summary>Sets <paramref name="result"/> to <paramref name="value"/>; returns true.</summary>
    public static bool Converted<T>(T value, out T result)
    {
        result = value;
        return true;
    }
}
