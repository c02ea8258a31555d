using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>
/// A reverse-mode variable: a value and its place on the thread's active <see cref="Tape{T}"/>. Generic-math
/// code run with <see cref="Var{T}"/> records itself; a backward sweep then gives vector-Jacobian products
/// and gradients.
/// </summary>
/// <typeparam name="T">The scalar type. <c>Var&lt;Dual&lt;T&gt;&gt;</c> is forward-over-reverse (JAX's
/// <c>jvp(grad f)</c>); <c>Var&lt;Var&lt;T&gt;&gt;</c> is reverse-over-reverse (PyTorch's double backward).</typeparam>
/// <remarks>
/// Every derivative comes from <see cref="Rules{T}"/>, the same table <see cref="Dual{T}"/> reads. A value
/// converted from <typeparamref name="T"/> is a constant and is never recorded. Comparisons compare values
/// only; <see cref="Equals(Var{T})"/> compares value and identity on the tape.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
[GenerateRuleForwarders(DifferentiationMode.Reverse)]
public readonly partial struct Var<T>
    : IFloatingPointIeee754<Var<T>>,
      IEquatable<Var<T>>,
      IComparable<Var<T>>,
      IComparable,
      IPropagationProduct<Var<T>>
    where T : IFloatingPointIeee754<T>
{
    private readonly T _value;

    // The record index (low half) and the recording (high half) in one field: a struct of two eightbytes (the value's
    // and this one) is passed and returned in two registers field by field, so the JIT keeps every field of a Var
    // in a register; two ints sharing an eightbyte made it keep every Var of a user's loop in a stack slot.
    private readonly ulong _place;

    /// <summary>A constant: never recorded, adjoint always 0.</summary>
    internal Var(T value)
    {
        _value = value;
    }

    /// <summary>A recorded variable: record <paramref name="index"/> of recording <paramref name="recording"/>.</summary>
    internal Var(T value, int index, int recording)
    {
        _value = value;
        _place = (uint)index | ((ulong)(uint)recording << 32);
    }

    /// <summary>The primal value.</summary>
    /// <remarks>Read inside a function given to <see cref="Reverse.Compile{T}(IScalarFunction, T[])"/>, the value has left
    /// the tape: the recording replays only at points where it is the same, bit for bit (elsewhere f is recorded anew).</remarks>
    public T Value
    {
        get
        {
            if (Tape<T>.AnyCompiling)
            {
                Tape<T>.GuardSame(this);
            }

            return _value;
        }
    }

    /// <summary>Whether this variable is on a tape (false for a constant).</summary>
    public bool IsRecorded => Recording != 0;

    /// <summary>The record index on its tape (0 for a constant).</summary>
    internal int Index => (int)_place;

    /// <summary>The recording this variable belongs to (0 for a constant).</summary>
    internal int Recording => (int)(_place >> 32);

    /// <summary>The value, for library code: unlike <see cref="Value"/>, never a guard of a recording for replay.</summary>
    internal T Primal => _value;

    /// <summary>A constant with the given value; it is never recorded.</summary>
    /// <param name="value">The constant's value.</param>
    public static implicit operator Var<T>(T value) => new(value);

    /// <summary>y = f(x) with the rule's partial f′(x) recorded against x; a replay calls the rule <paramref name="replay"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Var<T> Chain(Var<T> x, (T Value, T Derivative) rule, delegate*<T, (T Value, T Derivative)> replay) => Tape<T>.Operation(rule.Value, x, rule.Derivative, ReplayOp.Unary, (nint)replay);

    /// <summary>y = f(x, n) for an integer n, with the rule's partial recorded against x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Var<T> Chain(Var<T> x, (T Value, T Derivative) rule, delegate*<T, int, (T Value, T Derivative)> replay, int n) => Tape<T>.Operation(rule.Value, x, rule.Derivative, ReplayOp.UnaryInt, (nint)replay, default, n);

    /// <summary>y = f(x, z) with both partials recorded; a replay calls the rule <paramref name="replay"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Var<T> Chain(Var<T> x, Var<T> y, (T Value, T Dx, T Dy) rule, delegate*<T, T, (T Value, T Dx, T Dy)> replay) => Tape<T>.Operation(rule.Value, x, rule.Dx, y, rule.Dy, ReplayOp.Binary, (nint)replay);

    /// <summary>y = f(x, z) with both partials recorded, for the hand-written operators (their replay is an op code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Chain(Var<T> x, Var<T> y, (T Value, T Dx, T Dy) rule, ReplayOp op) => Tape<T>.Operation(rule.Value, x, rule.Dx, y, rule.Dy, op);

    /// <summary>A ternary rule (fused multiply-add, lerp): one record of three operands; a recording for replay keeps
    /// the rule <paramref name="replay"/>.</summary>
    private static unsafe Var<T> Chain(Var<T> x, Var<T> y, Var<T> z, (T Value, T Dx, T Dy, T Dz) rule, delegate*<T, T, T, (T Value, T Da, T Db, T Dc)> replay) =>
        Tape<T>.AnyCompiling
            ? Tape<T>.TernaryForReplay(rule.Value, x, rule.Dx, y, rule.Dy, z, rule.Dz, (nint)replay)
            : Tape<T>.Operation(rule.Value, x, rule.Dx, y, rule.Dy, z, rule.Dz);

    /// <summary>A selection (min, max, clamp) is the argument it returned, recorded with derivative 1 so that
    /// the adjoint of the result is its own; a recording for replay keeps which one it was.</summary>
    private static Var<T> Select(Selection selection, T result, Var<T> x, Var<T> y)
    {
        bool first = Rules<T>.SelectsFirst(result, x._value);
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(GuardKind.Select, (byte)selection, x, y, default, first ? 1 : 0);
        }

        return Tape<T>.Operation(result, first ? x : y, T.One, ReplayOp.Copy);
    }

    /// <summary>A comparison's outcome, kept by a recording for replay.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Guarded(bool outcome, GuardKind kind, Var<T> left, Var<T> right)
    {
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(kind, left, right, outcome);
        }

        return outcome;
    }

    /// <summary>A predicate's outcome, kept by a recording for replay.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Guarded(bool outcome, Predicate predicate, Var<T> value)
    {
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(predicate, value, outcome ? 1 : 0);
        }

        return outcome;
    }

    /// <summary>An integer function of the value, kept by a recording for replay.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Guarded(int outcome, Predicate predicate, Var<T> value)
    {
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(predicate, value, outcome);
        }

        return outcome;
    }

    /// <summary>The value leaves the tape (as text, a hash, bits): a recording for replay needs it unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Leaked()
    {
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.GuardSame(this);
        }

        return _value;
    }

    /// <inheritdoc/>
    /// <remarks>The record keeps the ordinary product's partials (b and a); only its value changes, which no replay
    /// recomputes, so a recording for replay holding it is not replayable.</remarks>
    Var<T> IPropagationProduct<Var<T>>.WithPropagatedValue(Var<T> left, Var<T> right)
    {
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Block(this, "a propagation product (a sweep of a nested tape recorded inside f)");
        }

        return new(Propagation.Scale(left._value, right._value), Index, Recording);
    }

    /// <summary>A piecewise-constant function (floor, round, …): a constant.</summary>
    private static Var<T> Constant(T value) => new(value);

    //
    // IComparable
    //

    /// <inheritdoc cref="IComparable.CompareTo(object)"/>
    /// <remarks>Compares values only.</remarks>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Var<T> other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(Var<T>)}.", nameof(obj)),
    };

    /// <inheritdoc cref="IComparable{T}.CompareTo(T)"/>
    /// <remarks>Compares values only.</remarks>
    public int CompareTo(Var<T> other)
    {
        int outcome = _value.CompareTo(other._value);
        if (Tape<T>.AnyCompiling)
        {
            Tape<T>.Guard(GuardKind.CompareTo, 0, this, other, default, Math.Sign(outcome));
        }

        return outcome;
    }

    //
    // IEquatable
    //

    /// <inheritdoc cref="IEquatable{T}.Equals(T)"/>
    /// <remarks>Compares value and identity on the tape; the operator <c>==</c> compares values only.</remarks>
    public bool Equals(Var<T> other) => Guarded(_value.Equals(other._value), GuardKind.EqualsValue, this, other) && _place == other._place;

    /// <inheritdoc cref="object.Equals(object)"/>
    public override bool Equals(object? obj) => obj is Var<T> other && Equals(other);

    /// <inheritdoc cref="object.GetHashCode"/>
    public override int GetHashCode() => HashCode.Combine(Leaked(), _place);

    //
    // IFormattable
    //

    /// <summary>The value, formatted as <typeparamref name="T"/> would be.</summary>
    /// <returns>The text of the value.</returns>
    public override string ToString() => Leaked().ToString() ?? string.Empty;

    /// <inheritdoc cref="IFormattable.ToString(string, IFormatProvider)"/>
    public string ToString(string? format, IFormatProvider? formatProvider) => Leaked().ToString(format, formatProvider);

    /// <inheritdoc cref="ISpanFormattable.TryFormat"/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => Leaked().TryFormat(destination, out charsWritten, format, provider);

    /// <inheritdoc cref="IUtf8SpanFormattable.TryFormat"/>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => Leaked().TryFormat(utf8Destination, out bytesWritten, format, provider);
}
