using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

/// <summary>
/// The scalar that sparsity detection runs the user's unchanged <c>Evaluate&lt;T&gt;</c> with: a value (so branches
/// follow the point, local mode) and the node of a <see cref="TraceRecording"/> that says what it depends on.
/// </summary>
/// <remarks>
/// <para>Every operation is classified by the structure of its derivatives, once, here: linear (x ± y, −x, c·x,
/// |x|, x % y: no second partials), bilinear (x·y: only the cross pair), a quotient (x/y: the pairs (x, y) and
/// (y, y)), the fused forms (a·b + c, lerp) by their products, and every other function of one or more variables
/// as nonlinear in all its operands. Piecewise-constant functions (floor, round, …) give constants.</para>
/// <para>In global mode (<see cref="SparsityMode.Global"/>) a comparison, predicate or conversion out of a value
/// that depends on the input throws, since the pattern must then hold at every point; min and max depend on both
/// arguments. In local mode they use the value at x, as <see cref="Dual{T}"/> does.</para>
/// </remarks>
internal readonly partial struct SparsityTracer
    : IFloatingPointIeee754<SparsityTracer>,
      IEquatable<SparsityTracer>,
      IComparable<SparsityTracer>,
      IComparable,
      IRuleHost<SparsityTracer>
{
    private readonly double _value;
    private readonly int _node;

    /// <summary>A value with its node (<see cref="TraceRecording.Constant"/> for a constant).</summary>
    public SparsityTracer(double value, int node)
    {
        _value = value;
        _node = node;
    }

    /// <summary>The value at the traced point.</summary>
    public double Value => _value;

    /// <summary>The node of the recording this value is, or −1 for a constant.</summary>
    public int Node => _node;

    /// <summary>A constant.</summary>
    public static implicit operator SparsityTracer(double value) => new(value, TraceRecording.Constant);

    private static SparsityTracer Constant(double value) => new(value, TraceRecording.Constant);

    /// <summary>A linear function of one operand: the operand's structure.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SparsityTracer Linear(double value, SparsityTracer x) => new(value, x._node);

    /// <summary>A linear function of two operands: the union of their structures.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SparsityTracer Linear(double value, SparsityTracer x, SparsityTracer y) =>
        x._node == y._node || y._node < 0 ? new(value, x._node) : x._node < 0 ? new(value, y._node) : new(value, TraceRecording.Current.Binary(x._node, y._node, 0));

    /// <summary>A function of one operand with a nonzero second derivative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SparsityTracer Nonlinear(double value, SparsityTracer x) => x._node < 0 ? Constant(value) : new(value, TraceRecording.Current.Unary(x._node));

    /// <summary>A function of two operands whose second partials are all nonzero.</summary>
    private static SparsityTracer Nonlinear(double value, SparsityTracer x, SparsityTracer y) =>
        Binary(value, x, y, TraceRecording.Pair00 | TraceRecording.Pair11 | TraceRecording.Pair01);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SparsityTracer Binary(double value, SparsityTracer x, SparsityTracer y, byte pairs) =>
        x._node < 0 && y._node < 0 ? Constant(value) : new(value, TraceRecording.Current.Binary(x._node, y._node, pairs));

    private static SparsityTracer Ternary(double value, SparsityTracer x, SparsityTracer y, SparsityTracer z, byte pairs) =>
        x._node < 0 && y._node < 0 && z._node < 0 ? Constant(value) : new(value, TraceRecording.Current.Ternary(x._node, y._node, z._node, pairs));

    /// <summary>A selection (min, max, clamp): in local mode the argument returned, in global mode both.</summary>
    private static SparsityTracer Select(double result, SparsityTracer x, SparsityTracer y)
    {
        if (x._node == y._node)
        {
            return new(result, x._node);
        }

        TraceRecording recording = TraceRecording.Current;
        if (recording.Global)
        {
            return Linear(result, x, y);
        }

        recording.Decisions++;
        return new(result, Rules<double>.SelectsFirst(result, x._value) ? x._node : y._node);
    }

    /// <summary>Throws in global mode when a decision depends on the input.</summary>
    /// <param name="what">The operation, for the message.</param>
    /// <param name="x">The operand the decision reads.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Decide(string what, SparsityTracer x)
    {
        if (x._node >= 0)
        {
            Decided(what);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Decide(string what, SparsityTracer x, SparsityTracer y)
    {
        if (x._node >= 0 || y._node >= 0)
        {
            Decided(what);
        }
    }

    /// <summary>Counts a decision on the input (local mode) or refuses it (global mode).</summary>
    private static void Decided(string what)
    {
        TraceRecording recording = TraceRecording.Current;
        if (recording.Global)
        {
            Refuse(what);
        }

        recording.Decisions++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Refuse(string what) => throw new InvalidOperationException(
        $"Global sparsity detection cannot follow a branch: the function uses {what} on a value that depends on the input, so its pattern may differ from point to point. Use SparsityMode.Local (the default), which follows the branches taken at x.");

    //
    // IComparable
    //

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        SparsityTracer other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(SparsityTracer)}.", nameof(obj)),
    };

    public int CompareTo(SparsityTracer other)
    {
        Decide("CompareTo", this, other);
        return _value.CompareTo(other._value);
    }

    //
    // IEquatable
    //

    public bool Equals(SparsityTracer other) => _value.Equals(other._value) && _node == other._node;

    public override bool Equals(object? obj) => obj is SparsityTracer other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_value, _node);

    //
    // IFormattable
    //

    public override string ToString() => ToString(null, CultureInfo.CurrentCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => $"{_value.ToString(format, formatProvider)} (node {_node})";

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

    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        string text = ToString(format.IsEmpty ? null : format.ToString(), provider);
        return System.Text.Unicode.Utf8.FromUtf16(text, utf8Destination, out _, out bytesWritten) == System.Buffers.OperationStatus.Done;
    }
}
