using System.Numerics;

namespace DualAutodiff;

public readonly partial struct Dual<T, TTangents>
{
    //
    // IAdditionOperators
    //

    /// <summary>(a + bε) + (c + dε) = (a + c) + (b + d)ε.</summary>
    /// <param name="left">The first addend.</param>
    /// <param name="right">The second addend.</param>
    /// <returns>The sum.</returns>
    public static Dual<T, TTangents> operator +(Dual<T, TTangents> left, Dual<T, TTangents> right) => new(left._value + right._value, TTangents.Add(in left._tangents, in right._tangents));

    //
    // IComparisonOperators
    //

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_LessThan"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator <(Dual<T, TTangents> left, Dual<T, TTangents> right) => left._value < right._value;

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_LessThanOrEqual"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator <=(Dual<T, TTangents> left, Dual<T, TTangents> right) => left._value <= right._value;

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_GreaterThan"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator >(Dual<T, TTangents> left, Dual<T, TTangents> right) => left._value > right._value;

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_GreaterThanOrEqual"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator >=(Dual<T, TTangents> left, Dual<T, TTangents> right) => left._value >= right._value;

    //
    // IDecrementOperators
    //

    /// <summary>(a + bε) − 1 = (a − 1) + bε.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The operand minus one.</returns>
    public static Dual<T, TTangents> operator --(Dual<T, TTangents> value) => new(value._value - T.One, value._tangents);

    //
    // IDivisionOperators
    //

    /// <summary>(a + bε) / (c + dε) = a/c + (b/c − (a/c)·d/c)ε, from <see cref="Rules{T}.Divide"/>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor.</param>
    /// <returns>The quotient.</returns>
    public static Dual<T, TTangents> operator /(Dual<T, TTangents> left, Dual<T, TTangents> right) => Chain(left, right, Rules<T>.Divide(left._value, right._value));

    //
    // IEqualityOperators
    //

    /// <inheritdoc cref="IEqualityOperators{TSelf, TOther, TResult}.op_Equality"/>
    /// <remarks>Compares values only, so branches behave as with <typeparamref name="T"/>.</remarks>
    public static bool operator ==(Dual<T, TTangents> left, Dual<T, TTangents> right) => left._value == right._value;

    /// <inheritdoc cref="IEqualityOperators{TSelf, TOther, TResult}.op_Inequality"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator !=(Dual<T, TTangents> left, Dual<T, TTangents> right) => left._value != right._value;

    //
    // IIncrementOperators
    //

    /// <summary>(a + bε) + 1 = (a + 1) + bε.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The operand plus one.</returns>
    public static Dual<T, TTangents> operator ++(Dual<T, TTangents> value) => new(value._value + T.One, value._tangents);

    //
    // IModulusOperators
    //

    /// <summary>x % y = x − y·trunc(x/y), from <see cref="Rules{T}.Remainder"/>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor.</param>
    /// <returns>The remainder.</returns>
    public static Dual<T, TTangents> operator %(Dual<T, TTangents> left, Dual<T, TTangents> right) => Chain(left, right, Rules<T>.Remainder(left._value, right._value));

    //
    // IMultiplyOperators
    //

    /// <summary>(a + bε)(c + dε) = ac + (b·c + a·d)ε, from <see cref="Rules{T}.Multiply"/>.</summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <returns>The product.</returns>
    public static Dual<T, TTangents> operator *(Dual<T, TTangents> left, Dual<T, TTangents> right) => Chain(left, right, Rules<T>.Multiply(left._value, right._value));

    //
    // ISubtractionOperators
    //

    /// <summary>(a + bε) − (c + dε) = (a − c) + (b − d)ε.</summary>
    /// <param name="left">The minuend.</param>
    /// <param name="right">The subtrahend.</param>
    /// <returns>The difference.</returns>
    public static Dual<T, TTangents> operator -(Dual<T, TTangents> left, Dual<T, TTangents> right) => new(left._value - right._value, TTangents.Subtract(in left._tangents, in right._tangents));

    //
    // IUnaryNegationOperators
    //

    /// <summary>−(a + bε) = −a − bε.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The negation.</returns>
    public static Dual<T, TTangents> operator -(Dual<T, TTangents> value) => new(-value._value, TTangents.Negate(in value._tangents));

    //
    // IUnaryPlusOperators
    //

    /// <summary>+(a + bε) = a + bε.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The operand.</returns>
    public static Dual<T, TTangents> operator +(Dual<T, TTangents> value) => value;
}
