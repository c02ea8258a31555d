using System.Globalization;
using System.Numerics;
using System.Text;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>
/// The rest of the generic-math surface of <see cref="Dual{T}"/>: parsing, formatting, conversions, comparisons,
/// equality, constants, predicates and increments, each through the interfaces generic code uses.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class DualNumberBaseTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    private static T C(double v) => T.CreateChecked(v);

    private static Dual<T> D(double value, double tangent) => new(C(value), C(tangent));

    private static TN ParseGeneric<TN>(string s)
        where TN : IFloatingPointIeee754<TN> => TN.Parse(s, NumberStyles.Float, s_invariant);

    private static TN FromGeneric<TN, TOther>(TOther value, int mode)
        where TN : IFloatingPointIeee754<TN>
        where TOther : INumberBase<TOther> => mode switch
        {
            0 => TN.CreateChecked(value),
            1 => TN.CreateSaturating(value),
            _ => TN.CreateTruncating(value),
        };

    [Test]
    public void Parse_EveryOverload_GivesAConstant()
    {
        // "2.5" parses to 2.5 + 0ε
        Dual<T> expected = D(2.5, 0);
        ParseGeneric<Dual<T>>("2.5").ShouldBe(expected);
        Dual<T>.Parse("2.5", s_invariant).ShouldBe(expected);
        Dual<T>.Parse("2.5".AsSpan(), s_invariant).ShouldBe(expected);
        Dual<T>.Parse("2.5".AsSpan(), NumberStyles.Float, s_invariant).ShouldBe(expected);
    }

    [Test]
    public void TryParse_ValidAndInvalid_ReportsAndGivesConstant()
    {
        Dual<T>.TryParse("-1e2", s_invariant, out Dual<T> parsed).ShouldBeTrue();
        parsed.ShouldBe(D(-100, 0));
        Dual<T>.TryParse("4.25".AsSpan(), NumberStyles.Float, s_invariant, out parsed).ShouldBeTrue();
        parsed.ShouldBe(D(4.25, 0));
        Dual<T>.TryParse("not a number", NumberStyles.Float, s_invariant, out parsed).ShouldBeFalse();
        Dual<T>.TryParse((string?)null, s_invariant, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => Dual<T>.Parse("x", s_invariant));
    }

    [Test]
    public void ToString_ValueAndTangent_ShowsAPlusBEpsilon()
    {
        D(3, 1).ToString(null, s_invariant).ShouldBe("3 + 1ε");
        D(3, -2.5).ToString(null, s_invariant).ShouldBe("3 - 2.5ε");
        D(-0.5, 0).ToString(null, s_invariant).ShouldBe("-0.5 + 0ε");
        D(1, double.NaN).ToString(null, s_invariant).ShouldBe("1 + NaNε");
        D(3, 1).ToString("F2", s_invariant).ShouldBe("3.00 + 1.00ε");
    }

    [Test]
    public void ToString_NestedDual_ParenthesizesEachPart()
    {
        // (3 + 1ε₁) + (2 − 4ε₁)ε₂
        new Dual<Dual<T>>(D(3, 1), D(2, -4)).ToString(null, s_invariant).ShouldBe("(3 + 1ε) + (2 - 4ε)ε");
        new Dual<Dual<T>>(D(3, 1), D(-2, 4)).ToString(null, s_invariant).ShouldBe("(3 + 1ε) - (2 - 4ε)ε");
    }

    [Test]
    public void TryFormat_CharsAndUtf8_WriteTheTextOrReportTooSmall()
    {
        Dual<T> x = D(3, 1);
        Span<char> chars = stackalloc char[32];
        x.TryFormat(chars, out int written, default, s_invariant).ShouldBeTrue();
        chars[..written].ToString().ShouldBe("3 + 1ε");
        x.TryFormat(chars[..3], out written, default, s_invariant).ShouldBeFalse();
        written.ShouldBe(0);

        Span<byte> bytes = stackalloc byte[32];
        x.TryFormat(bytes, out written, "F1", s_invariant).ShouldBeTrue();
        Encoding.UTF8.GetString(bytes[..written]).ShouldBe("3.0 + 1.0ε");
        x.TryFormat(bytes[..4], out _, default, s_invariant).ShouldBeFalse();
        string.Create(s_invariant, $"{x}").ShouldBe("3 + 1ε"); // interpolation goes through ISpanFormattable
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void CreateFrom_IntDoubleDecimal_GivesConstants(int mode)
    {
        // any number converts to value + 0ε, in every conversion mode
        FromGeneric<Dual<T>, int>(7, mode).ShouldBe(D(7, 0));
        FromGeneric<Dual<T>, double>(-1.5, mode).ShouldBe(D(-1.5, 0));
        FromGeneric<Dual<T>, decimal>(2.25m, mode).ShouldBe(D(2.25, 0));
        FromGeneric<Dual<T>, long>(-3L, mode).ShouldBe(D(-3, 0));
    }

    [Test]
    public void CreateFrom_LowerLevelDual_KeepsItsTangentAtTheInnerLevel()
    {
        // Dual<T> → Dual<Dual<T>> embeds like the implicit conversion: inner tangent kept, outer tangent 0
        Dual<Dual<T>>.CreateChecked(D(2, 5)).ShouldBe(new Dual<Dual<T>>(D(2, 5), D(0, 0)));
        Dual<T>.CreateChecked(D(2, 5)).ShouldBe(D(2, 5)); // the same type converts to itself
    }

    [Test]
    public void ConvertTo_OtherNumbers_TakesTheValue()
    {
        // double.CreateChecked(3.75 + 2ε) = 3.75: conversions out read the value
        double.CreateChecked(D(3.75, 2)).ShouldBe(3.75);
        float.CreateChecked(D(3.75, 2)).ShouldBe(3.75f);
        decimal.CreateChecked(D(3.75, 2)).ShouldBe(3.75m);
        int.CreateTruncating(D(3.75, 2)).ShouldBe(3);
        int.CreateSaturating(D(1e30, 2)).ShouldBe(int.MaxValue);
        Should.Throw<OverflowException>(() => int.CreateChecked(D(1e30, 2)));
        T.CreateChecked(D(3.75, 2)).ShouldBe(C(3.75));
    }

    [Test]
    public void Comparisons_DifferentTangents_CompareValuesOnly()
    {
        // 2 + 1ε vs 3 − 5ε: 2 < 3 whatever the tangents
        Dual<T> a = D(2, 1);
        Dual<T> b = D(3, -5);
        (a < b).ShouldBeTrue();
        (a <= b).ShouldBeTrue();
        (a > b).ShouldBeFalse();
        (b >= a).ShouldBeTrue();
        a.CompareTo(b).ShouldBeLessThan(0);
        a.CompareTo((object)b).ShouldBeLessThan(0);
        a.CompareTo(null).ShouldBeGreaterThan(0);
        Should.Throw<ArgumentException>(() => a.CompareTo("2")).ParamName.ShouldBe("obj");
        (D(2, 1) == D(2, 7)).ShouldBeTrue(); // == compares values, as branches in user code need
        (D(2, 1) != D(2, 7)).ShouldBeFalse();
    }

    [Test]
    public void Equals_DifferentTangents_ComparesBothParts()
    {
        D(2, 1).Equals(D(2, 7)).ShouldBeFalse();
        D(2, 1).Equals(D(2, 1)).ShouldBeTrue();
        D(2, 1).Equals((object)D(2, 1)).ShouldBeTrue();
        D(2, 1).Equals((object)C(2)).ShouldBeFalse();
        D(2, 1).GetHashCode().ShouldBe(D(2, 1).GetHashCode());
        D(double.NaN, 0).Equals(D(double.NaN, 0)).ShouldBeTrue(); // Equals is reflexive for NaN, as double.Equals
    }

    [Test]
    public void Constants_ThroughTheInterface_AreTValuesWithZeroTangent()
    {
        static void Check(Dual<T> constant, T expected)
        {
            constant.Value.Equals(expected).ShouldBeTrue($"{constant} should have value {expected}");
            constant.Tangent.ShouldBe(T.Zero);
        }

        Check(Dual<T>.Pi, T.Pi);
        Check(GenericPi<Dual<T>>(), T.Pi);
        Check(Dual<T>.E, T.E);
        Check(Dual<T>.Tau, T.Tau);
        Check(Dual<T>.NaN, T.NaN);
        Check(Dual<T>.PositiveInfinity, T.PositiveInfinity);
        Check(Dual<T>.NegativeInfinity, T.NegativeInfinity);
        Check(Dual<T>.NegativeZero, T.NegativeZero);
        Check(Dual<T>.Epsilon, T.Epsilon);
        Check(Dual<T>.Zero, T.Zero);
        Check(Dual<T>.One, T.One);
        Check(Dual<T>.NegativeOne, T.NegativeOne);
        Check(Dual<T>.AdditiveIdentity, T.Zero);
        Check(Dual<T>.MultiplicativeIdentity, T.One);
        T.IsNegative(Dual<T>.NegativeZero.Value).ShouldBeTrue();
        Radix<Dual<T>>().ShouldBe(2);
    }

    [Test]
    public void Predicates_NonzeroTangent_LookAtTheValueOnly()
    {
        // a tangent never changes what a value is: 0 + 5ε is zero, 1 + NaNε is not NaN
        Dual<T>.IsZero(D(0, 5)).ShouldBeTrue();
        Dual<T>.IsNaN(D(1, double.NaN)).ShouldBeFalse();
        Dual<T>.IsNaN(D(double.NaN, 0)).ShouldBeTrue();
        Dual<T>.IsFinite(D(1, double.PositiveInfinity)).ShouldBeTrue();
        Dual<T>.IsInfinity(D(double.NegativeInfinity, 0)).ShouldBeTrue();
        Dual<T>.IsPositiveInfinity(D(double.PositiveInfinity, 0)).ShouldBeTrue();
        Dual<T>.IsNegativeInfinity(D(double.NegativeInfinity, 0)).ShouldBeTrue();
        Dual<T>.IsInteger(D(3, 0.5)).ShouldBeTrue();
        Dual<T>.IsEvenInteger(D(4, 0.5)).ShouldBeTrue();
        Dual<T>.IsOddInteger(D(3, 0.5)).ShouldBeTrue();
        Dual<T>.IsNegative(D(-0.0, 1)).ShouldBeTrue();
        Dual<T>.IsPositive(D(2, -1)).ShouldBeTrue();
        Dual<T>.IsNormal(D(2, 0)).ShouldBeTrue();
        Dual<T>.IsSubnormal(new Dual<T>(T.Epsilon, T.One)).ShouldBeTrue();
        Dual<T>.Sign(D(-2, 5)).ShouldBe(-1);
        Dual<T>.ILogB(D(8, 3)).ShouldBe(3); // 8 = 2³
    }

    [Test]
    public void IncrementDecrement_AnyDual_ChangeValueKeepTangent()
    {
        // (a + bε) ± 1 = (a ± 1) + bε
        Dual<T> x = D(2, 3);
        x++;
        x.ShouldBe(D(3, 3));
        x--;
        x--;
        x.ShouldBe(D(1, 3));
    }

    private static TN GenericPi<TN>()
        where TN : IFloatingPointIeee754<TN> => TN.Pi;

    private static int Radix<TN>()
        where TN : IFloatingPointIeee754<TN> => TN.Radix;
}
