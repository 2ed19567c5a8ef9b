using Fabric.DevNetwork.Tests.Network.Support;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>Each peer's own ledger: filled from the orderer at the peer's own pace, caught up after the peer or the network restarts.</summary>
public sealed class PeerLedgerTests : IAsyncLifetime, IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private const string Org2Peer = "peer0.org2.example.com";
    private readonly TemporaryDirectory _data = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync();

    [Fact]
    public async Task StartPeerAsync_PeerStoppedWhileBehind_CatchesUpFromTheOrderer()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var org2 = network.GetPeerLedger(Org2Peer);
        network.GetCommitFaults(Org2Peer).Pause();

        var (txId, status) = await client.SubmitTransactionAsync("devnetcc", "put", "while-behind", "v").WithTimeout();
        await network.StopPeerAsync(Org2Peer).WithTimeout();
        network.GetCommitFaults(Org2Peer).Resume();

        // Org1's peer reported the commit; Org2's peer, paused and then stopped, has not committed that block
        Assert.Equal(TxValidationCode.Valid, status.Result);
        Assert.Equal(TxValidationCode.Valid, network.Ledger.FindTransaction(txId)!.Code);
        Assert.Null(org2.FindTransaction(txId));
        Assert.True(org2.Height <= status.BlockNumber);

        await network.StartPeerAsync(Org2Peer).WithTimeout();
        var caughtUp = await org2.WaitForCommitAsync(txId).WithTimeout();

        Assert.Equal(network.Ledger.FindTransaction(txId), caughtUp);
        Assert.Equal("v", org2.GetSnapshot().GetState("devnetcc", "while-behind")!.Value.ToStringUtf8());
        await ChainVerifier.VerifyAsync(org2);
    }

    [Fact]
    public async Task StartAsync_PeerBehindWhenTheNetworkStopped_CatchesUpFromTheOrdererAfterRestart()
    {
        string txId;
        ulong blockNumber;
        await using (var first = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout())
        {
            using var client = new RawGatewayClient(first, Org1Peer);
            first.GetCommitFaults(Org2Peer).Pause();
            (txId, var status) = await client.SubmitTransactionAsync("devnetcc", "put", "behind-at-stop", "w").WithTimeout();
            blockNumber = status.BlockNumber;
            Assert.Null(first.GetPeerLedger(Org2Peer).FindTransaction(txId));
        }

        await using var second = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode.Address)).WithTimeout();
        var org2 = second.GetPeerLedger(Org2Peer);
        var commit = await org2.WaitForCommitAsync(txId).WithTimeout();

        Assert.Equal(TxValidationCode.Valid, commit.Code);
        Assert.Equal(blockNumber, commit.BlockNumber);
        Assert.Equal(second.Ledger.FindTransaction(txId), commit);
        Assert.Equal("w", org2.GetSnapshot().GetState("devnetcc", "behind-at-stop")!.Value.ToStringUtf8());
    }

    [Fact]
    public async Task Lag_Org2PeerLagging_ItsCommitStatusArrivesAfterOrg1sAndBothAgree()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var org2 = network.GetPeerLedger(Org2Peer);
        network.GetCommitFaults(Org2Peer).Lag = TimeSpan.FromSeconds(30);

        var (txId, status) = await client.SubmitTransactionAsync("devnetcc", "put", "lagging", "l").WithTimeout();

        // 30 s behind: not yet committed by Org2's peer when Org1's reported it
        Assert.Equal(TxValidationCode.Valid, status.Result);
        Assert.Null(org2.FindTransaction(txId));
        network.GetCommitFaults(Org2Peer).Lag = TimeSpan.Zero;
        Assert.Equal(network.Ledger.FindTransaction(txId), await org2.WaitForCommitAsync(txId).WithTimeout());
    }

    public async Task DisposeAsync()
    {
        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();
}
