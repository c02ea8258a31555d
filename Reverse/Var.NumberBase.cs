using System.Globalization;
using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Var<T>
{
    //
    // IAdditiveIdentity, IMultiplicativeIdentity, ISignedNumber
    //

    /// <inheritdoc cref="IAdditiveIdentity{TSelf, TResult}.AdditiveIdentity"/>
    public static Var<T> AdditiveIdentity => Zero;

    /// <inheritdoc cref="IMultiplicativeIdentity{TSelf, TResult}.MultiplicativeIdentity"/>
    public static Var<T> MultiplicativeIdentity => One;

    /// <inheritdoc cref="ISignedNumber{TSelf}.NegativeOne"/>
    public static Var<T> NegativeOne => new(T.NegativeOne);

    //
    // IFloatingPoint
    //

    int IFloatingPoint<Var<T>>.GetExponentByteCount() => _value.GetExponentByteCount();

    int IFloatingPoint<Var<T>>.GetExponentShortestBitLength() => Guarded(_value.GetExponentShortestBitLength(), Predicate.ExponentShortestBitLength, this);

    int IFloatingPoint<Var<T>>.GetSignificandBitLength() => _value.GetSignificandBitLength();

    int IFloatingPoint<Var<T>>.GetSignificandByteCount() => _value.GetSignificandByteCount();

    bool IFloatingPoint<Var<T>>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => Leaked().TryWriteExponentBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Var<T>>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => Leaked().TryWriteExponentLittleEndian(destination, out bytesWritten);

    bool IFloatingPoint<Var<T>>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => Leaked().TryWriteSignificandBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Var<T>>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => Leaked().TryWriteSignificandLittleEndian(destination, out bytesWritten);

    //
    // IFloatingPointConstants
    //

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.E"/>
    public static Var<T> E => new(T.E);

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.Pi"/>
    public static Var<T> Pi => new(T.Pi);

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.Tau"/>
    public static Var<T> Tau => new(T.Tau);

    //
    // IFloatingPointIeee754 constants
    //

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Epsilon"/>
    public static Var<T> Epsilon => new(T.Epsilon);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NaN"/>
    public static Var<T> NaN => new(T.NaN);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NegativeInfinity"/>
    public static Var<T> NegativeInfinity => new(T.NegativeInfinity);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NegativeZero"/>
    public static Var<T> NegativeZero => new(T.NegativeZero);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.PositiveInfinity"/>
    public static Var<T> PositiveInfinity => new(T.PositiveInfinity);

    //
    // INumber
    //

    /// <inheritdoc cref="INumber{TSelf}.Clamp"/>
    /// <remarks>Is whichever argument it returns; at a bound equal to the value, the value.</remarks>
    public static Var<T> Clamp(Var<T> value, Var<T> min, Var<T> max)
    {
        T result = T.Clamp(value._value, min._value, max._value);
        int choice = Tape<T>.ClampChoice(value._value, min._value, max._value);
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(GuardKind.Clamp, 0, value, min, max, choice);
        }

        return Tape<T>.Operation(result, choice == 0 ? value : choice == 1 ? min : max, T.One, ReplayOp.Copy);
    }

    /// <inheritdoc cref="INumber{TSelf}.CopySign"/>
    public static Var<T> CopySign(Var<T> value, Var<T> sign)
    {
        (T result, T dx) = Rules<T>.CopySign(value._value, sign._value);
        if (!value.IsRecorded && Tape<T>.AnyCompiling)
        {
            // A constant value's result is a constant that the sign's sign bit chose.
            Tape<T>.Guard(Predicate.IsNegative, sign, T.IsNegative(sign._value) ? 1 : 0);
        }

        return Tape<T>.Operation(result, value, dx, ReplayOp.CopySign, 0, sign, 0);
    }

    /// <inheritdoc cref="INumber{TSelf}.Max"/>
    /// <remarks>At a tie the first argument is taken.</remarks>
    public static Var<T> Max(Var<T> x, Var<T> y) => Select(Selection.Max, T.Max(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MaxNumber"/>
    public static Var<T> MaxNumber(Var<T> x, Var<T> y) => Select(Selection.MaxNumber, T.MaxNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Min"/>
    /// <remarks>At a tie the first argument is taken.</remarks>
    public static Var<T> Min(Var<T> x, Var<T> y) => Select(Selection.Min, T.Min(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MinNumber"/>
    public static Var<T> MinNumber(Var<T> x, Var<T> y) => Select(Selection.MinNumber, T.MinNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Sign"/>
    public static int Sign(Var<T> value) => Guarded(T.Sign(value._value), Predicate.Sign, value);

    //
    // INumberBase
    //

    /// <inheritdoc cref="INumberBase{TSelf}.One"/>
    public static Var<T> One => new(T.One);

    static int INumberBase<Var<T>>.Radix => T.Radix;

    /// <inheritdoc cref="INumberBase{TSelf}.Zero"/>
    public static Var<T> Zero => new(T.Zero);

    static bool INumberBase<Var<T>>.IsCanonical(Var<T> value) => true;

    static bool INumberBase<Var<T>>.IsComplexNumber(Var<T> value) => false;

    /// <inheritdoc cref="INumberBase{TSelf}.IsEvenInteger"/>
    public static bool IsEvenInteger(Var<T> value) => Guarded(T.IsEvenInteger(value._value), Predicate.IsEvenInteger, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsFinite"/>
    public static bool IsFinite(Var<T> value) => Guarded(T.IsFinite(value._value), Predicate.IsFinite, value);

    static bool INumberBase<Var<T>>.IsImaginaryNumber(Var<T> value) => false;

    /// <inheritdoc cref="INumberBase{TSelf}.IsInfinity"/>
    public static bool IsInfinity(Var<T> value) => Guarded(T.IsInfinity(value._value), Predicate.IsInfinity, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsInteger"/>
    public static bool IsInteger(Var<T> value) => Guarded(T.IsInteger(value._value), Predicate.IsInteger, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNaN"/>
    /// <remarks>Tests the value only.</remarks>
    public static bool IsNaN(Var<T> value) => Guarded(T.IsNaN(value._value), Predicate.IsNaN, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegative"/>
    public static bool IsNegative(Var<T> value) => Guarded(T.IsNegative(value._value), Predicate.IsNegative, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegativeInfinity"/>
    public static bool IsNegativeInfinity(Var<T> value) => Guarded(T.IsNegativeInfinity(value._value), Predicate.IsNegativeInfinity, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNormal"/>
    public static bool IsNormal(Var<T> value) => Guarded(T.IsNormal(value._value), Predicate.IsNormal, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsOddInteger"/>
    public static bool IsOddInteger(Var<T> value) => Guarded(T.IsOddInteger(value._value), Predicate.IsOddInteger, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositive"/>
    public static bool IsPositive(Var<T> value) => Guarded(T.IsPositive(value._value), Predicate.IsPositive, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositiveInfinity"/>
    public static bool IsPositiveInfinity(Var<T> value) => Guarded(T.IsPositiveInfinity(value._value), Predicate.IsPositiveInfinity, value);

    static bool INumberBase<Var<T>>.IsRealNumber(Var<T> value) => Guarded(T.IsRealNumber(value._value), Predicate.IsRealNumber, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsSubnormal"/>
    public static bool IsSubnormal(Var<T> value) => Guarded(T.IsSubnormal(value._value), Predicate.IsSubnormal, value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsZero"/>
    /// <remarks>Tests the value only, as a branch in user code would.</remarks>
    public static bool IsZero(Var<T> value) => Guarded(T.IsZero(value._value), Predicate.IsZero, value);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitude"/>
    public static Var<T> MaxMagnitude(Var<T> x, Var<T> y) => Select(Selection.MaxMagnitude, T.MaxMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitudeNumber"/>
    public static Var<T> MaxMagnitudeNumber(Var<T> x, Var<T> y) => Select(Selection.MaxMagnitudeNumber, T.MaxMagnitudeNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitude"/>
    public static Var<T> MinMagnitude(Var<T> x, Var<T> y) => Select(Selection.MinMagnitude, T.MinMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitudeNumber"/>
    public static Var<T> MinMagnitudeNumber(Var<T> x, Var<T> y) => Select(Selection.MinMagnitudeNumber, T.MinMagnitudeNumber(x._value, y._value), x, y);

    //
    // INumberBase conversions: any number converts to a constant; a variable converts out through its value
    //

    /// <inheritdoc cref="INumberBase{TSelf}.CreateChecked{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (never recorded).</remarks>
    public static Var<T> CreateChecked<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, CheckedConversion>(value);

    /// <inheritdoc cref="INumberBase{TSelf}.CreateSaturating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (never recorded).</remarks>
    public static Var<T> CreateSaturating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, SaturatingConversion>(value);

    /// <inheritdoc cref="INumberBase{TSelf}.CreateTruncating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (never recorded).</remarks>
    public static Var<T> CreateTruncating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, TruncatingConversion>(value);

    static bool INumberBase<Var<T>>.TryConvertFromChecked<TOther>(TOther value, out Var<T> result) => NumberConversions.Converted(Create<TOther, CheckedConversion>(value), out result);

    static bool INumberBase<Var<T>>.TryConvertFromSaturating<TOther>(TOther value, out Var<T> result) => NumberConversions.Converted(Create<TOther, SaturatingConversion>(value), out result);

    static bool INumberBase<Var<T>>.TryConvertFromTruncating<TOther>(TOther value, out Var<T> result) => NumberConversions.Converted(Create<TOther, TruncatingConversion>(value), out result);

    static bool INumberBase<Var<T>>.TryConvertToChecked<TOther>(Var<T> value, out TOther result) => TryConvertTo<TOther, CheckedConversion>(value, out result);

    static bool INumberBase<Var<T>>.TryConvertToSaturating<TOther>(Var<T> value, out TOther result) => TryConvertTo<TOther, SaturatingConversion>(value, out result);

    static bool INumberBase<Var<T>>.TryConvertToTruncating<TOther>(Var<T> value, out TOther result) => TryConvertTo<TOther, TruncatingConversion>(value, out result);

    private static Var<T> Create<TOther, TConversion>(TOther value)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion => typeof(TOther) == typeof(Var<T>) ? (Var<T>)(object)value : new(TConversion.Convert<TOther, T>(value));

    /// <summary>A conversion out of the tape: a recording for replay replays only where it gives the same result.</summary>
    private static bool TryConvertTo<TOther, TConversion>(Var<T> value, out TOther result)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion
    {
        result = TConversion.Convert<T, TOther>(value._value);
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(GuardKind.Check, 0, value, default, default, 0, default!, new ConversionCheck<T, TOther, TConversion>(result));
        }

        return true;
    }

    //
    // IParsable, ISpanParsable, INumberBase parsing: text parses to a constant
    //

    /// <inheritdoc cref="INumberBase{TSelf}.Parse(string, NumberStyles, IFormatProvider?)"/>
    public static Var<T> Parse(string s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <inheritdoc cref="INumberBase{TSelf}.Parse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?)"/>
    public static Var<T> Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <inheritdoc cref="IParsable{TSelf}.Parse(string, IFormatProvider?)"/>
    public static Var<T> Parse(string s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <inheritdoc cref="ISpanParsable{TSelf}.Parse(ReadOnlySpan{char}, IFormatProvider?)"/>
    public static Var<T> Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <inheritdoc cref="INumberBase{TSelf}.TryParse(string, NumberStyles, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(string? s, NumberStyles style, IFormatProvider? provider, out Var<T> result) => Wrap(T.TryParse(s, style, provider, out T? value), value, out result);

    /// <inheritdoc cref="INumberBase{TSelf}.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Var<T> result) => Wrap(T.TryParse(s, style, provider, out T? value), value, out result);

    /// <inheritdoc cref="IParsable{TSelf}.TryParse(string?, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(string? s, IFormatProvider? provider, out Var<T> result) => Wrap(T.TryParse(s, provider, out T? value), value, out result);

    /// <inheritdoc cref="ISpanParsable{TSelf}.TryParse(ReadOnlySpan{char}, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Var<T> result) => Wrap(T.TryParse(s, provider, out T? value), value, out result);

    private static bool Wrap(bool parsed, T? value, out Var<T> result)
    {
        result = parsed ? new Var<T>(value!) : default;
        return parsed;
    }
}
