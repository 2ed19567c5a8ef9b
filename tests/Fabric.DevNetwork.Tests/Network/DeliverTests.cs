using Fabric.DevNetwork.Tests.Network.Support;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using static Fabric.DevNetwork.Tests.Network.Support.RawDeliverClient;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>The peer's Deliver service over real sockets: seek positions, behaviours and the status rules of Fabric's deliver handler.</summary>
[Collection(DevNetworkCollection.Name)]
public sealed class DeliverTests(DevNetworkFixture fixture)
{
    private const string Org1Peer = "peer0.org1.example.com";
    private const string Org2Peer = "peer0.org2.example.com";

    private DevNetwork Network => fixture.Network;

    [Fact]
    public async Task Deliver_OldestToSpecified_EveryBlockInOrderThenSuccess()
    {
        await CommitAsync("deliver-oldest");
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Oldest, At(1)))).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal([0UL, 1UL], blocks.Select(b => b.Block.Header.Number));
    }

    [Fact]
    public async Task Deliver_NewestToNewest_OneBlockThenSuccess()
    {
        await CommitAsync("deliver-newest");
        using var client = new RawDeliverClient(Network, Org1Peer);
        var height = Network.Ledger.Height;

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Newest, Newest))).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.True(Assert.Single(blocks).Block.Header.Number >= height - 1);
    }

    [Fact]
    public async Task Deliver_PeerCopy_HasItsTransactionsFilterAndEqualsTheStoredBlock()
    {
        var (txId, commit) = await CommitAsync("deliver-peer-copy");
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(At(commit.BlockNumber), At(commit.BlockNumber)))).WithTimeout();

        Assert.Equal(Status.Success, status);
        var block = Assert.Single(blocks).Block;
        var stored = (await Network.Ledger.GetBlockAsync(commit.BlockNumber).WithTimeout()).Block;
        Assert.Equal(stored, block);
        Assert.Equal(block.Data.Data.Count, block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Length);
        Assert.Contains(block.Data.Data, d => ChannelHeaderOf(d).TxId == txId);
    }

    [Fact]
    public async Task Deliver_BlockUntilReady_WaitsForTheNextBlock()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);
        var next = Network.Ledger.Height;
        using var stream = client.Open();
        await stream.RequestStream.WriteAsync(client.Request(Seek(At(next), At(next))));
        var reading = ReadToStatusAsync(stream.ResponseStream);

        await CommitAsync("deliver-wait");
        var (blocks, status) = await reading.WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal(next, Assert.Single(blocks).Block.Header.Number);
    }

    [Fact]
    public async Task Deliver_FailIfNotReadyAtTheHeight_NotFoundWithoutBlocks()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);
        var height = Network.Ledger.Height;

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(At(height), At(height), SeekInfo.Types.SeekBehavior.FailIfNotReady))).WithTimeout();

        Assert.Equal(Status.NotFound, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task Deliver_FailIfNotReadyPastTheHeight_BlocksUpToTheHeightThenNotFound()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);
        var height = Network.Ledger.Height;

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(At(height - 1), At(height + 5), SeekInfo.Types.SeekBehavior.FailIfNotReady))).WithTimeout();

        Assert.Equal(Status.NotFound, status);
        Assert.Equal(height - 1, Assert.Single(blocks).Block.Header.Number);
    }

    [Fact]
    public async Task Deliver_SpecifiedStartBeyondTheHeight_NotFound()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);
        var beyond = Network.Ledger.Height + 10;

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(At(beyond), At(beyond)))).WithTimeout();

        Assert.Equal(Status.NotFound, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task Deliver_StopBeforeStart_BadRequest()
    {
        await CommitAsync("deliver-stop-before-start");
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (_, status) = await client.DeliverAsync(client.Request(Seek(At(1), At(0)))).WithTimeout();

        Assert.Equal(Status.BadRequest, status);
    }

    [Fact]
    public async Task Deliver_NoStop_BadRequest()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (_, status) = await client.DeliverAsync(client.Request(Seek(Oldest, null))).WithTimeout();

        Assert.Equal(Status.BadRequest, status);
    }

    [Fact]
    public async Task Deliver_TimestampOutsideTheTimeWindow_BadRequest()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);
        var request = client.Request(Seek(Oldest, Oldest), h => h.Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-20)));

        var (_, status) = await client.DeliverAsync(request).WithTimeout();

        Assert.Equal(Status.BadRequest, status);
    }

    [Fact]
    public async Task Deliver_UnknownChannel_NotFound()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (_, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest), h => h.ChannelId = "otherchannel")).WithTimeout();

        Assert.Equal(Status.NotFound, status);
    }

    [Fact]
    public async Task Deliver_BadSignature_ForbiddenByReaders()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest), badSignature: true)).WithTimeout();

        Assert.Equal(Status.Forbidden, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task Deliver_OrdererOrganizationCreator_ForbiddenByApplicationReaders()
    {
        var orderer = Network.Crypto.Organizations.First(o => o.IsOrdererOrg);
        using var client = new RawDeliverClient(Network, Org1Peer, orderer.MspId, orderer.Users[0].SigningCertificatePath, orderer.Users[0].PrivateKeyPath);

        var (_, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest))).WithTimeout();

        Assert.Equal(Status.Forbidden, status);
    }

    [Theory]
    [InlineData(Call.Deliver)]
    [InlineData(Call.WithPrivateData)]
    public async Task Deliver_ClientRoleCreator_ForbiddenBecauseWholeBlocksAreForAdminsAndPeers(Call call)
    {
        // A block holds every patient's pointers and consents in its write sets; a client reads them only through the chaincode.
        await CommitAsync("deliver-client-" + call);
        using var client = new RawDeliverClient(Network, Org1Peer, "User1");

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Newest)), call).WithTimeout();

        Assert.Equal(Status.Forbidden, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task DeliverFiltered_ClientRoleCreator_AllowedByStatusReaders()
    {
        var (txId, commit) = await CommitAsync("deliver-client-filtered");
        using var client = new RawDeliverClient(Network, Org1Peer, "User1");

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(At(commit.BlockNumber), At(commit.BlockNumber))), Call.Filtered).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Contains(Assert.Single(blocks).FilteredBlock.FilteredTransactions, t => t.Txid == txId);
    }

    [Fact]
    public async Task Deliver_PeerRoleCreator_AllowedByReaders()
    {
        var peer = Network.Crypto.GetOrganization("Org2MSP").Nodes[0];
        using var client = new RawDeliverClient(Network, Org1Peer, "Org2MSP", peer.SigningCertificatePath, peer.PrivateKeyPath);

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest))).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal(0UL, Assert.Single(blocks).Block.Header.Number);
    }

    [Fact]
    public async Task Deliver_SecondRequestOnTheStream_ServedAfterTheFirstSucceeds()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);
        using var stream = client.Open();

        await stream.RequestStream.WriteAsync(client.Request(Seek(Oldest, Oldest)));
        var first = await ReadToStatusAsync(stream.ResponseStream).WithTimeout();
        await stream.RequestStream.WriteAsync(client.Request(Seek(Newest, Newest)));
        var second = await ReadToStatusAsync(stream.ResponseStream).WithTimeout();

        Assert.Equal(Status.Success, first.Status);
        Assert.Equal(Status.Success, second.Status);
        Assert.Single(second.Blocks);
    }

    [Fact]
    public async Task Deliver_LaggingPeer_DeliversOnlyWhatItCommitted()
    {
        await CommitAsync("deliver-lag-before");
        var faults = Network.GetCommitFaults(Org2Peer);
        var org2Ledger = Network.GetPeerLedger(Org2Peer);
        await org2Ledger.WaitForHeightAsync(Network.OrdererHeight).WithTimeout();
        faults.Pause();
        try
        {
            var (_, commit) = await CommitAsync("deliver-lag-paused");
            using var org1 = new RawDeliverClient(Network, Org1Peer);
            using var org2 = new RawDeliverClient(Network, Org2Peer);
            var seek = Seek(At(commit.BlockNumber), At(commit.BlockNumber), SeekInfo.Types.SeekBehavior.FailIfNotReady);

            var fromOrg1 = await org1.DeliverAsync(org1.Request(seek)).WithTimeout();
            var fromOrg2 = await org2.DeliverAsync(org2.Request(seek)).WithTimeout();

            Assert.Equal(Status.Success, fromOrg1.Status);
            Assert.Equal(Status.NotFound, fromOrg2.Status);
            Assert.True(org2Ledger.Height <= commit.BlockNumber);
        }
        finally
        {
            faults.Resume();
            await org2Ledger.WaitForHeightAsync(Network.OrdererHeight).WithTimeout();
        }
    }

    [Fact]
    public async Task DeliverWithPrivateData_BlockAsStoredAndAnEmptyMapWithoutCollections()
    {
        var (_, commit) = await CommitAsync("deliver-private");
        using var client = new RawDeliverClient(Network, Org1Peer);
        var seek = Seek(At(commit.BlockNumber), At(commit.BlockNumber));

        var (blocks, status) = await client.DeliverAsync(client.Request(seek), Call.WithPrivateData).WithTimeout();

        Assert.Equal(Status.Success, status);
        var response = Assert.Single(blocks);
        Assert.Equal(Hyperledger.Fabric.Protos.Peer.DeliverResponse.TypeOneofCase.BlockAndPrivateData, response.TypeCase);
        Assert.Equal((await Network.Ledger.GetBlockAsync(commit.BlockNumber).WithTimeout()).Block, response.BlockAndPrivateData.Block);
        Assert.Empty(response.BlockAndPrivateData.PrivateDataMap);
    }

    [Fact]
    public async Task DeliverFiltered_ValidPut_TxIdCodeAndEventWithoutPayload()
    {
        var (txId, commit) = await CommitAsync("deliver-filtered");
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (blocks, status) = await client.DeliverAsync(client.Request(Seek(At(commit.BlockNumber), At(commit.BlockNumber))), Call.Filtered).WithTimeout();

        Assert.Equal(Status.Success, status);
        var filtered = Assert.Single(blocks).FilteredBlock;
        Assert.Equal(Network.ChannelId, filtered.ChannelId);
        Assert.Equal(commit.BlockNumber, filtered.Number);
        var transaction = Assert.Single(filtered.FilteredTransactions, t => t.Txid == txId);
        Assert.Equal(HeaderType.EndorserTransaction, transaction.Type);
        Assert.Equal(TxValidationCode.Valid, transaction.TxValidationCode);
        var chaincodeEvent = Assert.Single(transaction.TransactionActions.ChaincodeActions).ChaincodeEvent;
        Assert.Equal(("devnetcc", txId, "put"), (chaincodeEvent.ChaincodeId, chaincodeEvent.TxId, chaincodeEvent.EventName));
        Assert.True(chaincodeEvent.Payload.IsEmpty);
    }

    [Fact]
    public async Task DeliverFiltered_ConfigBlock_ConfigTransactionWithoutActions()
    {
        using var client = new RawDeliverClient(Network, Org1Peer);

        var (blocks, _) = await client.DeliverAsync(client.Request(Seek(Oldest, Oldest)), Call.Filtered).WithTimeout();

        var transaction = Assert.Single(Assert.Single(blocks).FilteredBlock.FilteredTransactions);
        Assert.Equal(HeaderType.Config, transaction.Type);
        Assert.Equal(TxValidationCode.Valid, transaction.TxValidationCode);
        Assert.Equal(FilteredTransaction.DataOneofCase.None, transaction.DataCase);
    }

    private async Task<(string TxId, Hyperledger.Fabric.Protos.Gateway.CommitStatusResponse Status)> CommitAsync(string key)
    {
        using var client = new RawGatewayClient(Network, Org1Peer);
        var result = await client.SubmitTransactionAsync("devnetcc", "put", key, "v").WithTimeout();
        Assert.Equal(TxValidationCode.Valid, result.Status.Result);
        return result;
    }

    private static ChannelHeader ChannelHeaderOf(Google.Protobuf.ByteString envelope) =>
        ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(envelope).Payload).Header.ChannelHeader);
}
