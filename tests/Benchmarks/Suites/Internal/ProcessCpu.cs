using System.Globalization;

namespace Benchmarks.Suites.Internal;

/// <summary>CPU time (user + system) a process has used so far, from /proc/&lt;pid&gt;/stat.</summary>
internal static class ProcessCpu
{
    // Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream kernel build.
    private const double TicksPerSecond = 100;

    public static TimeSpan Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((user + system) / TicksPerSecond);
    }
}
