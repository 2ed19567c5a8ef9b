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
        Assert.Contains("serving the Gateway at https://127.0.0.1:", log, StringComparison.Ordinal);
        Assert.Contains("Dev network of channel", log, StringComparison.Ordinal);
        Assert.Contains("stopped", log, StringComparison.Ordinal);
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
