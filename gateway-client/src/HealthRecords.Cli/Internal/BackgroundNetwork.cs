using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// The dev network as a background process (<c>network up --detach</c>, <c>network down</c>) and the
/// reachability probe of <c>network status</c>.
/// </summary>
internal static class BackgroundNetwork
{
    /// <summary>
    /// Starts <c>hrec --json network up</c> in a background process (with the tools this process found) and waits for its start-up report
    /// (which it prints after writing its pid file), then prints where the network is. The child logs to
    /// <c>&lt;data&gt;/network.log</c> itself, so nothing here copies its output.
    /// </summary>
    public static async Task<int> DetachAsync(CliOutput output, DevNetworkState state, int basePort, int batchMs, string devNetwork, string chaincodeServer, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(state.DataDirectory);
        File.Delete(state.ProfilePath);
        var info = ToolLocator.SelfStartInfo();
        foreach (var argument in new[] { "--json", "network", "up", "--data", state.DataDirectory, "--port", basePort.ToString(CultureInfo.InvariantCulture), "--batch-timeout-ms", batchMs.ToString(CultureInfo.InvariantCulture), "--devnet-command", devNetwork, "--chaincode-command", chaincodeServer })
        {
            info.ArgumentList.Add(argument);
        }

        // Pipes, not this process's own handles: a caller reading our output (a script, `$(...)`) must
        // not wait for the background network to exit.
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        using var process = Process.Start(info) ?? throw new CliException(ExitCodes.Failed, "START_FAILED", "could not start the background network process");
        var report = new StartupReportReader();
        process.OutputDataReceived += (_, e) => report.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => report.OnError(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DevNetworkProcess.StartTimeout + TimeSpan.FromSeconds(30));
        JsonElement up;
        try
        {
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(report.Ready, exited).ConfigureAwait(false);
            if (first != report.Ready)
            {
                // Rethrows a cancellation; otherwise the child exited before it was ready. WaitForExitAsync
                // returns after both readers reached the end of their streams, so its error is complete.
                await exited.ConfigureAwait(false);
                throw report.StartFailure(process.ExitCode, state.LogFile);
            }

            up = await report.Ready.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Failed, "START_FAILED", $"the background network (pid {process.Id}) did not report ready within {(DevNetworkProcess.StartTimeout + TimeSpan.FromSeconds(30)).TotalSeconds:0} s; see {state.LogFile}", "stop it with 'hrec network down'");
        }

        // The child keeps running; stop reading its output (its later writes to the closed pipe are ignored).
        process.CancelOutputRead();
        process.CancelErrorRead();
        var chaincode = up.GetProperty("chaincode");
        var chaincodeAddress = chaincode.GetProperty("address").GetString();
        var peers = up.GetProperty("peers").EnumerateArray()
            .Select(p => new { name = p.GetProperty("name").GetString(), mspId = p.GetProperty("mspId").GetString(), url = p.GetProperty("url").GetString() })
            .ToList();
        output.Result(new
        {
            up = true,
            pid = process.Id,
            dataDirectory = state.DataDirectory,
            profile = state.ProfilePath,
            log = state.LogFile,
            channel = up.GetProperty("channel").GetString(),
            chaincode = new { name = chaincode.GetProperty("name").GetString(), address = chaincodeAddress, policy = chaincode.GetProperty("policy").GetString() },
            peers,
        });
        output.Markup($"[green]dev network up[/] in the background (pid {process.Id}), data {Spectre.Console.Markup.Escape(state.DataDirectory)}");
        foreach (var peer in peers)
        {
            output.Line($"  {peer.name} ({peer.mspId}) {peer.url}");
        }

        output.Line($"  chaincode healthrecords (as a service) at {chaincodeAddress}");
        output.Line($"profile: {state.ProfilePath}");
        output.Line($"log: {state.LogFile}");
        output.Line("stop it with: hrec network down" + (state.DataDirectory == Path.GetFullPath(DevNetworkState.DefaultData) ? string.Empty : $" --data {state.DataDirectory}"));
        return ExitCodes.Success;
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
}
