using System.Runtime.CompilerServices;

namespace DualAutodiff;

/// <summary>A per-thread reusable input array, so a steady-state call allocates only its results.</summary>
/// <remarks>Rented arrays are taken out of the pool, so a nested call at the same type gets a fresh one
/// instead of overwriting the outer call's inputs.</remarks>
internal static class InputBuffer<T>
{
    /// <summary>This thread's free array, in <see cref="ThreadSlots"/> (a generic thread static costs a helper call).</summary>
    private static readonly int s_slot = ThreadSlots.NewSlot();

    /// <summary>An array of length <paramref name="length"/> with unspecified contents, from the pool when one of that length is free.</summary>
    public static T[] Rent(int length)
    {
        T[]? buffer = Unsafe.As<T[]?>(ThreadSlots.Get(s_slot));
        if (buffer is not null && buffer.Length == length)
        {
            ThreadSlots.Set(s_slot, null);
            return buffer;
        }

        return new T[length];
    }

    /// <summary>Gives an array back to this thread's pool.</summary>
    public static void Return(T[] buffer) => ThreadSlots.Set(s_slot, buffer);
}
