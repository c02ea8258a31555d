using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Published tapes: the recording fast path finds its tape without reading a thread-static
    //

    /// <summary>How many recordings can be published at once before two share a slot (a shared slot only sends one
    /// of them down the thread-static path).</summary>
    private const int PublishedSlots = 64;

    /// <summary>Bytes per slot: one slot per 64-byte cache line, so a recording that starts on one thread does not
    /// evict the line that another thread's operations read.</summary>
    private const int SlotBytes = 64;

    /// <summary>Fills the slots no recording holds, so the fast path reads a field without a null test.</summary>
    private static readonly Tape<T> s_nobody = new();

    /// <summary>The tapes whose recording the fast path may take, by recording number; shared by all threads.</summary>
    private static readonly Tape<T>[] s_published = NewPublished();

    /// <summary>The tape activated on top of this one, while it is active.</summary>
    private Tape<T>? _inner;

    /// <summary>The stack of the thread this tape was first published for; <see cref="_stackLow"/> and
    /// <see cref="_stackSize"/> are its bounds, written once, or the size is 0 once a second thread published it.</summary>
    private ThreadStack? _stackOwner;
    private nuint _stackLow;
    private nuint _stackSize;

    /// <summary>The published slot of <paramref name="recording"/>: the tape there is <see cref="s_nobody"/> if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Tape<T> PublishedSlot(int recording) => ref Unsafe.As<byte, Tape<T>>(ref Unsafe.AddByteOffset(
        ref Unsafe.As<Tape<T>, byte>(ref MemoryMarshal.GetArrayDataReference(s_published)), (nuint)((uint)recording % PublishedSlots) * SlotBytes));

    /// <summary>Whether the fast path may record on this tape: <paramref name="recording"/> is its published
    /// recording, and the caller runs on the thread it was published for.</summary>
    /// <remarks>
    /// <para>
    /// On Linux x64 every thread-static read is a call into the runtime's TLS resolver, which clobbers every vector
    /// register (SysV has no callee-saved ones). The JIT read <see cref="Active"/> once per iteration of a user's loop,
    /// and that call with the spills around it cost recording about a quarter of its time (measured). This test reads
    /// only the heap and the address of a local.
    /// </para>
    /// <para>
    /// A slot is a hint, never trusted. A tape passes only if its <see cref="_fastRecording"/> is the operand's
    /// recording and the caller's stack lies in the bounds of the thread the tape was published for (the stacks of
    /// two threads are disjoint). Everything else fails one of the two tests and takes the thread-static path, which
    /// decides exactly as before: a slot shared or cleared, a variable carried to another thread, a stale variable, a
    /// recording for replay, an outer tape under an inner one. The bounds are read after the recording (an acquire)
    /// and written before it (a release), once per tape; a tape published from a second thread empties them for good,
    /// so no reader pairs one thread's lower bound with another's size.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsPublished(int recording) => Volatile.Read(ref _fastRecording) == recording && ThreadStack.Here() - _stackLow < _stackSize;

    private static Tape<T>[] NewPublished()
    {
        var slots = new Tape<T>[PublishedSlots * SlotBytes / IntPtr.Size];
        Array.Fill(slots, s_nobody);
        return slots;
    }

    /// <summary>Publishes this tape's recording for the fast path; the caller has made it the thread's active tape,
    /// on top of any other. A recording for replay is not published.</summary>
    private void Publish()
    {
        if (_steps is not null || (ThreadStack.Here() - _stackLow >= _stackSize && !BindStack()))
        {
            return;
        }

        Volatile.Write(ref PublishedSlot(_recording), this);
        Volatile.Write(ref _fastRecording, _recording);
    }

    /// <summary>Takes the calling thread's stack bounds the first time this tape is published; a second thread
    /// empties them for good. Returns whether the fast path may be published.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool BindStack()
    {
        if (_stackOwner is not null)
        {
            _stackSize = 0;
            return false;
        }

        ThreadStack stack = ThreadStack.Current;
        _stackOwner = stack;
        _stackLow = stack.Low;
        _stackSize = stack.Size;
        return stack.Size != 0;
    }

    /// <summary>Withdraws this tape's recording from the fast path. The slot is cleared with a plain write: a race
    /// with another tape taking it only sends that tape's recording down the thread-static path.</summary>
    private void Unpublish()
    {
        Volatile.Write(ref _fastRecording, NoFastPath);
        ref Tape<T> slot = ref PublishedSlot(_recording);
        if (slot == this)
        {
            slot = s_nobody;
        }
    }

    /// <summary>Makes this tape the thread's active tape, on top of the one active before.</summary>
    private void Activate()
    {
        _outer = Active;
        if (_outer is not null)
        {
            _outer.Unpublish();
            _outer._inner = this;
        }

        ActiveTapes.Set(s_slot, this);
        _isActive = true;
        Publish();
    }

    /// <summary>Ends this tape's activity: the tape active before it is active, and published, again. Scopes the
    /// user's code left open on top of it (a facade's tape ending after an exception) are abandoned with it: they are
    /// withdrawn from the fast path too, so their variables record nowhere.</summary>
    private void Deactivate()
    {
        for (Tape<T>? inner = _inner; inner is not null; inner = inner._inner)
        {
            inner.Unpublish();
        }

        _inner = null;
        Unpublish();
        ActiveTapes.Set(s_slot, _outer);
        _isActive = false;
        if (_outer is not null)
        {
            _outer._inner = null;
            _outer.Publish();
        }

        _outer = null;
    }
}
