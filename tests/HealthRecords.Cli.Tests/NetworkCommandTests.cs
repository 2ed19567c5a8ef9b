using System.Diagnostics;
using HealthRecords.Cli.Tests.Infrastructure;
using TestSupport;

namespace HealthRecords.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class NetworkCommandTests
{
    /// <summary>
    /// A whole 'network up' run: two child processes (the dev network tool and the chaincode server) start
    /// cold, every peer answers a first Gateway call, then the test's commands and the shutdown.
    /// </summary>
    internal static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Status_NothingRunning_ExitsUnavailable()
    {
        using var empty = new TemporaryDirectory();

        var result = await Hrec.RunAsync("--json", "network", "status", "--data", empty.Path);

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.False(result.Json().GetProperty("up").GetBoolean());
    }

    [Fact]
    public async Task Down_NothingRunning_ExitsZero()
    {
        using var empty = new TemporaryDirectory();

        var result = await Hrec.RunAsync("network", "down", "--data", empty.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("not running", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_InProcess_ServesUntilCancelledThenRemovesPidFile()
    {
        using var data = new TemporaryDirectory();
        using var stop = new CancellationTokenSource();
        var up = Hrec.RunAsync(["--json", "network", "up", "--data", data.Path, "--port", "0"], stop.Token, UpTimeout);
        var profile = Path.Combine(data.Path, "connection-profile.json");
        var pidFile = Path.Combine(data.Path, "devnet.pid");
        // The dev network tool writes its own pid there first; hrec replaces it with its own once it is ready.
        await WaitForAsync(() => HrecWrotePid(pidFile) && File.Exists(profile), up);

        var show = await Hrec.RunAsync("--json", "--profile", profile, "proof", "root", "-i", "auditor", "--patient", "pt-alice");
        await stop.CancelAsync();
        var result = await up;

        Assert.Equal(ExitCodes.NotFound, show.ExitCode);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.True(result.Json().GetProperty("up").GetBoolean());
        Assert.False(File.Exists(pidFile));
        // The network ran in the dev network tool, a child process that is gone once 'up' returns.
        var tool = result.Json().GetProperty("devNetworkToolPid").GetInt32();
        Assert.NotEqual(Environment.ProcessId, tool);
        Assert.True(HasExited(tool));
    }

    [Fact]
    public async Task Up_DevNetworkToolMissing_ExitsNotFoundNamingTheTool()
    {
        using var data = new TemporaryDirectory();
        var missing = Path.Combine(data.Path, "no-such-fabric-devnet");

        var result = await Hrec.RunAsync("--json", "network", "up", "--data", data.Path, "--port", "0", "--devnet-command", missing);

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        var error = result.ErrorJson();
        Assert.Equal("TOOL_NOT_FOUND", error.GetProperty("code").GetString());
        Assert.Contains(missing, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "devnet.pid")));
    }

    [Fact]
    public async Task Demo_ChaincodeServerMissing_ExitsNotFoundBeforeAnyStep()
    {
        using var data = new TemporaryDirectory();
        var missing = Path.Combine(data.Path, "no-such-chaincode.dll");

        var result = await Hrec.RunAsync("--json", "demo", "--data", Path.Combine(data.Path, "demo"), "--chaincode-command", missing);

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Equal("TOOL_NOT_FOUND", result.ErrorJson().GetProperty("code").GetString());
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task UpDetached_ThenDown_StartsAndStopsBackgroundProcess()
    {
        using var data = new TemporaryDirectory();

        var up = await Hrec.RunAsync(["--json", "network", "up", "--detach", "--data", data.Path, "--port", "0"], CancellationToken.None, NetworkCommandTests.UpTimeout);
        Assert.True(up.ExitCode == ExitCodes.Success, up.ToString());
        var pid = up.Json().GetProperty("pid").GetInt32();
        try
        {
            var status = await Hrec.RunAsync("--json", "network", "status", "--data", data.Path);
            var second = await Hrec.RunAsync("network", "up", "--detach", "--data", data.Path, "--port", "0");
            var down = await Hrec.RunAsync("--json", "network", "down", "--data", data.Path);

            Assert.Equal(ExitCodes.Success, status.ExitCode);
            Assert.Equal(pid, status.Json().GetProperty("devNetworkPid").GetInt32());
            Assert.Equal(ExitCodes.Conflict, second.ExitCode);
            Assert.Equal(ExitCodes.Success, down.ExitCode);
            Assert.Equal(pid, down.Json().GetProperty("stoppedPid").GetInt32());
            Assert.True(HasExited(pid));
        }
        finally
        {
            if (!HasExited(pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Whether the pid file names this process (the in-process hrec), which it writes once the network is ready.</summary>
    internal static bool HrecWrotePid(string pidFile)
    {
        try
        {
            return File.Exists(pidFile) && File.ReadAllText(pidFile).Trim() == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false; // being written
        }
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, Task<CliResult> running)
    {
        using var timeout = new CancellationTokenSource(UpTimeout);
        while (!condition())
        {
            if (running.IsCompleted)
            {
                Assert.Fail("network up ended early: " + await running);
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
