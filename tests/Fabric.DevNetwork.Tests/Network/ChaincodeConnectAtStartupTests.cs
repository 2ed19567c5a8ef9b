using Fabric.DevNetwork.Tests.Network.Support;
using Fabric.DevNetwork.Tests.Rules;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// When peers dial a chaincode-as-a-service (../shared/fabric-reference README, finding 11): Fabric 3.1.5
/// peers opened the streams at start-up, 2.5.16 peers on the first transaction. The 3.x-like definition
/// (<see cref="ChaincodeBatchingOptions.Fabric3"/>) connects at start-up; the default stays 2.5's. Each
/// REGISTER accepted is logged as event 3001, so the log counts the streams the peers opened.
/// </summary>
public sealed class ChaincodeConnectAtStartupTests : IAsyncLifetime, IDisposable
{
    private const int Registered = 3001;
    private const int StartupConnectFailed = 3005;
    private const string Org1Peer = "peer0.org1.example.com";
    private readonly TemporaryDirectory _data = new();
    private readonly CapturingLogs _logs = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync();

    [Fact]
    public async Task StartAsync_Fabric3Definition_EveryPeerRegistersBeforeAnyTransactionAndTheStreamServesIt()
    {
        using var loggerFactory = _logs.CreateFactory();
        await using var network = await DevNetwork.StartAsync(Options(_chaincode!.Address, ChaincodeBatchingOptions.Fabric3, loggerFactory)).WithTimeout();

        Assert.Equal(2, RegisteredCount());

        Assert.Equal(200, await EvaluateThroughOrg1Async(network));
        Assert.Equal(2, RegisteredCount());
    }

    [Fact]
    public async Task StartAsync_Fabric25Definition_NoPeerDialsUntilItsFirstTransaction()
    {
        using var loggerFactory = _logs.CreateFactory();
        await using var network = await DevNetwork.StartAsync(Options(_chaincode!.Address, null, loggerFactory)).WithTimeout();

        Assert.Equal(0, RegisteredCount());

        Assert.Equal(200, await EvaluateThroughOrg1Async(network));
        Assert.Equal(1, RegisteredCount());
    }

    [Fact]
    public async Task StartPeerAsync_Fabric3Definition_RestartedPeerRegistersAgainAsItStarts()
    {
        using var loggerFactory = _logs.CreateFactory();
        await using var network = await DevNetwork.StartAsync(Options(_chaincode!.Address, ChaincodeBatchingOptions.Fabric3, loggerFactory)).WithTimeout();
        await network.StopPeerAsync(Org1Peer).WithTimeout();

        await network.StartPeerAsync(Org1Peer).WithTimeout();

        Assert.Equal(3, RegisteredCount());
    }

    [Fact]
    public async Task StartAsync_Fabric3DefinitionChaincodeNotYetListening_StartsWithWarningsAndDialsOnTheFirstTransaction()
    {
        var port = FreePorts.Next();
        using var loggerFactory = _logs.CreateFactory();
        await using var network = await DevNetwork.StartAsync(Options($"127.0.0.1:{port}", ChaincodeBatchingOptions.Fabric3, loggerFactory)).WithTimeout();

        var warnings = _logs.Entries.Where(e => e.EventId == StartupConnectFailed).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, e =>
        {
            Assert.Equal(LogLevel.Warning, e.Level);
            Assert.Contains("could not connect to chaincode devnetcc at start-up; it dials again on the next transaction", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(0, RegisteredCount());

        await using var late = await NodeChaincode.StartAsync(port: port);
        Assert.Equal(200, await EvaluateThroughOrg1Async(network));
        Assert.Equal(1, RegisteredCount());
    }

    public async Task DisposeAsync()
    {
        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();

    private static async Task<int> EvaluateThroughOrg1Async(DevNetwork network)
    {
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "get", "k");
        var response = await client.EvaluateAsync(proposal, txId).WithTimeout();
        return response.Result.Status;
    }

    private int RegisteredCount() => _logs.Entries.Count(e => e.EventId == Registered);

    private DevNetworkOptions Options(string address, ChaincodeBatchingOptions? batching, ILoggerFactory loggerFactory)
    {
        var options = DevNetworkFixture.Options(_data.Path, address);
        return options with { LoggerFactory = loggerFactory, Chaincodes = [options.Chaincodes[0] with { Batching = batching }] };
    }
}
