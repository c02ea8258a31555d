namespace DualAutodiff;

/// <summary>State kept after f returned by objects that use it many times (a recording swept again by
/// <see cref="Linearization{T}"/>, a Hessian operator's tapes): one user at a time, and its release on disposal.</summary>
/// <typeparam name="TKept">What is kept.</typeparam>
/// <param name="kept">The kept state.</param>
/// <param name="owner">The owner's name, for messages.</param>
/// <param name="release">What gives the state back (a tape to its pool), called once on disposal; null for nothing.</param>
internal sealed class Exclusive<TKept>(TKept kept, string owner, Action<TKept>? release = null)
    where TKept : class
{
    private TKept? _kept = kept;
    private int _busy;

    /// <summary>Claims the state for one call; pair with <see cref="Exit"/> in a finally block.</summary>
    /// <exception cref="InvalidOperationException">Another thread is using it.</exception>
    /// <exception cref="ObjectDisposedException">It was disposed.</exception>
    public TKept Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"A {owner} is used from one thread at a time; this one is in use.");
        }

        TKept? k = _kept;
        if (k is null)
        {
            Volatile.Write(ref _busy, 0);
            throw new ObjectDisposedException(owner);
        }

        return k;
    }

    /// <summary>Ends a call begun by <see cref="Enter"/>.</summary>
    public void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>Releases the state; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"The {owner} is in use on another thread.");
        }

        TKept? k = Interlocked.Exchange(ref _kept, null);
        if (k is not null)
        {
            release?.Invoke(k);
        }

        Volatile.Write(ref _busy, 0);
    }
}
