using System.Globalization;
using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T, TTangents>
{
    //
    // IAdditiveIdentity, IMultiplicativeIdentity, ISignedNumber
    //

    /// <inheritdoc cref="IAdditiveIdentity{TSelf, TResult}.AdditiveIdentity"/>
    public static Dual<T, TTangents> AdditiveIdentity => Zero;

    /// <inheritdoc cref="IMultiplicativeIdentity{TSelf, TResult}.MultiplicativeIdentity"/>
    public static Dual<T, TTangents> MultiplicativeIdentity => One;

    /// <inheritdoc cref="ISignedNumber{TSelf}.NegativeOne"/>
    public static Dual<T, TTangents> NegativeOne => new(T.NegativeOne);

    //
    // IFloatingPoint
    //

    int IFloatingPoint<Dual<T, TTangents>>.GetExponentByteCount() => _value.GetExponentByteCount();

    int IFloatingPoint<Dual<T, TTangents>>.GetExponentShortestBitLength() => _value.GetExponentShortestBitLength();

    int IFloatingPoint<Dual<T, TTangents>>.GetSignificandBitLength() => _value.GetSignificandBitLength();

    int IFloatingPoint<Dual<T, TTangents>>.GetSignificandByteCount() => _value.GetSignificandByteCount();

    bool IFloatingPoint<Dual<T, TTangents>>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteExponentBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T, TTangents>>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteExponentLittleEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T, TTangents>>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteSignificandBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T, TTangents>>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteSignificandLittleEndian(destination, out bytesWritten);

    //
    // IFloatingPointConstants
    //

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.E"/>
    public static Dual<T, TTangents> E => new(T.E);

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.Pi"/>
    public static Dual<T, TTangents> Pi => new(T.Pi);

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.Tau"/>
    public static Dual<T, TTangents> Tau => new(T.Tau);

    //
    // IFloatingPointIeee754 constants
    //

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Epsilon"/>
    public static Dual<T, TTangents> Epsilon => new(T.Epsilon);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NaN"/>
    public static Dual<T, TTangents> NaN => new(T.NaN);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NegativeInfinity"/>
    public static Dual<T, TTangents> NegativeInfinity => new(T.NegativeInfinity);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NegativeZero"/>
    public static Dual<T, TTangents> NegativeZero => new(T.NegativeZero);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.PositiveInfinity"/>
    public static Dual<T, TTangents> PositiveInfinity => new(T.PositiveInfinity);

    //
    // INumber
    //

    /// <inheritdoc cref="INumber{TSelf}.Clamp"/>
    /// <remarks>Carries the tangent of whichever argument is returned; at a bound equal to the value, the value's.</remarks>
    public static Dual<T, TTangents> Clamp(Dual<T, TTangents> value, Dual<T, TTangents> min, Dual<T, TTangents> max)
    {
        T result = T.Clamp(value._value, min._value, max._value);
        return Rules<T>.SelectsFirst(result, value._value) ? new(result, value._tangents) : Select(result, min, max);
    }

    /// <inheritdoc cref="INumber{TSelf}.CopySign"/>
    public static Dual<T, TTangents> CopySign(Dual<T, TTangents> value, Dual<T, TTangents> sign)
    {
        (T result, T dx) = Rules<T>.CopySign(value._value, sign._value);
        return new(result, TangentLanes.Scale<T, TTangents>(value._tangents, dx));
    }

    /// <inheritdoc cref="INumber{TSelf}.Max"/>
    /// <remarks>At a tie the first argument's tangent is taken.</remarks>
    public static Dual<T, TTangents> Max(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.Max(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MaxNumber"/>
    public static Dual<T, TTangents> MaxNumber(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.MaxNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Min"/>
    /// <remarks>At a tie the first argument's tangent is taken.</remarks>
    public static Dual<T, TTangents> Min(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.Min(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MinNumber"/>
    public static Dual<T, TTangents> MinNumber(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.MinNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Sign"/>
    public static int Sign(Dual<T, TTangents> value) => T.Sign(value._value);

    //
    // INumberBase
    //

    /// <inheritdoc cref="INumberBase{TSelf}.One"/>
    public static Dual<T, TTangents> One => new(T.One);

    static int INumberBase<Dual<T, TTangents>>.Radix => T.Radix;

    /// <inheritdoc cref="INumberBase{TSelf}.Zero"/>
    public static Dual<T, TTangents> Zero => new(T.Zero);

    static bool INumberBase<Dual<T, TTangents>>.IsCanonical(Dual<T, TTangents> value) => true;

    static bool INumberBase<Dual<T, TTangents>>.IsComplexNumber(Dual<T, TTangents> value) => false;

    /// <inheritdoc cref="INumberBase{TSelf}.IsEvenInteger"/>
    public static bool IsEvenInteger(Dual<T, TTangents> value) => T.IsEvenInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsFinite"/>
    public static bool IsFinite(Dual<T, TTangents> value) => T.IsFinite(value._value);

    static bool INumberBase<Dual<T, TTangents>>.IsImaginaryNumber(Dual<T, TTangents> value) => false;

    /// <inheritdoc cref="INumberBase{TSelf}.IsInfinity"/>
    public static bool IsInfinity(Dual<T, TTangents> value) => T.IsInfinity(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsInteger"/>
    public static bool IsInteger(Dual<T, TTangents> value) => T.IsInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNaN"/>
    /// <remarks>Tests the value only.</remarks>
    public static bool IsNaN(Dual<T, TTangents> value) => T.IsNaN(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegative"/>
    public static bool IsNegative(Dual<T, TTangents> value) => T.IsNegative(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegativeInfinity"/>
    public static bool IsNegativeInfinity(Dual<T, TTangents> value) => T.IsNegativeInfinity(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNormal"/>
    public static bool IsNormal(Dual<T, TTangents> value) => T.IsNormal(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsOddInteger"/>
    public static bool IsOddInteger(Dual<T, TTangents> value) => T.IsOddInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositive"/>
    public static bool IsPositive(Dual<T, TTangents> value) => T.IsPositive(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositiveInfinity"/>
    public static bool IsPositiveInfinity(Dual<T, TTangents> value) => T.IsPositiveInfinity(value._value);

    static bool INumberBase<Dual<T, TTangents>>.IsRealNumber(Dual<T, TTangents> value) => T.IsRealNumber(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsSubnormal"/>
    public static bool IsSubnormal(Dual<T, TTangents> value) => T.IsSubnormal(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsZero"/>
    /// <remarks>Tests the value only, as a branch in user code would.</remarks>
    public static bool IsZero(Dual<T, TTangents> value) => T.IsZero(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitude"/>
    public static Dual<T, TTangents> MaxMagnitude(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.MaxMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitudeNumber"/>
    public static Dual<T, TTangents> MaxMagnitudeNumber(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.MaxMagnitudeNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitude"/>
    public static Dual<T, TTangents> MinMagnitude(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.MinMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitudeNumber"/>
    public static Dual<T, TTangents> MinMagnitudeNumber(Dual<T, TTangents> x, Dual<T, TTangents> y) => Select(T.MinMagnitudeNumber(x._value, y._value), x, y);

    //
    // INumberBase conversions: any number converts to a constant; a dual converts out through its value
    //

    /// <inheritdoc cref="INumberBase{TSelf}.CreateChecked{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (zero tangent).</remarks>
    public static Dual<T, TTangents> CreateChecked<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, CheckedConversion>(value);

    /// <inheritdoc cref="INumberBase{TSelf}.CreateSaturating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (zero tangent).</remarks>
    public static Dual<T, TTangents> CreateSaturating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, SaturatingConversion>(value);

    /// <inheritdoc cref="INumberBase{TSelf}.CreateTruncating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (zero tangent).</remarks>
    public static Dual<T, TTangents> CreateTruncating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, TruncatingConversion>(value);

    static bool INumberBase<Dual<T, TTangents>>.TryConvertFromChecked<TOther>(TOther value, out Dual<T, TTangents> result) => NumberConversions.Converted(Create<TOther, CheckedConversion>(value), out result);

    static bool INumberBase<Dual<T, TTangents>>.TryConvertFromSaturating<TOther>(TOther value, out Dual<T, TTangents> result) => NumberConversions.Converted(Create<TOther, SaturatingConversion>(value), out result);

    static bool INumberBase<Dual<T, TTangents>>.TryConvertFromTruncating<TOther>(TOther value, out Dual<T, TTangents> result) => NumberConversions.Converted(Create<TOther, TruncatingConversion>(value), out result);

    static bool INumberBase<Dual<T, TTangents>>.TryConvertToChecked<TOther>(Dual<T, TTangents> value, out TOther result) => TryConvertTo<TOther, CheckedConversion>(value._value, out result);

    static bool INumberBase<Dual<T, TTangents>>.TryConvertToSaturating<TOther>(Dual<T, TTangents> value, out TOther result) => TryConvertTo<TOther, SaturatingConversion>(value._value, out result);

    static bool INumberBase<Dual<T, TTangents>>.TryConvertToTruncating<TOther>(Dual<T, TTangents> value, out TOther result) => TryConvertTo<TOther, TruncatingConversion>(value._value, out result);

    private static Dual<T, TTangents> Create<TOther, TConversion>(TOther value)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion => typeof(TOther) == typeof(Dual<T, TTangents>) ? (Dual<T, TTangents>)(object)value : new(TConversion.Convert<TOther, T>(value));

    private static bool TryConvertTo<TOther, TConversion>(T value, out TOther result)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion => NumberConversions.Converted(TConversion.Convert<T, TOther>(value), out result);

    //
    // IParsable, ISpanParsable, INumberBase parsing: text parses to a constant
    //

    /// <inheritdoc cref="INumberBase{TSelf}.Parse(string, NumberStyles, IFormatProvider?)"/>
    public static Dual<T, TTangents> Parse(string s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <inheritdoc cref="INumberBase{TSelf}.Parse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?)"/>
    public static Dual<T, TTangents> Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <inheritdoc cref="IParsable{TSelf}.Parse(string, IFormatProvider?)"/>
    public static Dual<T, TTangents> Parse(string s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <inheritdoc cref="ISpanParsable{TSelf}.Parse(ReadOnlySpan{char}, IFormatProvider?)"/>
    public static Dual<T, TTangents> Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <inheritdoc cref="INumberBase{TSelf}.TryParse(string, NumberStyles, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(string? s, NumberStyles style, IFormatProvider? provider, out Dual<T, TTangents> result) => Wrap(T.TryParse(s, style, provider, out T? value), value, out result);

    /// <inheritdoc cref="INumberBase{TSelf}.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Dual<T, TTangents> result) => Wrap(T.TryParse(s, style, provider, out T? value), value, out result);

    /// <inheritdoc cref="IParsable{TSelf}.TryParse(string?, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(string? s, IFormatProvider? provider, out Dual<T, TTangents> result) => Wrap(T.TryParse(s, provider, out T? value), value, out result);

    /// <inheritdoc cref="ISpanParsable{TSelf}.TryParse(ReadOnlySpan{char}, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Dual<T, TTangents> result) => Wrap(T.TryParse(s, provider, out T? value), value, out result);

    private static bool Wrap(bool parsed, T? value, out Dual<T, TTangents> result)
    {
        result = parsed ? new Dual<T, TTangents>(value!) : default;
        return parsed;
    }
}
