using System.Numerics;

namespace DualAutodiff;

internal readonly partial struct SparsityTracer
{
    //
    // IAdditionOperators
    //

    public static SparsityTracer operator +(SparsityTracer left, SparsityTracer right) => Linear(left._value + right._value, left, right);

    //
    // IComparisonOperators
    //

    public static bool operator <(SparsityTracer left, SparsityTracer right)
    {
        Decide("operator <", left, right);
        return left._value < right._value;
    }

    public static bool operator <=(SparsityTracer left, SparsityTracer right)
    {
        Decide("operator <=", left, right);
        return left._value <= right._value;
    }

    public static bool operator >(SparsityTracer left, SparsityTracer right)
    {
        Decide("operator >", left, right);
        return left._value > right._value;
    }

    public static bool operator >=(SparsityTracer left, SparsityTracer right)
    {
        Decide("operator >=", left, right);
        return left._value >= right._value;
    }

    //
    // IDecrementOperators
    //

    public static SparsityTracer operator --(SparsityTracer value) => Linear(value._value - 1, value);

    //
    // IDivisionOperators
    //

    /// <summary>x/y: ∂²/∂x² = 0, ∂²/∂x∂y = −1/y², ∂²/∂y² = 2x/y³.</summary>
    public static SparsityTracer operator /(SparsityTracer left, SparsityTracer right) =>
        Binary(left._value / right._value, left, right, TraceRecording.Pair01 | TraceRecording.Pair11);

    //
    // IEqualityOperators
    //

    public static bool operator ==(SparsityTracer left, SparsityTracer right)
    {
        Decide("operator ==", left, right);
        return left._value == right._value;
    }

    public static bool operator !=(SparsityTracer left, SparsityTracer right)
    {
        Decide("operator !=", left, right);
        return left._value != right._value;
    }

    //
    // IIncrementOperators
    //

    public static SparsityTracer operator ++(SparsityTracer value) => Linear(value._value + 1, value);

    //
    // IModulusOperators
    //

    /// <summary>x % y = x − y·trunc(x/y): linear in both where it is differentiable (the quotient is piecewise constant).</summary>
    public static SparsityTracer operator %(SparsityTracer left, SparsityTracer right) => Linear(left._value % right._value, left, right);

    //
    // IMultiplyOperators
    //

    /// <summary>x·y: only the cross second partial ∂²/∂x∂y = 1.</summary>
    public static SparsityTracer operator *(SparsityTracer left, SparsityTracer right) =>
        Binary(left._value * right._value, left, right, TraceRecording.Pair01);

    //
    // ISubtractionOperators
    //

    public static SparsityTracer operator -(SparsityTracer left, SparsityTracer right) => Linear(left._value - right._value, left, right);

    //
    // IUnaryNegationOperators
    //

    public static SparsityTracer operator -(SparsityTracer value) => Linear(-value._value, value);

    //
    // IUnaryPlusOperators
    //

    public static SparsityTracer operator +(SparsityTracer value) => value;
}
