namespace DualAutodiff;

/// <summary>How many <see cref="Forward"/> calls at one scalar type are running on this thread.</summary>
internal static class ForwardNesting<T>
{
    [ThreadStatic]
    private static int s_depth;

    /// <summary>Enters a call; returns whether another call at this type is already running.</summary>
    public static bool Enter() => s_depth++ > 0;

    /// <summary>Leaves a call.</summary>
    public static void Exit() => s_depth--;
}
