using Fabric.DevNetwork.Tests.Network.Support;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using static Fabric.DevNetwork.Tests.Network.Support.RawDeliverClient;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// Each peer's committer as a Deliver client of the orderer's endpoint: a restarted peer catches up over
/// the wire, and a broken stream is dialled again from the peer's next block, without gaps or repeats.
/// </summary>
public sealed class PeerDeliverClientTests : IAsyncLifetime, IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private const string Org2Peer = "peer0.org2.example.com";
    private readonly TemporaryDirectory _data = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync();

    [Fact]
    public async Task StartPeerAsync_PeerStoppedWhileBehind_CatchesUpOverTheOrderersDeliverAndServesTheSameBlocks()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var org2 = network.GetPeerLedger(Org2Peer);
        network.GetCommitFaults(Org2Peer).Pause();
        var txIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (txId, status) = await client.SubmitTransactionAsync("devnetcc", "put", $"catch-up-{i}", "c").WithTimeout();
            Assert.Equal(TxValidationCode.Valid, status.Result);
            txIds.Add(txId);
        }

        await network.StopPeerAsync(Org2Peer).WithTimeout();
        network.GetCommitFaults(Org2Peer).Resume();
        var streamsBefore = network.OrdererEndpoint.Service.DeliverCallsOpened;
        Assert.True(org2.Height < network.OrdererHeight, "the stopped peer is behind");

        await network.StartPeerAsync(Org2Peer).WithTimeout();
        await org2.WaitForHeightAsync(network.OrdererHeight).WithTimeout();

        Assert.True(network.OrdererEndpoint.Service.DeliverCallsOpened > streamsBefore, "the restarted peer opened a Deliver stream to the orderer");
        foreach (var txId in txIds)
        {
            Assert.Equal(network.Ledger.FindTransaction(txId), org2.FindTransaction(txId));
        }

        using var org1Deliver = new RawDeliverClient(network, Org1Peer);
        using var org2Deliver = new RawDeliverClient(network, Org2Peer);
        var last = network.OrdererHeight - 1;
        var (org1Blocks, org1Status) = await org1Deliver.DeliverAsync(org1Deliver.Request(Seek(Oldest, At(last)))).WithTimeout();
        var (org2Blocks, org2Status) = await org2Deliver.DeliverAsync(org2Deliver.Request(Seek(Oldest, At(last)))).WithTimeout();
        Assert.Equal(Status.Success, org1Status);
        Assert.Equal(Status.Success, org2Status);
        Assert.Equal(org1Blocks.Select(b => b.Block), org2Blocks.Select(b => b.Block));
        await ChainVerifier.VerifyAsync(org2);
    }

    [Fact]
    public async Task BreakDeliverStreams_WhileTransactionsCommit_PeersResumeWithoutGapsOrRepeats()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var streamsBefore = network.OrdererEndpoint.Service.DeliverCallsOpened;
        var broken = 0;
        var txIds = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            // both peers hold every block so far, so both follow the orderer on an open stream now
            await WaitForOrdererHeightAsync(network);
            broken += network.OrdererEndpoint.Service.BreakDeliverStreams();
            var submits = Enumerable.Range(0, 3).Select(i => client.SubmitTransactionAsync("devnetcc", "put", $"reconnect-{round}-{i}", "r")).ToList();
            foreach (var (txId, status) in await Task.WhenAll(submits).WithTimeout())
            {
                Assert.Equal(TxValidationCode.Valid, status.Result);
                txIds.Add(txId);
            }
        }

        var height = await WaitForOrdererHeightAsync(network);

        Assert.True(broken >= 2 * 4, $"{broken} streams broken");
        Assert.True(network.OrdererEndpoint.Service.DeliverCallsOpened >= streamsBefore + 4, "the peers dialled the orderer again");
        foreach (var peer in network.Peers)
        {
            var ledger = network.GetPeerLedger(peer.Name);
            await ChainVerifier.VerifyAsync(ledger);
            for (ulong n = 0; n < height; n++)
            {
                var ordered = await network.GetOrdererBlockAsync(n).WithTimeout();
                var committed = (await ledger.GetBlockAsync(n).WithTimeout()).Block;
                Assert.Equal(ordered.Header, committed.Header);
                Assert.Equal(ordered.Data, committed.Data);
            }

            Assert.All(txIds, txId => Assert.Equal(TxValidationCode.Valid, ledger.FindTransaction(txId)!.Code));
        }
    }

    private static async Task<ulong> WaitForOrdererHeightAsync(DevNetwork network)
    {
        var height = network.OrdererHeight;
        foreach (var peer in network.Peers)
        {
            await network.GetPeerLedger(peer.Name).WaitForHeightAsync(height).WithTimeout();
        }

        return height;
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
