namespace Benchmarks.Suites.Internal;

/// <summary>
/// The CPU time each of a few processes uses inside a load's measurement window (from /proc, so the
/// processes need no help), and this process's runtime counters over the same window: where the time
/// of a committed transaction went, chaincode, network, client.
/// </summary>
internal static class CpuWindow
{
    /// <summary>
    /// Waits out <paramref name="warmup"/>, then returns the CPU time each process in <paramref name="pids"/>
    /// uses over the next <paramref name="window"/> (in the same order), with this process's runtime counters.
    /// </summary>
    public static async Task<(TimeSpan[] Cpu, RuntimeCounters Runtime)> MeasureAsync(IReadOnlyList<int> pids, TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken)
    {
        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        var before = pids.Select(ProcessCpu.Read).ToArray();
        var runtime = RuntimeCounters.Capture();
        await Task.Delay(window, cancellationToken).ConfigureAwait(false);
        var cpu = pids.Select((pid, i) => ProcessCpu.Read(pid) - before[i]).ToArray();
        return (cpu, RuntimeCounters.Capture() - runtime);
    }
}
