using System.Diagnostics;
using HealthRecords.Cli.Tests.Infrastructure;
using TestSupport;

namespace HealthRecords.Cli.Tests;

/// <summary><c>&lt;data&gt;/network.log</c> and what <c>network up --detach</c> reports (each test starts its own network).</summary>
public sealed class NetworkLogTests
{
    [Fact]
    public async Task UpDetached_Json_ReportsPeersChaincodeAddressAndLog()
    {
        using var data = new TemporaryDirectory();

        var up = await Hrec.RunAsync(["--json", "network", "up", "--detach", "--data", data.Path, "--port", "0"], CancellationToken.None, NetworkCommandTests.UpTimeout);
        Assert.True(up.ExitCode == ExitCodes.Success, up.ToString());
        var json = up.Json();
        var pid = json.GetProperty("pid").GetInt32();
        try
        {
            var log = json.GetProperty("log").GetString()!;
            var chaincode = json.GetProperty("chaincode").GetProperty("address").GetString()!;
            var peers = json.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("url").GetString()!).ToList();
            var text = await File.ReadAllTextAsync(log).WithTimeout();

            Assert.Equal(Path.Combine(data.Path, "network.log"), log);
            Assert.Matches(@"^127\.0\.0\.1:[1-9][0-9]*$", chaincode);
            Assert.Equal(2, peers.Count);
            Assert.Contains($"served as a service at {chaincode}", text, StringComparison.Ordinal);
            Assert.All(peers, url => Assert.Contains($"at {url}", text, StringComparison.Ordinal));
            Assert.Contains("Dev network ready", text, StringComparison.Ordinal);
        }
        finally
        {
            var down = await Hrec.RunAsync("network", "down", "--data", data.Path);
            if (down.ExitCode != ExitCodes.Success)
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task UpDetached_Human_PrintsChaincodePortAndWhereItIs()
    {
        using var data = new TemporaryDirectory();

        var up = await Hrec.RunAsync(["network", "up", "--detach", "--data", data.Path, "--port", "0"], CancellationToken.None, NetworkCommandTests.UpTimeout);
        try
        {
            Assert.True(up.ExitCode == ExitCodes.Success, up.ToString());
            Assert.Matches(@"chaincode healthrecords \(as a service\) at 127\.0\.0\.1:[1-9][0-9]*", up.Output);
            Assert.Contains($"log: {Path.Combine(data.Path, "network.log")}", up.Output, StringComparison.Ordinal);
            Assert.Contains($"data {data.Path}", up.Output, StringComparison.Ordinal);
        }
        finally
        {
            Assert.Equal(ExitCodes.Success, (await Hrec.RunAsync("network", "down", "--data", data.Path)).ExitCode);
        }
    }

    [Fact]
    public async Task Up_DeniedTransaction_IsLogged()
    {
        using var data = new TemporaryDirectory();

        var denied = await WhileUpAsync(data.Path, profile => Hrec.RunAsync("--json", "--profile", profile, "patient", "register", "-i", "hospital-doctor", "--patient", "pt-alice"));

        Assert.Equal(ExitCodes.Denied, denied.ExitCode);
        var log = await File.ReadAllTextAsync(Path.Combine(data.Path, "network.log")).WithTimeout();
        Assert.Contains("FORBIDDEN", log, StringComparison.Ordinal);
        Assert.Contains("Stopping the dev network", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_TornLastBlock_LogsTheRepairAsWarning()
    {
        using var data = new TemporaryDirectory();
        await WhileUpAsync(data.Path, _ => Task.FromResult<CliResult?>(null));
        var blocks = Path.Combine(data.Path, "peers", "peer0.org1.example.com", "ledger", "healthchannel", "blocks.dat");
        var intact = new FileInfo(blocks).Length;
        await using (var file = new FileStream(blocks, FileMode.Append, FileAccess.Write))
        {
            // a crash in the middle of writing a block's record header
            await file.WriteAsync(new byte[] { 0x48, 0x52, 0x45 }).AsTask().WithTimeout();
        }

        await WhileUpAsync(data.Path, _ => Task.FromResult<CliResult?>(null));

        var log = await File.ReadAllLinesAsync(Path.Combine(data.Path, "network.log")).WithTimeout();
        // The repair names the file, where its intact blocks end and how many bytes it dropped, and the file is cut there.
        var warning = Assert.Single(log, line => line.Contains(" warn ", StringComparison.Ordinal) && line.Contains("torn last block", StringComparison.Ordinal));
        Assert.Contains(blocks, warning, StringComparison.Ordinal);
        Assert.Contains($"at offset {intact} (3 bytes, incomplete record header)", warning, StringComparison.Ordinal);
        Assert.Equal(intact, new FileInfo(blocks).Length);
        Assert.Equal(2, log.Count(line => line.Contains("Dev network ready", StringComparison.Ordinal)));
    }

    /// <summary>Runs <c>network up</c> in-process on <paramref name="data"/>, runs <paramref name="action"/> once it is ready, then stops it.</summary>
    private static async Task<T> WhileUpAsync<T>(string data, Func<string, Task<T>> action)
    {
        using var stop = new CancellationTokenSource();
        var up = Hrec.RunAsync(["network", "up", "--data", data, "--port", "0"], stop.Token, NetworkCommandTests.UpTimeout);
        var pidFile = Path.Combine(data, "devnet.pid");
        using (var timeout = new CancellationTokenSource(NetworkCommandTests.UpTimeout))
        {
            // The dev network tool writes its own pid there first; hrec replaces it with its own once it is ready.
            while (!NetworkCommandTests.HrecWrotePid(pidFile))
            {
                if (up.IsCompleted)
                {
                    Assert.Fail("network up ended early: " + await up);
                }

                await Task.Delay(100, timeout.Token);
            }
        }

        T result;
        try
        {
            result = await action(Path.Combine(data, "connection-profile.json")).WithTimeout();
        }
        finally
        {
            await stop.CancelAsync();
            var stopped = await up;
            Assert.True(stopped.ExitCode == ExitCodes.Success, stopped.ToString());
        }

        return result;
    }
}
