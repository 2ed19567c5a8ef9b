namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// A fault hook on one peer's committer, for tests of what clients see when peers disagree (as they
/// do on Fabric, where each peer commits at its own pace): make the peer lag behind the orderer by
/// <see cref="Lag"/>, or stop committing altogether with <see cref="Pause"/> until
/// <see cref="Resume"/>. The peer keeps endorsing from its older state meanwhile.
/// </summary>
public sealed class PeerCommitFaults
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _paused;
    private TaskCompletionSource _changed = NewSignal();
    private long _lagTicks;

    /// <summary>
    /// How long after the orderer stored a block this peer commits it (at the earliest). Default zero.
    /// Can be changed at any time; it applies to blocks not yet committed.
    /// </summary>
    public TimeSpan Lag
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _lagTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _lagTicks, value.Ticks);
            Changed();
        }
    }

    /// <summary>Whether the peer's committer is paused.</summary>
    public bool IsPaused
    {
        get { lock (_gate) { return _paused is not null; } }
    }

    /// <summary>Stops the peer committing: the block it is committing finishes, the next waits for <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets a paused peer commit again; it catches up with the orderer from its height.</summary>
    public void Resume()
    {
        TaskCompletionSource? paused;
        lock (_gate)
        {
            paused = _paused;
            _paused = null;
        }

        paused?.TrySetResult();
        Changed();
    }

    /// <summary>Waits while paused and until <paramref name="receivedAt"/> + <see cref="Lag"/>.</summary>
    internal async Task WaitBeforeCommitAsync(long receivedAt, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task? paused;
            Task changed;
            lock (_gate)
            {
                paused = _paused?.Task;
                changed = _changed.Task;
            }

            if (paused is not null)
            {
                await paused.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var remaining = Lag - timeProvider.GetElapsedTime(receivedAt);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            // a shorter lag set meanwhile ends the wait early
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining, timeProvider, wake.Token);
            await Task.WhenAny(delay, changed).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Whether a block received at <paramref name="receivedAt"/> may commit now, without waiting.</summary>
    internal bool IsDue(long receivedAt, TimeProvider timeProvider) =>
        !IsPaused && Lag - timeProvider.GetElapsedTime(receivedAt) <= TimeSpan.Zero;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Changed()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }
}
