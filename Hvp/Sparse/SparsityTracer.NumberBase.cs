using System.Globalization;
using System.Numerics;

namespace DualAutodiff;

internal readonly partial struct SparsityTracer
{
    //
    // IAdditiveIdentity, IMultiplicativeIdentity, ISignedNumber
    //

    public static SparsityTracer AdditiveIdentity => Zero;

    public static SparsityTracer MultiplicativeIdentity => One;

    public static SparsityTracer NegativeOne => Constant(-1);

    //
    // IFloatingPoint
    //

    int IFloatingPoint<SparsityTracer>.GetExponentByteCount() => ((IFloatingPoint<double>)_value).GetExponentByteCount();

    int IFloatingPoint<SparsityTracer>.GetExponentShortestBitLength() => ((IFloatingPoint<double>)_value).GetExponentShortestBitLength();

    int IFloatingPoint<SparsityTracer>.GetSignificandBitLength() => ((IFloatingPoint<double>)_value).GetSignificandBitLength();

    int IFloatingPoint<SparsityTracer>.GetSignificandByteCount() => ((IFloatingPoint<double>)_value).GetSignificandByteCount();

    bool IFloatingPoint<SparsityTracer>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) => ((IFloatingPoint<double>)_value).TryWriteExponentBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<SparsityTracer>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) => ((IFloatingPoint<double>)_value).TryWriteExponentLittleEndian(destination, out bytesWritten);

    bool IFloatingPoint<SparsityTracer>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) => ((IFloatingPoint<double>)_value).TryWriteSignificandBigEndian(destination, out bytesWritten);

    bool IFloatingPoint<SparsityTracer>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) => ((IFloatingPoint<double>)_value).TryWriteSignificandLittleEndian(destination, out bytesWritten);

    //
    // IFloatingPointConstants, IFloatingPointIeee754 constants
    //

    public static SparsityTracer E => Constant(double.E);

    public static SparsityTracer Pi => Constant(double.Pi);

    public static SparsityTracer Tau => Constant(double.Tau);

    public static SparsityTracer Epsilon => Constant(double.Epsilon);

    public static SparsityTracer NaN => Constant(double.NaN);

    public static SparsityTracer NegativeInfinity => Constant(double.NegativeInfinity);

    public static SparsityTracer NegativeZero => Constant(double.NegativeZero);

    public static SparsityTracer PositiveInfinity => Constant(double.PositiveInfinity);

    //
    // INumberBase
    //

    public static SparsityTracer One => Constant(1);

    static int INumberBase<SparsityTracer>.Radix => 2;

    public static SparsityTracer Zero => Constant(0);

    static bool INumberBase<SparsityTracer>.IsCanonical(SparsityTracer value) => true;

    static bool INumberBase<SparsityTracer>.IsComplexNumber(SparsityTracer value) => false;

    static bool INumberBase<SparsityTracer>.IsImaginaryNumber(SparsityTracer value) => false;

    static bool INumberBase<SparsityTracer>.IsRealNumber(SparsityTracer value) => Predicate("IsRealNumber", value, double.IsRealNumber);

    public static bool IsEvenInteger(SparsityTracer value) => Predicate("IsEvenInteger", value, double.IsEvenInteger);

    public static bool IsFinite(SparsityTracer value) => Predicate("IsFinite", value, double.IsFinite);

    public static bool IsInfinity(SparsityTracer value) => Predicate("IsInfinity", value, double.IsInfinity);

    public static bool IsInteger(SparsityTracer value) => Predicate("IsInteger", value, double.IsInteger);

    public static bool IsNaN(SparsityTracer value) => Predicate("IsNaN", value, double.IsNaN);

    public static bool IsNegative(SparsityTracer value) => Predicate("IsNegative", value, double.IsNegative);

    public static bool IsNegativeInfinity(SparsityTracer value) => Predicate("IsNegativeInfinity", value, double.IsNegativeInfinity);

    public static bool IsNormal(SparsityTracer value) => Predicate("IsNormal", value, double.IsNormal);

    public static bool IsOddInteger(SparsityTracer value) => Predicate("IsOddInteger", value, double.IsOddInteger);

    public static bool IsPositive(SparsityTracer value) => Predicate("IsPositive", value, double.IsPositive);

    public static bool IsPositiveInfinity(SparsityTracer value) => Predicate("IsPositiveInfinity", value, double.IsPositiveInfinity);

    public static bool IsSubnormal(SparsityTracer value) => Predicate("IsSubnormal", value, double.IsSubnormal);

    public static bool IsZero(SparsityTracer value) => Predicate("IsZero", value, static v => v == 0);

    private static bool Predicate(string what, SparsityTracer value, Func<double, bool> test)
    {
        Decide(what, value);
        return test(value._value);
    }

    //
    // INumberBase conversions: any number converts to a constant; a tracer converts out through its value
    //

    public static SparsityTracer CreateChecked<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, CheckedConversion>(value);

    public static SparsityTracer CreateSaturating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, SaturatingConversion>(value);

    public static SparsityTracer CreateTruncating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => Create<TOther, TruncatingConversion>(value);

    static bool INumberBase<SparsityTracer>.TryConvertFromChecked<TOther>(TOther value, out SparsityTracer result) => NumberConversions.Converted(Create<TOther, CheckedConversion>(value), out result);

    static bool INumberBase<SparsityTracer>.TryConvertFromSaturating<TOther>(TOther value, out SparsityTracer result) => NumberConversions.Converted(Create<TOther, SaturatingConversion>(value), out result);

    static bool INumberBase<SparsityTracer>.TryConvertFromTruncating<TOther>(TOther value, out SparsityTracer result) => NumberConversions.Converted(Create<TOther, TruncatingConversion>(value), out result);

    static bool INumberBase<SparsityTracer>.TryConvertToChecked<TOther>(SparsityTracer value, out TOther result) => TryConvertTo<TOther, CheckedConversion>(value, out result);

    static bool INumberBase<SparsityTracer>.TryConvertToSaturating<TOther>(SparsityTracer value, out TOther result) => TryConvertTo<TOther, SaturatingConversion>(value, out result);

    static bool INumberBase<SparsityTracer>.TryConvertToTruncating<TOther>(SparsityTracer value, out TOther result) => TryConvertTo<TOther, TruncatingConversion>(value, out result);

    private static SparsityTracer Create<TOther, TConversion>(TOther value)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion => typeof(TOther) == typeof(SparsityTracer) ? (SparsityTracer)(object)value : Constant(TConversion.Convert<TOther, double>(value));

    private static bool TryConvertTo<TOther, TConversion>(SparsityTracer value, out TOther result)
        where TOther : INumberBase<TOther>
        where TConversion : INumberConversion
    {
        Decide("a conversion to another type", value);
        return NumberConversions.Converted(TConversion.Convert<double, TOther>(value._value), out result);
    }

    //
    // IParsable, ISpanParsable, INumberBase parsing: text parses to a constant
    //

    public static SparsityTracer Parse(string s, NumberStyles style, IFormatProvider? provider) => double.Parse(s, style, provider);

    public static SparsityTracer Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) => double.Parse(s, style, provider);

    public static SparsityTracer Parse(string s, IFormatProvider? provider) => double.Parse(s, provider);

    public static SparsityTracer Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => double.Parse(s, provider);

    public static bool TryParse(string? s, NumberStyles style, IFormatProvider? provider, out SparsityTracer result) => Wrap(double.TryParse(s, style, provider, out double value), value, out result);

    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out SparsityTracer result) => Wrap(double.TryParse(s, style, provider, out double value), value, out result);

    public static bool TryParse(string? s, IFormatProvider? provider, out SparsityTracer result) => Wrap(double.TryParse(s, provider, out double value), value, out result);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out SparsityTracer result) => Wrap(double.TryParse(s, provider, out double value), value, out result);

    private static bool Wrap(bool parsed, double value, out SparsityTracer result)
    {
        result = parsed ? Constant(value) : default;
        return parsed;
    }
}
