using System.Globalization;

namespace Benchmarks.Suites.Internal;

/// <summary>CPU time (user + system) a process or thread has used so far, from /proc.</summary>
internal static class ProcessCpu
{
    // Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel build.
    private const double TicksPerSecond = 100;

    /// <summary>What process <paramref name="pid"/> has used, all its threads together.</summary>
    public static TimeSpan Read(int pid) => Parse(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>
    /// What the calling thread has used: CPU time rather than wall time, so that a measurement loop on a
    /// loaded machine is not charged for the time other processes held the core.
    /// </summary>
    public static TimeSpan ReadCurrentThread() => Parse(File.ReadAllText("/proc/thread-self/stat"));

    private static TimeSpan Parse(string stat)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((user + system) / TicksPerSecond);
    }
}
