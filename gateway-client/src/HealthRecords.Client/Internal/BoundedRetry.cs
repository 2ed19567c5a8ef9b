using System.Diagnostics;

namespace HealthRecords.Client.Internal;

/// <summary>A failed attempt that is about to be retried: which retry comes next and after what pause.</summary>
/// <param name="Retry">The retry about to start (0-based).</param>
/// <param name="Failure">The attempt's failure.</param>
/// <param name="Delay">The pause before the retry.</param>
/// <param name="Limits">The limits that allowed it.</param>
internal readonly record struct RetryingAttempt(int Retry, Exception Failure, TimeSpan Delay, BoundedRetryOptions Limits);

/// <summary>
/// The one loop behind the client's bounded retries (submit, verifiable read, committed-access read): runs
/// an attempt, and while it fails in a way the caller names as retryable and the limits allow another try,
/// reports the failure, pauses and runs a new attempt. The last failure is thrown unchanged, and the
/// caller's token ends the pause.
/// </summary>
internal static class BoundedRetry
{
    /// <summary>Runs <paramref name="attempt"/> (given the number of retries before it) under <paramref name="limits"/>; null limits: once.</summary>
    public static async Task<T> RunAsync<T>(
        BoundedRetryOptions? limits,
        Func<int, CancellationToken, Task<T>> attempt,
        Func<Exception, bool> isRetryable,
        Action<RetryingAttempt> retrying,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var delay = TimeSpan.Zero;
        for (var retries = 0; ; retries++)
        {
            try
            {
                return await attempt(retries, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (limits is not null
                && isRetryable(e)
                && limits.TryNextDelay(retries, Stopwatch.GetElapsedTime(started), out delay))
            {
                retrying(new RetryingAttempt(retries, e, delay, limits));
                limits.OnRetry?.Invoke(retries, e);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
