using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>The bounds of the calling thread's stack, which let the recording fast path tell that it runs on the
/// thread a tape records on without reading a thread-static (see <c>Tape.Published.cs</c>).</summary>
/// <remarks>
/// The stacks of two threads never overlap, so an address inside this range is on this thread's stack only, and the
/// address of a local shows which thread runs. One instance per thread, found once. Where the bounds are unknown (an
/// operating system without the query, a query that fails or that does not contain the caller's stack) the range is
/// empty: the check then always fails and recording takes the thread-static path, as exact and only slower.
/// </remarks>
internal sealed class ThreadStack
{
    [ThreadStatic]
    private static ThreadStack? s_current;

    private ThreadStack(nuint low, nuint size)
    {
        Low = low;
        Size = size;
    }

    /// <summary>The lowest address of the stack.</summary>
    public nuint Low { get; }

    /// <summary>The size of the stack in bytes (0 where unknown).</summary>
    public nuint Size { get; }

    /// <summary>The calling thread's stack.</summary>
    public static ThreadStack Current => s_current ??= Find();

    /// <summary>An address on the calling thread's stack: that of a local.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    [SkipLocalsInit]
    public static unsafe nuint Here()
    {
        byte here;
        return (nuint)(&here);
    }

    private static ThreadStack Find()
    {
        (nuint low, nuint size) = Query();
        return Here() - low < size ? new ThreadStack(low, size) : new ThreadStack(0, 0);
    }

    private static (nuint Low, nuint Size) Query()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                GetCurrentThreadStackLimits(out nuint low, out nuint high);
                return (low, high - low);
            }

            if (OperatingSystem.IsMacOS())
            {
                nint self = MacPthreadSelf();
                nuint high = MacStackAddress(self);
                nuint size = MacStackSize(self);
                return (high - size, size);
            }

            if (OperatingSystem.IsLinux())
            {
                return QueryPthread();
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        return (0, 0);
    }

    /// <summary>glibc and musl: the running thread's attributes (for the main thread glibc bounds the stack by its
    /// limit and by the mapping below it).</summary>
    private static unsafe (nuint Low, nuint Size) QueryPthread()
    {
        // pthread_attr_t is 56 bytes on x64 and 64 on arm64
        byte* attr = stackalloc byte[256];
        if (LinuxGetAttr(LinuxPthreadSelf(), attr) != 0)
        {
            return (0, 0);
        }

        try
        {
            return LinuxGetStack(attr, out nuint low, out nuint size) == 0 ? (low, size) : (0, 0);
        }
        finally
        {
            _ = LinuxAttrDestroy(attr);
        }
    }

    [DllImport("kernel32", ExactSpelling = true)]
    private static extern void GetCurrentThreadStackLimits(out nuint low, out nuint high);

    [DllImport("libc", EntryPoint = "pthread_self", ExactSpelling = true)]
    private static extern nint LinuxPthreadSelf();

    [DllImport("libc", EntryPoint = "pthread_getattr_np", ExactSpelling = true)]
    private static extern unsafe int LinuxGetAttr(nint thread, byte* attr);

    [DllImport("libc", EntryPoint = "pthread_attr_getstack", ExactSpelling = true)]
    private static extern unsafe int LinuxGetStack(byte* attr, out nuint low, out nuint size);

    [DllImport("libc", EntryPoint = "pthread_attr_destroy", ExactSpelling = true)]
    private static extern unsafe int LinuxAttrDestroy(byte* attr);

    [DllImport("libSystem.dylib", EntryPoint = "pthread_self", ExactSpelling = true)]
    private static extern nint MacPthreadSelf();

    [DllImport("libSystem.dylib", EntryPoint = "pthread_get_stackaddr_np", ExactSpelling = true)]
    private static extern nuint MacStackAddress(nint thread);

    [DllImport("libSystem.dylib", EntryPoint = "pthread_get_stacksize_np", ExactSpelling = true)]
    private static extern nuint MacStackSize(nint thread);
}
