using System.Runtime.CompilerServices;

namespace DualAutodiff;

/// <summary>How many <see cref="Forward"/> calls at one scalar type are running on this thread.</summary>
/// <remarks>The count lives in a slot of <see cref="ThreadSlots"/> (a generic thread static costs a helper call on
/// every access).</remarks>
internal static class ForwardNesting<T>
{
    private static readonly int s_slot = ThreadSlots.NewSlot();

    /// <summary>Enters a call; returns whether another call at this type is already running.</summary>
    public static bool Enter()
    {
        Depth? depth = Unsafe.As<Depth?>(ThreadSlots.Get(s_slot));
        if (depth is null)
        {
            depth = new Depth();
            ThreadSlots.Set(s_slot, depth);
        }

        return depth.Value++ > 0;
    }

    /// <summary>Leaves a call.</summary>
    public static void Exit() => Unsafe.As<Depth>(ThreadSlots.Get(s_slot)!).Value--;

    /// <summary>This thread's count.</summary>
    private sealed class Depth
    {
        public int Value;
    }
}
