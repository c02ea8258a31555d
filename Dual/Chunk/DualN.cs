using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DualAutodiff;

/// <summary>
/// A dual number with several tangents, a + b₁ε₁ + … + bₖεₖ with εᵢεⱼ = 0: one pass of generic-math code propagates
/// k directional derivatives at once (ForwardDiff's <c>Dual{T,V,N}</c> with <c>Partials{N}</c>, chunk mode).
/// </summary>
/// <typeparam name="T">The scalar type of value and tangents; itself a <see cref="Dual{T}"/> or a <c>Var</c> for
/// higher order, as for <see cref="Dual{T}"/>.</typeparam>
/// <typeparam name="TTangents">The lanes: <see cref="Tangents1{T}"/> … <see cref="Tangents12{T}"/> for any
/// <typeparamref name="T"/>, or for <see cref="double"/> the SIMD lanes <see cref="DoubleTangents4"/>,
/// <see cref="DoubleTangents8"/>, <see cref="DoubleTangents12"/>; k is fixed by the type and known to the JIT.</typeparam>
/// <remarks>
/// <para>
/// Each lane is exactly what <see cref="Dual{T}"/> computes with that lane's seed, bit for bit: every derivative
/// comes from <see cref="Rules{T}"/> through the same chain rule, and the 0·∞ = 0 convention of
/// <see cref="Propagation.Scale{T}"/> holds in every lane. The value is computed once for all lanes, which is
/// where chunking saves: a gradient of f: Rⁿ → R takes ⌈n/k⌉ passes instead of n (<see cref="Forward"/> picks k).
/// The <c>DoubleTangents</c> lanes add and scale four doubles per instruction (<see cref="Forward"/> uses them for
/// <see cref="double"/>).
/// </para>
/// <para>
/// <c>Var&lt;Dual&lt;T, TTangents&gt;&gt;</c> is forward-over-reverse with k directions: one recording and one
/// backward sweep give ∇f and the k products H·v₁ … H·vₖ. Comparisons compare values only, as for
/// <see cref="Dual{T}"/>; <see cref="Equals(Dual{T, TTangents})"/> compares value and every lane.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
[GenerateRuleForwarders(DifferentiationMode.Forward, CallsOutOfLine = true)]
public readonly partial struct Dual<T, TTangents>
    : IFloatingPointIeee754<Dual<T, TTangents>>,
      IEquatable<Dual<T, TTangents>>,
      IComparable<Dual<T, TTangents>>,
      IComparable,
      IPropagationProduct<Dual<T, TTangents>>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    private readonly T _value;
    private readonly TTangents _tangents;

    /// <summary>Creates the dual number <paramref name="value"/> + Σ bᵢεᵢ with the lanes bᵢ of <paramref name="tangents"/>.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="tangents">The tangents, one per lane.</param>
    public Dual(T value, TTangents tangents)
    {
        _value = value;
        _tangents = tangents;
    }

    /// <summary>Creates the dual number <paramref name="value"/> + Σ bᵢεᵢ from a span of the lanes bᵢ.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="tangents">The tangents, exactly <see cref="TangentCount"/> of them.</param>
    /// <exception cref="ArgumentException"><paramref name="tangents"/> does not have one element per lane.</exception>
    public Dual(T value, ReadOnlySpan<T> tangents)
    {
        if (tangents.Length != TTangents.Count)
        {
            throw new ArgumentException($"Length mismatch: tangents has length {tangents.Length}, but {typeof(TTangents).Name} has {TTangents.Count} lanes.", nameof(tangents));
        }

        _value = value;
        _tangents = TangentLanes.From<T, TTangents>(tangents);
    }

    private Dual(T value)
    {
        _value = value;
        _tangents = TangentLanes.Zero<T, TTangents>();
    }

    /// <summary>The number of tangent lanes k, the directional derivatives carried per pass.</summary>
    public static int TangentCount => TTangents.Count;

    /// <summary>The primal value a.</summary>
    public T Value => _value;

    /// <summary>The tangent lanes b₁ … bₖ (a copy).</summary>
    public TTangents Tangents => _tangents;

    /// <summary>The tangent lanes of <paramref name="x"/> in place, for the lane kernels.</summary>
    internal static ref readonly TTangents LanesOf(in Dual<T, TTangents> x) => ref x._tangents;

    /// <summary>A constant: <paramref name="value"/> with zero tangent in every lane.</summary>
    /// <param name="value">The constant's value.</param>
    public static implicit operator Dual<T, TTangents>(T value) => new(value);

    /// <summary>The variable <paramref name="value"/> seeded in one lane: tangent 1 in lane <paramref name="lane"/>, 0 in the others.</summary>
    /// <param name="value">The primal value.</param>
    /// <param name="lane">The lane, 0 ≤ lane &lt; <see cref="TangentCount"/>.</param>
    /// <returns>value + 1·ε_lane.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is not a lane.</exception>
    public static Dual<T, TTangents> Seed(T value, int lane)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, TTangents.Count);
        TTangents tangents = TangentLanes.Zero<T, TTangents>();
        TTangents.Set(ref tangents, lane, T.One);
        return new(value, tangents);
    }

    /// <summary>The tangent of one lane: the directional derivative along that lane's seed.</summary>
    /// <param name="lane">The lane, 0 ≤ lane &lt; <see cref="TangentCount"/>.</param>
    /// <returns>bₗₐₙₑ.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lane"/> is not a lane.</exception>
    public T Tangent(int lane)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lane);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lane, TTangents.Count);
        return TTangents.Get(in _tangents, lane);
    }

    /// <summary>Copies the tangent lanes into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="TangentCount"/> elements.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyTangentsTo(Span<T> destination)
    {
        if (destination.Length < TTangents.Count)
        {
            throw new ArgumentException($"destination has length {destination.Length}, but there are {TTangents.Count} lanes.", nameof(destination));
        }

        TangentLanes.CopyTo(in _tangents, destination[..TTangents.Count]);
    }

    /// <summary>f(a + Σbᵢεᵢ) = f(a) + Σ bᵢ·f′(a)εᵢ for a unary rule (value, f′).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T, TTangents> Chain(in Dual<T, TTangents> x, (T Value, T Derivative) rule) => new(rule.Value, TangentLanes.Scale<T, TTangents>(in x._tangents, rule.Derivative));

    /// <summary>f(x, y) with lanes bᵢ·∂ₓf + dᵢ·∂ᵧf for a binary rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T, TTangents> Chain(in Dual<T, TTangents> x, in Dual<T, TTangents> y, (T Value, T Dx, T Dy) rule) =>
        new(rule.Value, TangentLanes.Scale<T, TTangents>(in x._tangents, rule.Dx, in y._tangents, rule.Dy));

    /// <summary>A ternary rule (fused multiply-add, lerp): the sum of the three propagation products in every lane.</summary>
    private static Dual<T, TTangents> Chain(in Dual<T, TTangents> x, in Dual<T, TTangents> y, in Dual<T, TTangents> z, (T Value, T Dx, T Dy, T Dz) rule) =>
        new(rule.Value, TTangents.Scale(in x._tangents, rule.Dx, in y._tangents, rule.Dy, in z._tangents, rule.Dz));

    /// <inheritdoc/>
    Dual<T, TTangents> IPropagationProduct<Dual<T, TTangents>>.WithPropagatedValue(Dual<T, TTangents> left, Dual<T, TTangents> right) => new(Propagation.Scale(left._value, right._value), _tangents);

    /// <summary>A selection (min, max, clamp) carries the tangents of the argument it returned.</summary>
    private static Dual<T, TTangents> Select(T result, in Dual<T, TTangents> x, in Dual<T, TTangents> y) => new(result, Rules<T>.SelectsFirst(result, x._value) ? x._tangents : y._tangents);

    /// <summary>A piecewise-constant function (floor, round, …): its value with zero tangents.</summary>
    private static Dual<T, TTangents> Constant(T value) => new(value);

    //
    // IComparable
    //

    /// <inheritdoc cref="IComparable.CompareTo(object)"/>
    /// <remarks>Compares values only.</remarks>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Dual<T, TTangents> other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(Dual<T, TTangents>)}.", nameof(obj)),
    };

    /// <inheritdoc cref="IComparable{T}.CompareTo(T)"/>
    /// <remarks>Compares values only.</remarks>
    public int CompareTo(Dual<T, TTangents> other) => _value.CompareTo(other._value);

    //
    // IEquatable
    //

    /// <inheritdoc cref="IEquatable{T}.Equals(T)"/>
    /// <remarks>Compares value and every lane; the operator <c>==</c> compares values only.</remarks>
    public bool Equals(Dual<T, TTangents> other) => _value.Equals(other._value) && TangentLanes.Equal<T, TTangents>(in _tangents, in other._tangents);

    /// <inheritdoc cref="object.Equals(object)"/>
    public override bool Equals(object? obj) => obj is Dual<T, TTangents> other && Equals(other);

    /// <inheritdoc cref="object.GetHashCode"/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        hash.Add(_value);
        for (int i = 0; i < TTangents.Count; i++)
        {
            hash.Add(TTangents.Get(in _tangents, i));
        }

        return hash.ToHashCode();
    }

    //
    // IFormattable
    //

    /// <summary>The value and tangents as <c>a + (b₁, …, bₖ)ε</c>.</summary>
    /// <returns>The text, e.g. <c>3 + (1, 0)ε</c>.</returns>
    public override string ToString() => ToString(null, CultureInfo.CurrentCulture);

    /// <inheritdoc cref="IFormattable.ToString(string, IFormatProvider)"/>
    /// <remarks>Formats value and lanes with <paramref name="format"/>, as <c>a + (b₁, …, bₖ)ε</c>.</remarks>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        StringBuilder text = new();
        text.Append(_value.ToString(format, formatProvider)).Append(" + (");
        for (int i = 0; i < TTangents.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(TTangents.Get(in _tangents, i).ToString(format, formatProvider));
        }

        return text.Append(")ε").ToString();
    }

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
