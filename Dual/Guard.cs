namespace DualAutodiff;

/// <summary>Argument checks shared by every facade, so each problem has one message.</summary>
internal static class Guard
{
    /// <summary>Throws when <paramref name="x"/> is null. An empty input is valid: f: R⁰ → Rᵐ has an empty
    /// gradient and an m×0 Jacobian (as in ForwardDiff, JAX, PyTorch and Stan).</summary>
    public static void Input<T>(T[]? x, string name) => ArgumentNullException.ThrowIfNull(x, name);

    /// <summary>Throws when <paramref name="other"/> is null or its length differs from <paramref name="expected"/>.</summary>
    public static void Length<T>(T[]? other, int expected, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(other, name);
        if (other.Length != expected)
        {
            throw new ArgumentException($"Length mismatch: {name} has length {other.Length}, but {what} has length {expected}.", name);
        }
    }

    /// <summary>Throws when a function returned null or an output of a length other than expected.</summary>
    public static T[] Output<T>(T[]? y, int expected, string name)
    {
        if (y is null)
        {
            throw new ArgumentException("The function returned null instead of its outputs.", name);
        }

        if (expected >= 0 && y.Length != expected)
        {
            throw new ArgumentException($"The function returned {y.Length} outputs, but {expected} were expected.", name);
        }

        return y;
    }

    /// <summary>The output length a vector function declares, checked.</summary>
    public static int OutputLength(IVectorFunction f, int n, string name)
    {
        int m = f.OutputLength(n);
        if (m < 0)
        {
            throw new ArgumentException($"OutputLength({n}) returned {m}; an output length cannot be negative.", name);
        }

        return m;
    }
}
