using System.Collections.Concurrent;
using System.Numerics;

namespace DualAutodiff.Benchmarks.Workloads;

/// <summary>Fixed <c>double</c> data, converted once per scalar type and cached, so a generic function reads its
/// constants as <c>T</c> without converting them on every call (as ADOL-C's <c>double · adouble</c> does).</summary>
/// <param name="values">The data.</param>
/// <remarks>For <c>Var&lt;T&gt;</c> and <c>Dual&lt;T&gt;</c> the converted values are constants: they are never
/// recorded and carry no tangent.</remarks>
public sealed class TypedData(double[] values)
{
    private readonly ConcurrentDictionary<Type, Array> _byType = new();

    /// <summary>The data as <c>double</c>.</summary>
    public double[] Values { get; } = values;

    /// <summary>The data converted to <typeparamref name="T"/> (cached after the first call for each type).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <returns>The converted values.</returns>
    public ReadOnlySpan<T> As<T>()
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return (T[])(Array)Values;
        }

        return (T[])_byType.GetOrAdd(typeof(T), static (_, v) => Convert<T>(v), Values);
    }

    private static T[] Convert<T>(double[] values)
        where T : IFloatingPointIeee754<T>
    {
        var converted = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            converted[i] = T.CreateChecked(values[i]);
        }

        return converted;
    }
}
