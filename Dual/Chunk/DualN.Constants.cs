using System.Numerics;

namespace DualAutodiff;

// Arithmetic and comparisons with a plain double: a constant enters any nesting without a cast, so code
// written with concrete nested types reads as with double (`v[0] * 3.0 + 1` at Dual<Dual<double>>). C# cannot
// convert double to Dual<Dual<double>> implicitly (a conversion from double would be ambiguous with the one from T
// when T is double, and conversions do not chain), so these operators do it: the double becomes
// T.CreateChecked(value), a constant, and the operation is the one between two Duals.

public readonly partial struct Dual<T, TTangents>
{
    /// <summary>The sum with a constant: <c>left + Dual&lt;T, TTangents&gt;(T.CreateChecked(right))</c>.</summary>
    /// <param name="left">The variable operand.</param>
    /// <param name="right">The constant operand.</param>
    /// <returns>The sum, differentiated in <paramref name="left"/> only.</returns>
    public static Dual<T, TTangents> operator +(Dual<T, TTangents> left, double right) => left + Constant(right);

    /// <summary>The sum with a constant: <c>Dual&lt;T, TTangents&gt;(T.CreateChecked(left)) + right</c>.</summary>
    /// <param name="left">The constant operand.</param>
    /// <param name="right">The variable operand.</param>
    /// <returns>The sum, differentiated in <paramref name="right"/> only.</returns>
    public static Dual<T, TTangents> operator +(double left, Dual<T, TTangents> right) => Constant(left) + right;

    /// <summary>The difference with a constant: <c>left - Dual&lt;T, TTangents&gt;(T.CreateChecked(right))</c>.</summary>
    /// <param name="left">The variable operand.</param>
    /// <param name="right">The constant operand.</param>
    /// <returns>The difference, differentiated in <paramref name="left"/> only.</returns>
    public static Dual<T, TTangents> operator -(Dual<T, TTangents> left, double right) => left - Constant(right);

    /// <summary>The difference with a constant: <c>Dual&lt;T, TTangents&gt;(T.CreateChecked(left)) - right</c>.</summary>
    /// <param name="left">The constant operand.</param>
    /// <param name="right">The variable operand.</param>
    /// <returns>The difference, differentiated in <paramref name="right"/> only.</returns>
    public static Dual<T, TTangents> operator -(double left, Dual<T, TTangents> right) => Constant(left) - right;

    /// <summary>The product with a constant: <c>left * Dual&lt;T, TTangents&gt;(T.CreateChecked(right))</c>.</summary>
    /// <param name="left">The variable operand.</param>
    /// <param name="right">The constant operand.</param>
    /// <returns>The product, differentiated in <paramref name="left"/> only.</returns>
    public static Dual<T, TTangents> operator *(Dual<T, TTangents> left, double right) => left * Constant(right);

    /// <summary>The product with a constant: <c>Dual&lt;T, TTangents&gt;(T.CreateChecked(left)) * right</c>.</summary>
    /// <param name="left">The constant operand.</param>
    /// <param name="right">The variable operand.</param>
    /// <returns>The product, differentiated in <paramref name="right"/> only.</returns>
    public static Dual<T, TTangents> operator *(double left, Dual<T, TTangents> right) => Constant(left) * right;

    /// <summary>The quotient with a constant: <c>left / Dual&lt;T, TTangents&gt;(T.CreateChecked(right))</c>.</summary>
    /// <param name="left">The variable operand.</param>
    /// <param name="right">The constant operand.</param>
    /// <returns>The quotient, differentiated in <paramref name="left"/> only.</returns>
    public static Dual<T, TTangents> operator /(Dual<T, TTangents> left, double right) => left / Constant(right);

    /// <summary>The quotient with a constant: <c>Dual&lt;T, TTangents&gt;(T.CreateChecked(left)) / right</c>.</summary>
    /// <param name="left">The constant operand.</param>
    /// <param name="right">The variable operand.</param>
    /// <returns>The quotient, differentiated in <paramref name="right"/> only.</returns>
    public static Dual<T, TTangents> operator /(double left, Dual<T, TTangents> right) => Constant(left) / right;

    /// <summary>The remainder with a constant: <c>left % Dual&lt;T, TTangents&gt;(T.CreateChecked(right))</c>.</summary>
    /// <param name="left">The variable operand.</param>
    /// <param name="right">The constant operand.</param>
    /// <returns>The remainder, differentiated in <paramref name="left"/> only.</returns>
    public static Dual<T, TTangents> operator %(Dual<T, TTangents> left, double right) => left % Constant(right);

    /// <summary>The remainder with a constant: <c>Dual&lt;T, TTangents&gt;(T.CreateChecked(left)) % right</c>.</summary>
    /// <param name="left">The constant operand.</param>
    /// <param name="right">The variable operand.</param>
    /// <returns>The remainder, differentiated in <paramref name="right"/> only.</returns>
    public static Dual<T, TTangents> operator %(double left, Dual<T, TTangents> right) => Constant(left) % right;

    /// <summary>Compares the value with a constant (values only, as every comparison).</summary>
    /// <param name="left">The variable.</param>
    /// <param name="right">The constant.</param>
    /// <returns><c>left.Value &lt; T.CreateChecked(right)</c>.</returns>
    public static bool operator <(Dual<T, TTangents> left, double right) => left < Constant(right);

    /// <summary>Compares a constant with the value (values only, as every comparison).</summary>
    /// <param name="left">The constant.</param>
    /// <param name="right">The variable.</param>
    /// <returns><c>T.CreateChecked(left) &lt; right.Value</c>.</returns>
    public static bool operator <(double left, Dual<T, TTangents> right) => Constant(left) < right;

    /// <summary>Compares the value with a constant (values only, as every comparison).</summary>
    /// <param name="left">The variable.</param>
    /// <param name="right">The constant.</param>
    /// <returns><c>left.Value &lt;= T.CreateChecked(right)</c>.</returns>
    public static bool operator <=(Dual<T, TTangents> left, double right) => left <= Constant(right);

    /// <summary>Compares a constant with the value (values only, as every comparison).</summary>
    /// <param name="left">The constant.</param>
    /// <param name="right">The variable.</param>
    /// <returns><c>T.CreateChecked(left) &lt;= right.Value</c>.</returns>
    public static bool operator <=(double left, Dual<T, TTangents> right) => Constant(left) <= right;

    /// <summary>Compares the value with a constant (values only, as every comparison).</summary>
    /// <param name="left">The variable.</param>
    /// <param name="right">The constant.</param>
    /// <returns><c>left.Value &amp;gt; T.CreateChecked(right)</c>.</returns>
    public static bool operator >(Dual<T, TTangents> left, double right) => left > Constant(right);

    /// <summary>Compares a constant with the value (values only, as every comparison).</summary>
    /// <param name="left">The constant.</param>
    /// <param name="right">The variable.</param>
    /// <returns><c>T.CreateChecked(left) &amp;gt; right.Value</c>.</returns>
    public static bool operator >(double left, Dual<T, TTangents> right) => Constant(left) > right;

    /// <summary>Compares the value with a constant (values only, as every comparison).</summary>
    /// <param name="left">The variable.</param>
    /// <param name="right">The constant.</param>
    /// <returns><c>left.Value &amp;gt;= T.CreateChecked(right)</c>.</returns>
    public static bool operator >=(Dual<T, TTangents> left, double right) => left >= Constant(right);

    /// <summary>Compares a constant with the value (values only, as every comparison).</summary>
    /// <param name="left">The constant.</param>
    /// <param name="right">The variable.</param>
    /// <returns><c>T.CreateChecked(left) &amp;gt;= right.Value</c>.</returns>
    public static bool operator >=(double left, Dual<T, TTangents> right) => Constant(left) >= right;

    /// <summary>Compares the value with a constant (values only, as every comparison).</summary>
    /// <param name="left">The variable.</param>
    /// <param name="right">The constant.</param>
    /// <returns><c>left.Value == T.CreateChecked(right)</c>.</returns>
    public static bool operator ==(Dual<T, TTangents> left, double right) => left == Constant(right);

    /// <summary>Compares a constant with the value (values only, as every comparison).</summary>
    /// <param name="left">The constant.</param>
    /// <param name="right">The variable.</param>
    /// <returns><c>T.CreateChecked(left) == right.Value</c>.</returns>
    public static bool operator ==(double left, Dual<T, TTangents> right) => Constant(left) == right;

    /// <summary>Compares the value with a constant (values only, as every comparison).</summary>
    /// <param name="left">The variable.</param>
    /// <param name="right">The constant.</param>
    /// <returns><c>left.Value != T.CreateChecked(right)</c>.</returns>
    public static bool operator !=(Dual<T, TTangents> left, double right) => left != Constant(right);

    /// <summary>Compares a constant with the value (values only, as every comparison).</summary>
    /// <param name="left">The constant.</param>
    /// <param name="right">The variable.</param>
    /// <returns><c>T.CreateChecked(left) != right.Value</c>.</returns>
    public static bool operator !=(double left, Dual<T, TTangents> right) => Constant(left) != right;

    /// <summary>A constant of any nesting from a double: <c>Dual&lt;Dual&lt;double&gt;&gt;.Constant(3.0)</c>, the same as
    /// <c>CreateChecked(3.0)</c>; zero derivative at every level.</summary>
    /// <param name="value">The value, rounded to the innermost scalar type.</param>
    /// <returns>The constant.</returns>
    public static Dual<T, TTangents> Constant(double value) => T.CreateChecked(value);
}
