using System.Numerics;

namespace DualAutodiff;

/// <summary>A recording kept after f returned, for objects that sweep it many times (<see cref="Linearization{T}"/>,
/// the Hessian operator): one user at a time, and its tape back to the pool on disposal.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <param name="tape">The tape holding the recording, no longer active.</param>
/// <param name="owner">The owner's name, for messages.</param>
internal sealed class KeptRecording<T>(Tape<T> tape, string owner) : IDisposable
    where T : IFloatingPointIeee754<T>
{
    private Tape<T>? _tape = tape;
    private int _busy;

    /// <summary>Claims the recording for one call; pair with <see cref="Exit"/> in a finally block.</summary>
    /// <exception cref="InvalidOperationException">Another thread is using it.</exception>
    /// <exception cref="ObjectDisposedException">It was disposed.</exception>
    public Tape<T> Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"A {owner} is used from one thread at a time; this one is in use.");
        }

        Tape<T>? t = _tape;
        if (t is null)
        {
            Volatile.Write(ref _busy, 0);
            throw new ObjectDisposedException(owner);
        }

        return t;
    }

    /// <summary>Ends a call begun by <see cref="Enter"/>.</summary>
    public void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>Gives the tape back to the pool; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"The {owner} is in use on another thread.");
        }

        Interlocked.Exchange(ref _tape, null)?.Return();
        Volatile.Write(ref _busy, 0);
    }
}
