namespace DualAutodiff;

/// <summary>A per-thread reusable input array, so a steady-state call allocates only its results.</summary>
/// <remarks>Rented arrays are taken out of the pool, so a nested call at the same type gets a fresh one
/// instead of overwriting the outer call's inputs.</remarks>
internal static class InputBuffer<T>
{
    [ThreadStatic]
    private static T[]? s_free;

    /// <summary>An array of length <paramref name="length"/> with unspecified contents, from the pool when one of that length is free.</summary>
    public static T[] Rent(int length)
    {
        T[]? buffer = s_free;
        if (buffer is not null && buffer.Length == length)
        {
            s_free = null;
            return buffer;
        }

        return new T[length];
    }

    /// <summary>Gives an array back to this thread's pool.</summary>
    public static void Return(T[] buffer) => s_free = buffer;
}
