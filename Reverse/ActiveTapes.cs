using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>The thread's active tape for every scalar type, in one non-generic thread-static array.</summary>
/// <remarks>A <c>[ThreadStatic]</c> field of a generic class is read through a runtime helper call on every access;
/// a non-generic one is read inline. Recording reads the active tape once per operation, so each
/// <see cref="Tape{T}"/> type takes a slot here instead.</remarks>
internal static class ActiveTapes
{
    private static int s_slotCount;

    [ThreadStatic]
    private static object?[]? s_slots;

    /// <summary>A new slot number, taken once per tape type.</summary>
    public static int NewSlot() => Interlocked.Increment(ref s_slotCount) - 1;

    /// <summary>The active tape in a slot on this thread, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? Get(int slot)
    {
        object?[]? slots = s_slots;
        return slots is not null && (uint)slot < (uint)slots.Length ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), slot) : null;
    }

    /// <summary>Sets the active tape of a slot on this thread.</summary>
    public static void Set(int slot, object? tape)
    {
        object?[]? slots = s_slots;
        if (slots is null || slot >= slots.Length)
        {
            Array.Resize(ref slots, Math.Max(slot + 1, Math.Max(4, (slots?.Length ?? 0) * 2)));
            s_slots = slots;
        }

        slots[slot] = tape;
    }
}
