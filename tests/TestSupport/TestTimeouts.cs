namespace TestSupport;

/// <summary>Timeouts for awaits in tests: generous, because CI machines are shared and slow.</summary>
public static class TestTimeouts
{
    /// <summary>For a single network round trip on loopback.</summary>
    public static TimeSpan Short { get; } = TimeSpan.FromSeconds(15);

    /// <summary>For a flow of several calls, a block commit, or a process start.</summary>
    public static TimeSpan Long { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Awaits <paramref name="task"/> or fails with <see cref="TimeoutException"/>.</summary>
    public static async Task<T> WithTimeout<T>(this Task<T> task, TimeSpan? timeout = null)
    {
        return await task.WaitAsync(timeout ?? Long).ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/> or fails with <see cref="TimeoutException"/>.</summary>
    public static async Task WithTimeout(this Task task, TimeSpan? timeout = null)
    {
        await task.WaitAsync(timeout ?? Long).ConfigureAwait(false);
    }
}
