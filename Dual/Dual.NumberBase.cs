using System.Globalization;
using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T>
{
    //
    // IAdditiveIdentity, IMultiplicativeIdentity, ISignedNumber
    //

    /// <inheritdoc cref="IAdditiveIdentity{TSelf, TResult}.AdditiveIdentity"/>
    public static Dual<T> AdditiveIdentity => Zero;

    /// <inheritdoc cref="IMultiplicativeIdentity{TSelf, TResult}.MultiplicativeIdentity"/>
    public static Dual<T> MultiplicativeIdentity => One;

    /// <inheritdoc cref="ISignedNumber{TSelf}.NegativeOne"/>
    public static Dual<T> NegativeOne => new(T.NegativeOne, T.Zero);

    //
    // IFloatingPoint
    //

    int IFloatingPoint<Dual<T>>.GetExponentByteCount() => _value.GetExponentByteCount();

    int IFloatingPoint<Dual<T>>.GetExponentShortestBitLength() => _value.GetExponentShortestBitLength();

    int IFloatingPoint<Dual<T>>.GetSignificandBitLength() => _value.GetSignificandBitLength();

    int IFloatingPoint<Dual<T>>.GetSignificandByteCount() => _value.GetSignificandByteCount();

    bool IFloatingPoint<Dual<T>>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteExponentBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T>>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteExponentLittleEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T>>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteSignificandBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Dual<T>>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteSignificandLittleEndian(destination, out bytesWritten);

    //
    // IFloatingPointConstants
    //

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.E"/>
    public static Dual<T> E => new(T.E, T.Zero);

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.Pi"/>
    public static Dual<T> Pi => new(T.Pi, T.Zero);

    /// <inheritdoc cref="IFloatingPointConstants{TSelf}.Tau"/>
    public static Dual<T> Tau => new(T.Tau, T.Zero);

    //
    // IFloatingPointIeee754 constants
    //

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.Epsilon"/>
    public static Dual<T> Epsilon => new(T.Epsilon, T.Zero);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NaN"/>
    public static Dual<T> NaN => new(T.NaN, T.Zero);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NegativeInfinity"/>
    public static Dual<T> NegativeInfinity => new(T.NegativeInfinity, T.Zero);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.NegativeZero"/>
    public static Dual<T> NegativeZero => new(T.NegativeZero, T.Zero);

    /// <inheritdoc cref="IFloatingPointIeee754{TSelf}.PositiveInfinity"/>
    public static Dual<T> PositiveInfinity => new(T.PositiveInfinity, T.Zero);

    //
    // INumber
    //

    /// <inheritdoc cref="INumber{TSelf}.Clamp"/>
    /// <remarks>Carries the tangent of whichever argument is returned; at a bound equal to the value, the value's.</remarks>
    public static Dual<T> Clamp(Dual<T> value, Dual<T> min, Dual<T> max)
    {
        T result = T.Clamp(value._value, min._value, max._value);
        return Rules<T>.SelectsFirst(result, value._value) ? new(result, value._tangent) : Select(result, min, max);
    }

    /// <inheritdoc cref="INumber{TSelf}.CopySign"/>
    public static Dual<T> CopySign(Dual<T> value, Dual<T> sign)
    {
        (T result, T dx) = Rules<T>.CopySign(value._value, sign._value);
        return new(result, Propagation.Scale(value._tangent, dx));
    }

    /// <inheritdoc cref="INumber{TSelf}.Max"/>
    /// <remarks>At a tie the first argument's tangent is taken.</remarks>
    public static Dual<T> Max(Dual<T> x, Dual<T> y) => Select(T.Max(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MaxNumber"/>
    public static Dual<T> MaxNumber(Dual<T> x, Dual<T> y) => Select(T.MaxNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Min"/>
    /// <remarks>At a tie the first argument's tangent is taken.</remarks>
    public static Dual<T> Min(Dual<T> x, Dual<T> y) => Select(T.Min(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MinNumber"/>
    public static Dual<T> MinNumber(Dual<T> x, Dual<T> y) => Select(T.MinNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Sign"/>
    public static int Sign(Dual<T> value) => T.Sign(value._value);

    //
    // INumberBase
    //

    /// <inheritdoc cref="INumberBase{TSelf}.One"/>
    public static Dual<T> One => new(T.One, T.Zero);

    static int INumberBase<Dual<T>>.Radix => T.Radix;

    /// <inheritdoc cref="INumberBase{TSelf}.Zero"/>
    public static Dual<T> Zero => new(T.Zero, T.Zero);

    static bool INumberBase<Dual<T>>.IsCanonical(Dual<T> value) => true;

    static bool INumberBase<Dual<T>>.IsComplexNumber(Dual<T> value) => false;

    /// <inheritdoc cref="INumberBase{TSelf}.IsEvenInteger"/>
    public static bool IsEvenInteger(Dual<T> value) => T.IsEvenInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsFinite"/>
    public static bool IsFinite(Dual<T> value) => T.IsFinite(value._value);

    static bool INumberBase<Dual<T>>.IsImaginaryNumber(Dual<T> value) => false;

    /// <inheritdoc cref="INumberBase{TSelf}.IsInfinity"/>
    public static bool IsInfinity(Dual<T> value) => T.IsInfinity(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsInteger"/>
    public static bool IsInteger(Dual<T> value) => T.IsInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNaN"/>
    /// <remarks>Tests the value only.</remarks>
    public static bool IsNaN(Dual<T> value) => T.IsNaN(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegative"/>
    public static bool IsNegative(Dual<T> value) => T.IsNegative(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegativeInfinity"/>
    public static bool IsNegativeInfinity(Dual<T> value) => T.IsNegativeInfinity(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNormal"/>
    public static bool IsNormal(Dual<T> value) => T.IsNormal(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsOddInteger"/>
    public static bool IsOddInteger(Dual<T> value) => T.IsOddInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositive"/>
    public static bool IsPositive(Dual<T> value) => T.IsPositive(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositiveInfinity"/>
    public static bool IsPositiveInfinity(Dual<T> value) => T.IsPositiveInfinity(value._value);

    static bool INumberBase<Dual<T>>.IsRealNumber(Dual<T> value) => T.IsRealNumber(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsSubnormal"/>
    public static bool IsSubnormal(Dual<T> value) => T.IsSubnormal(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsZero"/>
    /// <remarks>Tests the value only, as a branch in user code would.</remarks>
    public static bool IsZero(Dual<T> value) => T.IsZero(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitude"/>
    public static Dual<T> MaxMagnitude(Dual<T> x, Dual<T> y) => Select(T.MaxMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitudeNumber"/>
    public static Dual<T> MaxMagnitudeNumber(Dual<T> x, Dual<T> y) => Select(T.MaxMagnitudeNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitude"/>
    public static Dual<T> MinMagnitude(Dual<T> x, Dual<T> y) => Select(T.MinMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitudeNumber"/>
    public static Dual<T> MinMagnitudeNumber(Dual<T> x, Dual<T> y) => Select(T.MinMagnitudeNumber(x._value, y._value), x, y);

    //
    // INumberBase conversions: any number converts to a constant; a dual converts out through its value
    //

    /// <inheritdoc cref="INumberBase{TSelf}.CreateChecked{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (zero tangent).</remarks>
    public static Dual<T> CreateChecked<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, CheckedConversion>(value);

    /// <inheritdoc cref="INumberBase{TSelf}.CreateSaturating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (zero tangent).</remarks>
    public static Dual<T> CreateSaturating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, SaturatingConversion>(value);

    /// <inheritdoc cref="INumberBase{TSelf}.CreateTruncating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (zero tangent).</remarks>
    public static Dual<T> CreateTruncating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, TruncatingConversion>(value);

    static bool INumberBase<Dual<T>>.TryConvertFromChecked<TOther>(TOther value, out Dual<T> result) => NumberConversions.Converted(Create<TOther, CheckedConversion>(value), out result);

    static bool INumberBase<Dual<T>>.TryConvertFromSaturating<TOther>(TOther value, out Dual<T> result) => NumberConversions.Converted(Create<TOther, SaturatingConversion>(value), out result);

    static bool INumberBase<Dual<T>>.TryConvertFromTruncating<TOther>(TOther value, out Dual<T> result) => NumberConversions.Converted(Create<TOther, TruncatingConversion>(value), out result);

    static bool INumberBase<Dual<T>>.TryConvertToChecked<TOther>(Dual<T> value, out TOther result) => TryConvertTo<TOther, CheckedConversion>(value._value, out result);

    static bool INumberBase<Dual<T>>.TryConvertToSaturating<TOther>(Dual<T> value, out TOther result) => TryConvertTo<TOther, SaturatingConversion>(value._value, out result);

    static bool INumberBase<Dual<T>>.TryConvertToTruncating<TOther>(Dual<T> value, out TOther result) => TryConvertTo<TOther, TruncatingConversion>(value._value, out result);

    private static Dual<T> Create<TOther, TConversion>(TOther value)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion => typeof(TOther) == typeof(Dual<T>) ? (Dual<T>)(object)value : new(TConversion.Convert<TOther, T>(value), T.Zero);

    private static bool TryConvertTo<TOther, TConversion>(T value, out TOther result)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion => NumberConversions.Converted(TConversion.Convert<T, TOther>(value), out result);

    //
    // IParsable, ISpanParsable, INumberBase parsing: text parses to a constant
    //

    /// <inheritdoc cref="INumberBase{TSelf}.Parse(string, NumberStyles, IFormatProvider?)"/>
    public static Dual<T> Parse(string s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <inheritdoc cref="INumberBase{TSelf}.Parse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?)"/>
    public static Dual<T> Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => T.Parse(s, style, provider);

    /// <inheritdoc cref="IParsable{TSelf}.Parse(string, IFormatProvider?)"/>
    public static Dual<T> Parse(string s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <inheritdoc cref="ISpanParsable{TSelf}.Parse(ReadOnlySpan{char}, IFormatProvider?)"/>
    public static Dual<T> Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => T.Parse(s, provider);

    /// <inheritdoc cref="INumberBase{TSelf}.TryParse(string, NumberStyles, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(string? s, NumberStyles style, IFormatProvider? provider, out Dual<T> result) => Wrap(T.TryParse(s, style, provider, out T? value), value, out result);

    /// <inheritdoc cref="INumberBase{TSelf}.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Dual<T> result) => Wrap(T.TryParse(s, style, provider, out T? value), value, out result);

    /// <inheritdoc cref="IParsable{TSelf}.TryParse(string?, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(string? s, IFormatProvider? provider, out Dual<T> result) => Wrap(T.TryParse(s, provider, out T? value), value, out result);

    /// <inheritdoc cref="ISpanParsable{TSelf}.TryParse(ReadOnlySpan{char}, IFormatProvider?, out TSelf)"/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Dual<T> result) => Wrap(T.TryParse(s, provider, out T? value), value, out result);

    private static bool Wrap(bool parsed, T? value, out Dual<T> result)
    {
        result = parsed ? new Dual<T>(value!, T.Zero) : default;
        return parsed;
    }
}
