using System.Diagnostics;
using System.Globalization;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// The dev network's data folder as seen from outside the process that runs it: the pid file (shared
/// with <c>Fabric.DevNetwork up</c>, so either tool can stop the other's network), the profile and the log.
/// </summary>
internal sealed class DevNetworkState(string dataDirectory)
{
    public const string DefaultDataDirectory = ".devnet";

    /// <summary>Environment variable naming the data folder <c>network up|down|status</c> use by default.</summary>
    public const string DataVariable = "HREC_DEVNET_DATA";

    /// <summary>Environment variable naming the first peer's port <c>network up</c> uses by default (0 = ephemeral).</summary>
    public const string PortVariable = "HREC_DEVNET_PORT";

    /// <summary>The data folder when <c>--data</c> is not given: <c>HREC_DEVNET_DATA</c>, else <c>.devnet</c>.</summary>
    public static string DefaultData => Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data ? data : DefaultDataDirectory;

    /// <summary>The first peer's port when <c>--port</c> is not given: <c>HREC_DEVNET_PORT</c>, else 7051.</summary>
    public static int DefaultPort => Environment.GetEnvironmentVariable(PortVariable) is not { Length: > 0 } text
        ? 7051
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw CliException.Usage($"{PortVariable} must be a port number (0-65535), not '{text}'");

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public string PidFile => Path.Combine(DataDirectory, "devnet.pid");

    public string ProfilePath => Path.Combine(DataDirectory, "connection-profile.json");

    public string LogFile => Path.Combine(DataDirectory, "network.log");

    /// <summary>The pid of the live process serving this folder, or null.</summary>
    public int? RunningPid()
    {
        if (!File.Exists(PidFile)
            || !int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public void WritePid(int pid) => File.WriteAllText(PidFile, pid.ToString(CultureInfo.InvariantCulture));

    public void DeletePid()
    {
        try
        {
            File.Delete(PidFile);
        }
        catch (IOException)
        {
            // best effort: a stale pid file is detected by RunningPid
        }
    }
}
