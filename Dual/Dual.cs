using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>
/// A dual number a + bε with ε² = 0: a value and a tangent (a directional derivative), propagated together
/// through any generic-math code, which gives forward-mode differentiation (Jacobian-vector products).
/// </summary>
/// <typeparam name="T">The scalar type of value and tangent; itself a <see cref="Dual{T}"/> or a <c>Var</c> for
/// higher order (<c>Dual&lt;Dual&lt;T&gt;&gt;</c> gives second derivatives; <c>Dual&lt;Var&lt;T&gt;&gt;</c> is
/// reverse-over-forward, Stan's <c>fvar&lt;var&gt;</c>).</typeparam>
/// <remarks>
/// Every derivative comes from <see cref="Rules{T}"/>. Comparisons compare values only, so code that branches
/// on values takes the same branch as with <typeparamref name="T"/>, and is differentiated along that branch.
/// <see cref="Equals(Dual{T})"/> compares value and tangent.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
[GenerateRuleForwarders(DifferentiationMode.Forward, CallsOutOfLine = true)]
public readonly partial struct Dual<T>
    : IFloatingPointIeee754<Dual<T>>,
      IEquatable<Dual<T>>,
      IComparable<Dual<T>>,
      IComparable,
      IPropagationProduct<Dual<T>>
    where T : IFloatingPointIeee754<T>
{
    private readonly T _value;
    private readonly T _tangent;

    /// <summary>Creates the dual number <paramref name="value"/> + <paramref name="tangent"/>·ε.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="tangent">The tangent: the derivative along the seeded direction.</param>
    public Dual(T value, T tangent)
    {
        _value = value;
        _tangent = tangent;
    }

    /// <summary>The primal value a of a + bε.</summary>
    public T Value => _value;

    /// <summary>The tangent b of a + bε: the directional derivative carried along.</summary>
    public T Tangent => _tangent;

    /// <summary>A constant: <paramref name="value"/> with zero tangent.</summary>
    /// <param name="value">The constant's value.</param>
    public static implicit operator Dual<T>(T value) => new(value, T.Zero);

    /// <summary>f(a + bε) = f(a) + b·f′(a)ε for a unary rule (value, f′).</summary>
    /// <remarks>The plain product is exact unless it is NaN; only then can a 0·∞ have occurred, and the
    /// propagation product (<see cref="Propagation.Scale{T}"/>) is taken instead. For a plain
    /// <typeparamref name="T"/> that fix is a few instructions in line: a call there, even one never taken, makes
    /// the JIT spill every value live across it (SysV has no callee-saved vector registers), which cost the loop of a
    /// user's function a store and a reload per accumulator and iteration (measured: JVP 5× the plain function).
    /// Nested scalars take the general product out of line.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Chain(Dual<T> x, (T Value, T Derivative) rule)
    {
        T tangent = x._tangent * rule.Derivative;

        // NaN is the one value with t ≥ t false, and an unordered compare sets the carry flag: one compare and one jump
        // for a plain T, where T.IsNaN (t ≠ t) takes two jumps (written here, not in a helper, whose bool the JIT
        // materialises)
        T same = tangent;
        if (!(IsPlain ? tangent >= same : !T.IsNaN(tangent)))
        {
            tangent = IsPlain ? Propagation.ScaleInline(x._tangent, rule.Derivative) : ChainSlow(x, rule);
        }

        return new(rule.Value, tangent);
    }

    /// <summary>f(a + bε, c + dε) = f(a, c) + (b·∂ₓf + d·∂ᵧf)ε for a binary rule.</summary>
    /// <remarks>The sum is NaN whenever a product is, so one test covers both; the fix is as for the unary chain.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Chain(Dual<T> x, Dual<T> y, (T Value, T Dx, T Dy) rule)
    {
        T tangent = x._tangent * rule.Dx + y._tangent * rule.Dy;
        T same = tangent;
        if (!(IsPlain ? tangent >= same : !T.IsNaN(tangent)))
        {
            tangent = IsPlain
                ? Propagation.ScaleInline(x._tangent, rule.Dx) + Propagation.ScaleInline(y._tangent, rule.Dy)
                : ChainSlow(x, y, rule);
        }

        return new(rule.Value, tangent);
    }

    /// <summary>Whether <typeparamref name="T"/> is a primitive floating-point type (a JIT-time constant), whose
    /// propagation product needs no nested rule.</summary>
    /// <remarks>Forced in line: the JIT inlines nothing else into a rarely run block, and a call left there is what
    /// this avoids.</remarks>
    private static bool IsPlain
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Half);
    }

    /// <summary>A ternary rule (fused multiply-add, lerp): the sum of the three propagation products.</summary>
    private static Dual<T> Chain(Dual<T> x, Dual<T> y, Dual<T> z, (T Value, T Dx, T Dy, T Dz) rule) => new(rule.Value, Propagation.ScaleInline(x._tangent, rule.Dx) + Propagation.ScaleInline(y._tangent, rule.Dy) + Propagation.ScaleInline(z._tangent, rule.Dz));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ChainSlow(Dual<T> x, (T Value, T Derivative) rule) => Propagation.Scale(x._tangent, rule.Derivative);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ChainSlow(Dual<T> x, Dual<T> y, (T Value, T Dx, T Dy) rule) => Propagation.Scale(x._tangent, rule.Dx) + Propagation.Scale(y._tangent, rule.Dy);

    /// <inheritdoc/>
    Dual<T> IPropagationProduct<Dual<T>>.WithPropagatedValue(Dual<T> left, Dual<T> right) => new(Propagation.Scale(left._value, right._value), _tangent);

    /// <summary>A selection (min, max, clamp) carries the tangent of the argument it returned.</summary>
    private static Dual<T> Select(T result, Dual<T> x, Dual<T> y) => new(result, Rules<T>.SelectsFirst(result, x._value) ? x._tangent : y._tangent);

    /// <summary>A piecewise-constant function (floor, round, …): its value with zero tangent.</summary>
    private static Dual<T> Constant(T value) => new(value, T.Zero);

    //
    // IComparable
    //

    /// <inheritdoc cref="IComparable.CompareTo(object)"/>
    /// <remarks>Compares values only.</remarks>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Dual<T> other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(Dual<T>)}.", nameof(obj)),
    };

    /// <inheritdoc cref="IComparable{T}.CompareTo(T)"/>
    /// <remarks>Compares values only.</remarks>
    public int CompareTo(Dual<T> other) => _value.CompareTo(other._value);

    //
    // IEquatable
    //

    /// <inheritdoc cref="IEquatable{T}.Equals(T)"/>
    /// <remarks>Compares value and tangent; the operator <c>==</c> compares values only.</remarks>
    public bool Equals(Dual<T> other) => _value.Equals(other._value) && _tangent.Equals(other._tangent);

    /// <inheritdoc cref="object.Equals(object)"/>
    public override bool Equals(object? obj) => obj is Dual<T> other && Equals(other);

    /// <inheritdoc cref="object.GetHashCode"/>
    public override int GetHashCode() => HashCode.Combine(_value, _tangent);

    //
    // IFormattable
    //

    /// <summary>The value and tangent as <c>a + bε</c>.</summary>
    /// <returns>The text, e.g. <c>3 + 1ε</c>.</returns>
    public override string ToString() => ToString(null, CultureInfo.CurrentCulture);

    /// <inheritdoc cref="IFormattable.ToString(string, IFormatProvider)"/>
    /// <remarks>Formats value and tangent with <paramref name="format"/>, as <c>a + bε</c>; the parts of a nested
    /// dual are parenthesized, <c>(a + bε) + (c + dε)ε</c>, so the text stays unambiguous.</remarks>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        bool negative = T.IsNegative(_tangent) && !T.IsNaN(_tangent);
        T magnitude = negative ? -_tangent : _tangent;
        return $"{Part(_value, format, formatProvider)} {(negative ? '-' : '+')} {Part(magnitude, format, formatProvider)}ε";
    }

    private static string Part(T part, string? format, IFormatProvider? formatProvider) =>
        typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Dual<>) ? $"({part.ToString(format, formatProvider)})" : part.ToString(format, formatProvider);

    /// <inheritdoc cref="ISpanFormattable.TryFormat"/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        string text = ToString(format.IsEmpty ? null : format.ToString(), provider);
        if (text.AsSpan().TryCopyTo(destination))
        {
            charsWritten = text.Length;
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <inheritdoc cref="IUtf8SpanFormattable.TryFormat"/>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        string text = ToString(format.IsEmpty ? null : format.ToString(), provider);
        return System.Text.Unicode.Utf8.FromUtf16(text, utf8Destination, out _, out bytesWritten) == System.Buffers.OperationStatus.Done;
    }
}
