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

    int IFloatingPoint<Var<T>>.GetExponentShortestBitLength() => _value.GetExponentShortestBitLength();

    int IFloatingPoint<Var<T>>.GetSignificandBitLength() => _value.GetSignificandBitLength();

    int IFloatingPoint<Var<T>>.GetSignificandByteCount() => _value.GetSignificandByteCount();

    bool IFloatingPoint<Var<T>>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteExponentBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Var<T>>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteExponentLittleEndian(destination, out bytesWritten);

    bool IFloatingPoint<Var<T>>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteSignificandBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<Var<T>>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => _value.TryWriteSignificandLittleEndian(destination, out bytesWritten);

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
        return Rules<T>.SelectsFirst(result, value._value) ? Tape<T>.Operation(result, value, T.One) : Select(result, min, max);
    }

    /// <inheritdoc cref="INumber{TSelf}.CopySign"/>
    public static Var<T> CopySign(Var<T> value, Var<T> sign)
    {
        (T result, T dx) = Rules<T>.CopySign(value._value, sign._value);
        return Tape<T>.Operation(result, value, dx);
    }

    /// <inheritdoc cref="INumber{TSelf}.Max"/>
    /// <remarks>At a tie the first argument is taken.</remarks>
    public static Var<T> Max(Var<T> x, Var<T> y) => Select(T.Max(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MaxNumber"/>
    public static Var<T> MaxNumber(Var<T> x, Var<T> y) => Select(T.MaxNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Min"/>
    /// <remarks>At a tie the first argument is taken.</remarks>
    public static Var<T> Min(Var<T> x, Var<T> y) => Select(T.Min(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.MinNumber"/>
    public static Var<T> MinNumber(Var<T> x, Var<T> y) => Select(T.MinNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumber{TSelf}.Sign"/>
    public static int Sign(Var<T> value) => T.Sign(value._value);

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
    public static bool IsEvenInteger(Var<T> value) => T.IsEvenInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsFinite"/>
    public static bool IsFinite(Var<T> value) => T.IsFinite(value._value);

    static bool INumberBase<Var<T>>.IsImaginaryNumber(Var<T> value) => false;

    /// <inheritdoc cref="INumberBase{TSelf}.IsInfinity"/>
    public static bool IsInfinity(Var<T> value) => T.IsInfinity(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsInteger"/>
    public static bool IsInteger(Var<T> value) => T.IsInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNaN"/>
    /// <remarks>Tests the value only.</remarks>
    public static bool IsNaN(Var<T> value) => T.IsNaN(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegative"/>
    public static bool IsNegative(Var<T> value) => T.IsNegative(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNegativeInfinity"/>
    public static bool IsNegativeInfinity(Var<T> value) => T.IsNegativeInfinity(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsNormal"/>
    public static bool IsNormal(Var<T> value) => T.IsNormal(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsOddInteger"/>
    public static bool IsOddInteger(Var<T> value) => T.IsOddInteger(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositive"/>
    public static bool IsPositive(Var<T> value) => T.IsPositive(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsPositiveInfinity"/>
    public static bool IsPositiveInfinity(Var<T> value) => T.IsPositiveInfinity(value._value);

    static bool INumberBase<Var<T>>.IsRealNumber(Var<T> value) => T.IsRealNumber(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsSubnormal"/>
    public static bool IsSubnormal(Var<T> value) => T.IsSubnormal(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.IsZero"/>
    /// <remarks>Tests the value only, as a branch in user code would.</remarks>
    public static bool IsZero(Var<T> value) => T.IsZero(value._value);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitude"/>
    public static Var<T> MaxMagnitude(Var<T> x, Var<T> y) => Select(T.MaxMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MaxMagnitudeNumber"/>
    public static Var<T> MaxMagnitudeNumber(Var<T> x, Var<T> y) => Select(T.MaxMagnitudeNumber(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitude"/>
    public static Var<T> MinMagnitude(Var<T> x, Var<T> y) => Select(T.MinMagnitude(x._value, y._value), x, y);

    /// <inheritdoc cref="INumberBase{TSelf}.MinMagnitudeNumber"/>
    public static Var<T> MinMagnitudeNumber(Var<T> x, Var<T> y) => Select(T.MinMagnitudeNumber(x._value, y._value), x, y);

    //
    // INumberBase conversions: any number converts to a constant; a variable converts out through its value
    //

    /// <inheritdoc cref="INumberBase{TSelf}.CreateChecked{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (never recorded).</remarks>
    public static Var<T> CreateChecked<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create(value, static v => T.CreateChecked(v));

    /// <inheritdoc cref="INumberBase{TSelf}.CreateSaturating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (never recorded).</remarks>
    public static Var<T> CreateSaturating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create(value, static v => T.CreateSaturating(v));

    /// <inheritdoc cref="INumberBase{TSelf}.CreateTruncating{TOther}(TOther)"/>
    /// <remarks>Public, as on <see cref="double"/>: any number converts to a constant (never recorded).</remarks>
    public static Var<T> CreateTruncating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create(value, static v => T.CreateTruncating(v));

    static bool INumberBase<Var<T>>.TryConvertFromChecked<TOther>(TOther value, out Var<T> result) => TryConvertFrom(value, out result, static v => T.CreateChecked(v));

    static bool INumberBase<Var<T>>.TryConvertFromSaturating<TOther>(TOther value, out Var<T> result) => TryConvertFrom(value, out result, static v => T.CreateSaturating(v));

    static bool INumberBase<Var<T>>.TryConvertFromTruncating<TOther>(TOther value, out Var<T> result) => TryConvertFrom(value, out result, static v => T.CreateTruncating(v));

    static bool INumberBase<Var<T>>.TryConvertToChecked<TOther>(Var<T> value, out TOther result) => TryConvertTo(value._value, out result, static v => TOther.CreateChecked(v));

    static bool INumberBase<Var<T>>.TryConvertToSaturating<TOther>(Var<T> value, out TOther result) => TryConvertTo(value._value, out result, static v => TOther.CreateSaturating(v));

    static bool INumberBase<Var<T>>.TryConvertToTruncating<TOther>(Var<T> value, out TOther result) => TryConvertTo(value._value, out result, static v => TOther.CreateTruncating(v));

    private static Var<T> Create<TOther>(TOther value, Func<TOther, T> create)
        where TOther : INumberBase<TOther>
    {
        TryConvertFrom(value, out Var<T> result, create);
        return result;
    }

    private static bool TryConvertFrom<TOther>(TOther value, out Var<T> result, Func<TOther, T> create)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(Var<T>))
        {
            result = (Var<T>)(object)value;
            return true;
        }

        result = new(create(value));
        return true;
    }

    private static bool TryConvertTo<TOther>(T value, out TOther result, Func<T, TOther> create)
    {
        result = create(value);
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
