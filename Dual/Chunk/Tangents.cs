using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

// The fixed-size tangent lanes of Dual<T, TTangents>, ForwardDiff's Partials{N}: C# has no integer type
// parameters, so each width is its own inline array, and the arithmetic on lanes is written once, over the width
// (TangentLanes.cs). Twelve is ForwardDiff's default chunk threshold; Forward.ChunkSize picks among these.

/// <summary>A fixed number of tangent lanes stored inline, the tangents of a <see cref="Dual{T, TTangents}"/>.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
/// <typeparam name="TSelf">The lane type itself: an inline array of <see cref="Count"/> elements of <typeparamref name="T"/>.</typeparam>
/// <remarks>Implemented by <see cref="Tangents1{T}"/> … <see cref="Tangents12{T}"/> only: the lane arithmetic reads
/// the struct as <see cref="Count"/> consecutive <typeparamref name="T"/>, which an inline array guarantees.</remarks>
public interface ITangents<T, TSelf>
    where T : IFloatingPointIeee754<T>
    where TSelf : struct, ITangents<T, TSelf>
{
    /// <summary>The number of lanes: how many directional derivatives one pass carries.</summary>
    static abstract int Count { get; }
}

/// <summary>One tangent lane of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents1&lt;T&gt;&gt;</c>
/// carries 1 directional derivative per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(1)]
public struct Tangents1<T> : ITangents<T, Tangents1<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 1;
}

/// <summary>Two tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents2&lt;T&gt;&gt;</c>
/// carries 2 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(2)]
public struct Tangents2<T> : ITangents<T, Tangents2<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 2;
}

/// <summary>Three tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents3&lt;T&gt;&gt;</c>
/// carries 3 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(3)]
public struct Tangents3<T> : ITangents<T, Tangents3<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 3;
}

/// <summary>Four tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents4&lt;T&gt;&gt;</c>
/// carries 4 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(4)]
public struct Tangents4<T> : ITangents<T, Tangents4<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 4;
}

/// <summary>Five tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents5&lt;T&gt;&gt;</c>
/// carries 5 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(5)]
public struct Tangents5<T> : ITangents<T, Tangents5<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 5;
}

/// <summary>Six tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents6&lt;T&gt;&gt;</c>
/// carries 6 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(6)]
public struct Tangents6<T> : ITangents<T, Tangents6<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 6;
}

/// <summary>Seven tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents7&lt;T&gt;&gt;</c>
/// carries 7 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(7)]
public struct Tangents7<T> : ITangents<T, Tangents7<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 7;
}

/// <summary>Eight tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents8&lt;T&gt;&gt;</c>
/// carries 8 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(8)]
public struct Tangents8<T> : ITangents<T, Tangents8<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 8;
}

/// <summary>Nine tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents9&lt;T&gt;&gt;</c>
/// carries 9 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(9)]
public struct Tangents9<T> : ITangents<T, Tangents9<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 9;
}

/// <summary>Ten tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents10&lt;T&gt;&gt;</c>
/// carries 10 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(10)]
public struct Tangents10<T> : ITangents<T, Tangents10<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 10;
}

/// <summary>Eleven tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents11&lt;T&gt;&gt;</c>
/// carries 11 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(11)]
public struct Tangents11<T> : ITangents<T, Tangents11<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 11;
}

/// <summary>Twelve tangent lanes of <typeparamref name="T"/>, stored inline: <c>Dual&lt;T, Tangents12&lt;T&gt;&gt;</c>
/// carries 12 directional derivatives per pass.</summary>
/// <typeparam name="T">The scalar type of one lane.</typeparam>
[InlineArray(12)]
public struct Tangents12<T> : ITangents<T, Tangents12<T>>
    where T : IFloatingPointIeee754<T>
{
    private T _lane;

    /// <inheritdoc/>
    public static int Count => 12;
}
