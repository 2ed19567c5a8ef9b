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
