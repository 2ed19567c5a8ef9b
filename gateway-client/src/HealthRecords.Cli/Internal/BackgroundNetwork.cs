using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// The dev network as a background process (<c>network up --detach</c>, <c>network down</c>) and the
/// reachability probe of <c>network status</c>.
/// </summary>
internal static class BackgroundNetwork
{
    /// <summary>Starts <c>hrec network up</c> in a background process and waits for it to write its pid and profile.</summary>
    public static async Task<int> DetachAsync(CliOutput output, DevNetworkState state, int basePort, int batchMs, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(state.DataDirectory);
        File.Delete(state.ProfilePath);
        var info = SelfStartInfo();
        foreach (var argument in new[] { "network", "up", "--data", state.DataDirectory, "--port", basePort.ToString(CultureInfo.InvariantCulture), "--batch-timeout-ms", batchMs.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        using var process = Process.Start(info) ?? throw new CliException(ExitCodes.Failed, "START_FAILED", "could not start the background network process");
        using var log = new StreamWriter(state.LogFile, append: false) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLog(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLog(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        while (state.RunningPid() != process.Id || !File.Exists(state.ProfilePath))
        {
            if (process.HasExited)
            {
                throw new CliException(ExitCodes.Failed, "START_FAILED", $"the background network exited with {process.ExitCode}; see {state.LogFile}");
            }

            await Task.Delay(200, timeout.Token).ConfigureAwait(false);
        }

        // The child keeps running; stop copying its start-up output (later writes to the closed pipe are ignored).
        process.CancelOutputRead();
        process.CancelErrorRead();
        output.Result(new { up = true, pid = process.Id, dataDirectory = state.DataDirectory, profile = state.ProfilePath, log = state.LogFile });
        output.Markup($"[green]dev network up[/] in the background (pid {process.Id})");
        output.Line($"profile: {state.ProfilePath}");
        output.Line($"log: {state.LogFile}");
        output.Line("stop it with: hrec network down" + (state.DataDirectory == Path.GetFullPath(DevNetworkState.DefaultDataDirectory) ? string.Empty : $" --data {state.DataDirectory}"));
        return ExitCodes.Success;
    }

    private static void WriteLog(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the parent stopped logging; the child keeps running
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    /// <summary>How to run this tool again: the apphost directly, or <c>dotnet hrec.dll</c>.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var assembly = typeof(HrecCommandLine).Assembly.Location;
        var processPath = Environment.ProcessPath ?? "dotnet";
        var info = Path.GetFileNameWithoutExtension(processPath).Equals("hrec", StringComparison.OrdinalIgnoreCase)
            ? new ProcessStartInfo(processPath)
            : new ProcessStartInfo(DotnetHost()) { ArgumentList = { assembly } };
        info.UseShellExecute = false;
        return info;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? processPath : "dotnet";
    }

    /// <summary>SIGTERM (so the network cuts its last block and closes the ledger), then waits up to 30 s.</summary>
    public static async Task TerminateAsync(Process process, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
        }
        else
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false });
            if (kill is not null)
            {
                await kill.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Failed, "STOP_FAILED", $"pid {process.Id} did not stop within 30 s");
        }
    }

    public static async Task<bool> IsReachableAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Replace("grpcs://", "https://", StringComparison.Ordinal).Replace("grpc://", "http://", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
