using HealthRecords.Client.Internal;

namespace HealthRecords.Client.Tests;

/// <summary>
/// The loop behind the client's three bounded retries: what it retries, when it stops, and that the last
/// failure leaves it unchanged.
/// </summary>
public sealed class BoundedRetryTests
{
    private static readonly BoundedRetryOptions ThreeQuickRetries = new() { MaxRetryAttempts = 3, Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2), UseJitter = false };

    [Fact]
    public async Task RunAsync_RetryableFailuresThenSuccess_ReturnsTheResultAndReportsEachRetry()
    {
        var reported = new List<int>();
        var attempts = new List<int>();

        var result = await BoundedRetry.RunAsync(
            ThreeQuickRetries,
            (retries, _) =>
            {
                attempts.Add(retries);
                return retries < 2 ? throw new TimeoutException() : Task.FromResult("done");
            },
            e => e is TimeoutException,
            r => reported.Add(r.Retry),
            CancellationToken.None);

        Assert.Equal("done", result);
        Assert.Equal([0, 1, 2], attempts);
        Assert.Equal([0, 1], reported);
    }

    [Fact]
    public async Task RunAsync_FailsBeyondTheLimit_ThrowsTheLastFailureUnchanged()
    {
        var failures = new List<Exception>();

        var thrown = await Assert.ThrowsAsync<TimeoutException>(() => BoundedRetry.RunAsync<string>(
            ThreeQuickRetries,
            (_, _) =>
            {
                var failure = new TimeoutException($"attempt {failures.Count}");
                failures.Add(failure);
                throw failure;
            },
            _ => true,
            _ => { },
            CancellationToken.None));

        Assert.Equal(4, failures.Count);
        Assert.Same(failures[^1], thrown);
    }

    [Fact]
    public async Task RunAsync_FailureNotRetryable_ThrowsAfterOneAttempt()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => BoundedRetry.RunAsync<string>(
            ThreeQuickRetries,
            (_, _) => CountedFailure(ref attempts, new InvalidOperationException()),
            e => e is TimeoutException,
            _ => { },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunAsync_NoLimits_RunsOnce()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => BoundedRetry.RunAsync<string>(
            null,
            (_, _) => CountedFailure(ref attempts, new TimeoutException()),
            _ => true,
            _ => { },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunAsync_TimeBudgetSpent_StopsBeforeTheCountIsReached()
    {
        var budgeted = new BoundedRetryOptions { MaxRetryAttempts = int.MaxValue, MaxRetryDuration = TimeSpan.FromMilliseconds(50), Delay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(20), BackoffType = RetryBackoffType.Constant, UseJitter = false };
        var attempts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => BoundedRetry.RunAsync<string>(
            budgeted,
            (_, _) => ++attempts > 10 ? Task.FromResult("the budget was ignored") : throw new TimeoutException(),
            _ => true,
            _ => { },
            CancellationToken.None));

        // Pauses of 20 ms fit a 50 ms budget at most twice, however slow the machine (a slow one fits fewer).
        Assert.InRange(attempts, 1, 3);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringThePause_ThrowsCancellation()
    {
        var slow = ThreeQuickRetries with { Delay = TimeSpan.FromMinutes(10), MaxDelay = TimeSpan.FromMinutes(10) };
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BoundedRetry.RunAsync<string>(
            slow,
            (_, _) => throw new TimeoutException(),
            _ => true,
            _ => cancellation.Cancel(),
            cancellation.Token));
    }

    private static Task<string> CountedFailure(ref int attempts, Exception failure)
    {
        attempts++;
        return Task.FromException<string>(failure);
    }
}
