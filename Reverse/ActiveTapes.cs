using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>The thread's active tape for every scalar type, in non-generic thread-static fields.</summary>
/// <remarks>A <c>[ThreadStatic]</c> field of a generic class is read through a runtime helper call on every access;
/// a non-generic one is read inline. Recording reads the active tape once per operation, so each
/// <see cref="Tape{T}"/> type takes a slot here instead. The first slots (the scalar types a program records on
/// first: one for a gradient, one more for each nesting) are fields of their own, read with one load, since a slot
/// number is a constant to the JIT; later ones share an array.</remarks>
internal static class ActiveTapes
{
    private const int Fields = 4;

    private static int s_slotCount;

    [ThreadStatic]
    private static object? s_slot0;

    [ThreadStatic]
    private static object? s_slot1;

    [ThreadStatic]
    private static object? s_slot2;

    [ThreadStatic]
    private static object? s_slot3;

    [ThreadStatic]
    private static object?[]? s_slots;

    /// <summary>A new slot number, taken once per tape type.</summary>
    public static int NewSlot() => Interlocked.Increment(ref s_slotCount) - 1;

    /// <summary>The active tape in a slot on this thread, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static object? Get(int slot)
    {
        switch (slot)
        {
            case 0:
                return s_slot0;
            case 1:
                return s_slot1;
            case 2:
                return s_slot2;
            case 3:
                return s_slot3;
            default:
                object?[]? slots = s_slots;
                int k = slot - Fields;
                return slots is not null && (uint)k < (uint)slots.Length ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), k) : null;
        }
    }

    /// <summary>Sets the active tape of a slot on this thread.</summary>
    public static void Set(int slot, object? tape)
    {
        switch (slot)
        {
            case 0:
                s_slot0 = tape;
                return;
            case 1:
                s_slot1 = tape;
                return;
            case 2:
                s_slot2 = tape;
                return;
            case 3:
                s_slot3 = tape;
                return;
        }

        object?[]? slots = s_slots;
        int k = slot - Fields;
        if (slots is null || k >= slots.Length)
        {
            Array.Resize(ref slots, Math.Max(k + 1, Math.Max(4, (slots?.Length ?? 0) * 2)));
            s_slots = slots;
        }

        slots[k] = tape;
    }
}
