namespace HealthRecords.Client;

/// <summary>
/// Limits of one of the client's bounded retries (<see cref="HealthRecordsClientOptions.SubmitRetry"/>,
/// <see cref="HealthRecordsClientOptions.AccessReadRetry"/>). The client retries in a loop of its own over the
/// gateway's <c>GatewayRetryPredicates</c>, so it needs no Polly; the Polly pipelines for other callers are
/// in Hyperledger.Fabric.Gateway.Resilience.
/// </summary>
public sealed record BoundedRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 3.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>
    /// A time budget, counted from the start of the first attempt: no retry is started whose pause would end
    /// after it. Null: only <see cref="MaxRetryAttempts"/> bounds the retry. Default null. A budget suits
    /// conditions that pass with time (a lagging peer), which a count exhausts sooner on a loaded machine.
    /// The caller's cancellation token ends the retry earlier still.
    /// </summary>
    public TimeSpan? MaxRetryDuration { get; init; }

    /// <summary>Base delay before the first retry. Default 200 ms.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on any one delay. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How the delay grows between retries. Default <see cref="RetryBackoffType.Exponential"/>.</summary>
    public RetryBackoffType BackoffType { get; init; } = RetryBackoffType.Exponential;

    /// <summary>Randomise delays so that many clients do not retry in step. Default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Called before each retry with the attempt number (0-based) and the exception that caused it. Default none.</summary>
    public Action<int, Exception>? OnRetry { get; init; }

    /// <summary>
    /// Whether retry <paramref name="retry"/> (0-based) may start, <paramref name="elapsed"/> after the first
    /// attempt started, and the pause before it.
    /// </summary>
    internal bool TryNextDelay(int retry, TimeSpan elapsed, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (retry >= MaxRetryAttempts)
        {
            return false;
        }

        delay = DelayBefore(retry);
        return MaxRetryDuration is not { } budget || elapsed + delay <= budget;
    }

    /// <summary>The pause before retry <paramref name="retry"/> (0-based): the backoff, capped, with jitter when asked.</summary>
    internal TimeSpan DelayBefore(int retry)
    {
        var factor = BackoffType switch
        {
            RetryBackoffType.Constant => 1.0,
            RetryBackoffType.Linear => retry + 1,
            _ => Math.Pow(2, retry),
        };
        var delay = Math.Min(Delay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);

        // Jitter spreads clients that conflicted with each other over several blocks, so they do not collide again.
        return TimeSpan.FromMilliseconds(UseJitter ? delay * (0.5 + (Random.Shared.NextDouble() / 2)) : delay);
    }
}
