using System.Globalization;
using Fabric.DevNetwork.Tests.Network.Support;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>The program as operators run it: <c>up</c>, <c>status</c>, <c>down</c>, and a SIGKILL mid-load.</summary>
public sealed class DevNetworkProcessTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync();

    [Fact]
    public async Task Up_KilledWhileNodeClientSubmits_EveryValidTransactionSurvivesAndChainVerifies()
    {
        var valid = new List<string[]>();
        await using (var network = DevNetworkProcess.Start(UpArguments()))
        {
            await network.WaitUntilReadyAsync();
            using var client = ClientFor(network.Output);
            await using var load = client.Start("load", "100000", "8", "crash");
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var seen = 0;
            // A waiter that never matches sees every line: the transcript of what the client was told.
            _ = load.WaitForLineAsync(l => { lines.Enqueue(l); return false; }, TestTimeouts.Long).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            await load.WaitForLineAsync(l => l.StartsWith("VALID", StringComparison.Ordinal) && Interlocked.Increment(ref seen) >= 30, TestTimeouts.Long);

            await network.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            valid.AddRange(lines.Select(l => l.Split(' ')).Where(l => l.Length == 4 && l[0] == "VALID"));
        }

        await using var restarted = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address) with { BasePort = 0 }).WithTimeout();
        Assert.True(valid.Count >= 30, $"only {valid.Count} VALID lines");
        var snapshot = restarted.Ledger.GetSnapshot();
        foreach (var line in valid)
        {
            Assert.Equal(TxValidationCode.Valid, restarted.Ledger.FindTransaction(line[1])?.Code);
            Assert.Equal(line[3], snapshot.GetState("devnetcc", line[2])?.Value.ToStringUtf8());
        }

        await ChainVerifier.VerifyAsync(restarted.Ledger);
    }

    [Fact]
    public async Task Down_RunningNetwork_StopsItCleanlyAndStatusReportsIt()
    {
        await using var network = DevNetworkProcess.Start(UpArguments());
        await network.WaitUntilReadyAsync();

        var running = await DevNetworkProcess.RunAsync("status", "--data", _data.Path);
        var down = await DevNetworkProcess.RunAsync("down", "--data", _data.Path);
        var exitCode = await network.WaitForExitAsync();
        var stopped = await DevNetworkProcess.RunAsync("status", "--data", _data.Path);

        Assert.Equal(0, running.ExitCode);
        Assert.Contains($"running (pid {network.Id}", running.Output, StringComparison.Ordinal);
        Assert.Equal(0, down.ExitCode);
        Assert.Equal(0, exitCode);
        Assert.Contains("shutting down", network.Output, StringComparison.Ordinal);
        Assert.Equal(3, stopped.ExitCode);
        Assert.True(File.Exists(Path.Combine(_data.Path, "connection-profile.json")));
    }

    [Fact]
    public async Task Up_StartedAndStopped_WritesBothToNetworkLog()
    {
        await using (var network = DevNetworkProcess.Start(UpArguments()))
        {
            await network.WaitUntilReadyAsync();
            Assert.Equal(0, (await DevNetworkProcess.RunAsync("down", "--data", _data.Path)).ExitCode);
            Assert.Equal(0, await network.WaitForExitAsync());
        }

        var log = await File.ReadAllTextAsync(Path.Combine(_data.Path, "network.log")).WithTimeout();
        Assert.Contains("serving the Gateway and Deliver at https://127.0.0.1:", log, StringComparison.Ordinal);
        Assert.Contains("Dev network of channel", log, StringComparison.Ordinal);
        Assert.Contains("stopped", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_ChaincodeCommand_StartsTheChaincodeServesItAndStopsItAfterThePeers()
    {
        // The official Node chaincode, through a script that records its pid: the tool sets CHAINCODE_ID and
        // CHAINCODE_SERVER_ADDRESS, as for a ccaas package.
        NodeInterop.EnsureInstalled();
        var address = $"127.0.0.1:{FreePorts.Next()}";
        var pidFile = Path.Combine(_data.Path, "chaincode.pid");
        var script = Path.Combine(_data.Path, "devnetcc.sh");
        var start = Path.Combine(NodeInterop.InteropDirectory, "devnet", "chaincode", "start.js");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec node '{start}'\n").WithTimeout();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        int exitCode;
        string output;
        await using (var network = DevNetworkProcess.Start(
            "up", "--data", _data.Path, "--port", "0", "--chaincode", "devnetcc=" + address, "--chaincode-command", "devnetcc=" + script, "--batch-timeout-ms", "100", "--log-level", "Warning"))
        {
            await network.WaitUntilReadyAsync();
            using var client = ClientFor(network.Output);
            var put = await client.RunAsync("submit", "put", "started-by", "fabric-devnet");
            Assert.Equal(0, (await DevNetworkProcess.RunAsync("down", "--data", _data.Path)).ExitCode);
            exitCode = await network.WaitForExitAsync();
            output = network.Output;
            Assert.Equal((int)TxValidationCode.Valid, put.GetProperty("code").GetInt32());
        }

        var chaincodePid = int.Parse((await File.ReadAllTextAsync(pidFile).WithTimeout()).Trim(), CultureInfo.InvariantCulture);
        var log = await File.ReadAllTextAsync(Path.Combine(_data.Path, "network.log")).WithTimeout();
        Assert.Equal(0, exitCode);
        Assert.Contains($"chaincode devnetcc 1.0 {address}", output, StringComparison.Ordinal);
        Assert.True(HasExited(chaincodePid), $"chaincode pid {chaincodePid} still runs");
        Assert.Contains($"Started chaincode devnetcc (pid {chaincodePid})", log, StringComparison.Ordinal);
        Assert.Contains($"Chaincode devnetcc (devnetcc_1.0:dev) served as a service at {address}", log, StringComparison.Ordinal);
        Assert.Contains($"listening {address}", log, StringComparison.Ordinal); // its own output, in the network's log
        Assert.Contains($"Chaincode process {chaincodePid} exited", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_KilledWithSigkill_ItsChaincodeChildExitsToo()
    {
        // A SIGKILLed network cannot stop its chaincode; the child must notice that its parent is gone (Unix).
        var (arguments, pidFile) = await ChaincodeCommandAsync();
        await using var network = DevNetworkProcess.Start(arguments);
        await network.WaitUntilReadyAsync();
        var chaincodePid = int.Parse((await File.ReadAllTextAsync(pidFile).WithTimeout()).Trim(), CultureInfo.InvariantCulture);
        Assert.False(HasExitedOrIsZombie(chaincodePid), $"chaincode pid {chaincodePid} is not running before the kill");

        await network.KillAsync();

        var deadline = DateTime.UtcNow + TestTimeouts.Long;
        while (!HasExitedOrIsZombie(chaincodePid))
        {
            // polls the condition itself until the deadline
            Assert.True(DateTime.UtcNow < deadline, $"chaincode pid {chaincodePid} still runs {TestTimeouts.Long.TotalSeconds:0} s after its network was SIGKILLed");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Up_ChaincodeCommandMissing_ExitsOneBeforeServing()
    {
        var (exitCode, output) = await DevNetworkProcess.RunAsync("up", "--data", _data.Path, "--port", "0", "--chaincode-command", "cc=" + Path.Combine(_data.Path, "missing"));

        Assert.Equal(1, exitCode);
        Assert.Contains("could not start the dev network: the chaincode program of 'cc' does not exist", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", output.Split('\n'));
    }

    [Fact]
    public async Task Up_UnknownOption_ExitsWithUsage()
    {
        var (exitCode, output) = await DevNetworkProcess.RunAsync("up", "--no-such-option", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Gone, or a zombie: an orphan whose new parent (a container's init) may never reap it has still exited.</summary>
    private static bool HasExitedOrIsZombie(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }

        // "pid (comm) S ...": the state follows the last ')'.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is 'Z' or 'X';
    }

    /// <summary>`up` arguments that run the official Node chaincode through a script that records its pid.</summary>
    private async Task<(string[] Arguments, string PidFile)> ChaincodeCommandAsync()
    {
        NodeInterop.EnsureInstalled();
        var address = $"127.0.0.1:{FreePorts.Next()}";
        var pidFile = Path.Combine(_data.Path, "chaincode.pid");
        var script = Path.Combine(_data.Path, "devnetcc.sh");
        var start = Path.Combine(NodeInterop.InteropDirectory, "devnet", "chaincode", "start.js");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec node '{start}'\n").WithTimeout();
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return (["up", "--data", _data.Path, "--port", "0", "--chaincode", "devnetcc=" + address, "--chaincode-command", "devnetcc=" + script, "--batch-timeout-ms", "100", "--log-level", "Warning"], pidFile);
    }

    private string[] UpArguments() =>
        ["up", "--data", _data.Path, "--port", "0", "--chaincode", "devnetcc=" + _chaincode!.Address, "--batch-timeout-ms", "500", "--log-level", "Warning"];

    private NodeGatewayClient ClientFor(string output)
    {
        var url = output.Split('\n').First(l => l.StartsWith("peer peer0.org1.example.com", StringComparison.Ordinal)).Split(' ')[3];
        var port = int.Parse(url[(url.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        var org = Path.Combine(_data.Path, "crypto", "peerOrganizations", "org1.example.com");
        var peer = new PeerInfo("peer0.org1.example.com", "Org1MSP", "127.0.0.1", port, true, Path.Combine(org, "peers", "peer0.org1.example.com", "tls", "ca.crt"), true);
        var user = Path.Combine(org, "users", "User1@org1.example.com", "msp");
        return new NodeGatewayClient(peer, "Org1MSP", Path.Combine(user, "signcerts", "User1@org1.example.com-cert.pem"), Path.Combine(user, "keystore", "priv_sk"), "healthchannel", "devnetcc");
    }
}
