namespace DualAutodiff;

/// <summary>One reusable array per thread and element type, for the working buffers of a call.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>Renting empties the slot until the array is returned, so a nested call on the same thread (from
/// inside the user's function) gets a fresh array instead of overwriting one still in use.</remarks>
internal static class Scratch<T>
{
    [ThreadStatic]
    private static T[]? s_free;

    /// <summary>An array of exactly <paramref name="length"/> elements, with unspecified contents.</summary>
    public static T[] Rent(int length)
    {
        T[]? array = s_free;
        s_free = null;
        return array is not null && array.Length == length ? array : new T[length];
    }

    /// <summary>Gives the array back for the next call on this thread.</summary>
    public static void Return(T[] array) => s_free = array;
}
