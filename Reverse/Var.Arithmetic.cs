using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

public readonly partial struct Var<T>
{
    //
    // IAdditionOperators
    //

    /// <summary>x + y: ∂/∂x = ∂/∂y = 1.</summary>
    /// <param name="left">The first addend.</param>
    /// <param name="right">The second addend.</param>
    /// <returns>The sum.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator +(Var<T> left, Var<T> right) => Tape<T>.Operation(left._value + right._value, left, T.One, right, T.One, ReplayOp.Add);

    //
    // IComparisonOperators
    //

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_LessThan"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator <(Var<T> left, Var<T> right) => Guarded(left._value < right._value, GuardKind.Less, left, right);

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_LessThanOrEqual"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator <=(Var<T> left, Var<T> right) => Guarded(left._value <= right._value, GuardKind.LessOrEqual, left, right);

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_GreaterThan"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator >(Var<T> left, Var<T> right) => Guarded(left._value > right._value, GuardKind.Greater, left, right);

    /// <inheritdoc cref="IComparisonOperators{TSelf, TOther, TResult}.op_GreaterThanOrEqual"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator >=(Var<T> left, Var<T> right) => Guarded(left._value >= right._value, GuardKind.GreaterOrEqual, left, right);

    //
    // IDecrementOperators
    //

    /// <summary>x − 1: derivative 1.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The operand minus one.</returns>
    public static Var<T> operator --(Var<T> value) => Tape<T>.Operation(value._value - T.One, value, T.One, ReplayOp.Decrement);

    //
    // IDivisionOperators
    //

    /// <summary>x / y, from <see cref="Rules{T}.Divide"/>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor.</param>
    /// <returns>The quotient.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator /(Var<T> left, Var<T> right) => Chain(left, right, Rules<T>.Divide(left._value, right._value), ReplayOp.Divide);

    //
    // IEqualityOperators
    //

    /// <inheritdoc cref="IEqualityOperators{TSelf, TOther, TResult}.op_Equality"/>
    /// <remarks>Compares values only, so branches behave as with <typeparamref name="T"/>.</remarks>
    public static bool operator ==(Var<T> left, Var<T> right) => Guarded(left._value == right._value, GuardKind.Equal, left, right);

    /// <inheritdoc cref="IEqualityOperators{TSelf, TOther, TResult}.op_Inequality"/>
    /// <remarks>Compares values only.</remarks>
    public static bool operator !=(Var<T> left, Var<T> right) => Guarded(left._value != right._value, GuardKind.NotEqual, left, right);

    //
    // IIncrementOperators
    //

    /// <summary>x + 1: derivative 1.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The operand plus one.</returns>
    public static Var<T> operator ++(Var<T> value) => Tape<T>.Operation(value._value + T.One, value, T.One, ReplayOp.Increment);

    //
    // IModulusOperators
    //

    /// <summary>x % y, from <see cref="Rules{T}.Remainder"/>.</summary>
    /// <param name="left">The dividend.</param>
    /// <param name="right">The divisor.</param>
    /// <returns>The remainder.</returns>
    public static Var<T> operator %(Var<T> left, Var<T> right) => RemainderOf(left, right);

    //
    // IMultiplyOperators
    //

    /// <summary>x · y, from <see cref="Rules{T}.Multiply"/>.</summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <returns>The product.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator *(Var<T> left, Var<T> right) => Chain(left, right, Rules<T>.Multiply(left._value, right._value), ReplayOp.Multiply);

    //
    // ISubtractionOperators
    //

    /// <summary>x − y: ∂/∂x = 1, ∂/∂y = −1.</summary>
    /// <param name="left">The minuend.</param>
    /// <param name="right">The subtrahend.</param>
    /// <returns>The difference.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator -(Var<T> left, Var<T> right) => Tape<T>.Operation(left._value - right._value, left, T.One, right, -T.One, ReplayOp.Subtract);

    //
    // IUnaryNegationOperators
    //

    /// <summary>−x: derivative −1.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The negation.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Var<T> operator -(Var<T> value) => Tape<T>.Operation(-value._value, value, -T.One, ReplayOp.Negate);

    //
    // IUnaryPlusOperators
    //

    /// <summary>+x = x.</summary>
    /// <param name="value">The operand.</param>
    /// <returns>The operand.</returns>
    public static Var<T> operator +(Var<T> value) => value;

    /// <summary>x % y through the rule, which a replay calls again.</summary>
    private static unsafe Var<T> RemainderOf(Var<T> left, Var<T> right) => Chain(left, right, Rules<T>.Remainder(left._value, right._value), &Rules<T>.Remainder);
}
