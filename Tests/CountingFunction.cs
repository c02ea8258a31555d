using System.Numerics;

namespace DualAutodiff.Tests;

/// <summary>Counts the evaluations of the function it wraps, at every scalar type (how many times a library call ran
/// the user's f).</summary>
/// <param name="f">The function.</param>
internal sealed class CountingFunction(IScalarFunction f) : IScalarFunction
{
    /// <summary>How many times f has been evaluated.</summary>
    public int Calls { get; private set; }

    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        Calls++;
        return f.Evaluate(x);
    }
}
