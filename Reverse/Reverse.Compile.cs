using System.Numerics;

namespace DualAutodiff;

public static partial class Reverse
{
    /// <summary>Records f once at x and returns its gradient as a function that replays the recording at new points
    /// without running f, recording anew (transparently) wherever f would take another path.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point of the first recording, length n; copied.</param>
    /// <returns>The compiled gradient; dispose it to give its tape back.</returns>
    /// <remarks>See <see cref="CompiledGradient{T}"/> for what replays, what is checked at each replay, and what a
    /// function that cannot be replayed costs.</remarks>
    public static CompiledGradient<T> Compile<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return new CompiledGradient<T>(f, [.. x]);
    }
}
