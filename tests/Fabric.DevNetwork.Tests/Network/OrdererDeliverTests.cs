using Fabric.DevNetwork.Tests.Network.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using static Fabric.DevNetwork.Tests.Network.Support.RawDeliverClient;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>The orderer's Deliver over real sockets: the orderer's own copies, and the Readers policy of the channel (which admits peers).</summary>
[Collection(DevNetworkCollection.Name)]
public sealed class OrdererDeliverTests(DevNetworkFixture fixture)
{
    private const string Org1Peer = "peer0.org1.example.com";

    private DevNetwork Network => fixture.Network;

    [Fact]
    public async Task Deliver_OldestToCommittedBlock_OrdererCopiesOfThePeersBlocks()
    {
        var commit = await CommitAsync("orderer-deliver-oldest");
        using var orderer = new RawOrdererClient(Network);

        var (blocks, status) = await orderer.DeliverAsync(orderer.SeekRequest(RawOrdererClient.Seek(Oldest, At(commit.BlockNumber)))).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal(Enumerable.Range(0, (int)commit.BlockNumber + 1).Select(n => (ulong)n), blocks.Select(b => b.Header.Number));
        foreach (var block in blocks)
        {
            var peerCopy = (await Network.Ledger.GetBlockAsync(block.Header.Number).WithTimeout()).Block;
            Assert.Equal(peerCopy.Header, block.Header);
            Assert.Equal(peerCopy.Data, block.Data);
            Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].IsEmpty, $"block {block.Header.Number} has a filter");
            Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.CommitHash].IsEmpty, $"block {block.Header.Number} has a commit hash");
        }
    }

    [Fact]
    public async Task Deliver_PeerIdentity_AdmittedByTheOrderersReaders()
    {
        var peer = Network.Crypto.GetOrganization("Org2MSP").Nodes[0];
        using var orderer = new RawOrdererClient(Network, "Org2MSP", peer.SigningCertificatePath, peer.PrivateKeyPath);

        var (blocks, status) = await orderer.DeliverAsync(orderer.SeekRequest(RawOrdererClient.Seek(Oldest, Oldest))).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Equal(0UL, Assert.Single(blocks).Header.Number);
    }

    [Fact]
    public async Task Deliver_OrdererOrganizationAdmin_AdmittedByTheOrderersReaders()
    {
        var admin = Network.Crypto.Organizations.First(o => o.IsOrdererOrg).Users[0];
        using var orderer = new RawOrdererClient(Network, "OrdererMSP", admin.SigningCertificatePath, admin.PrivateKeyPath);

        var (blocks, status) = await orderer.DeliverAsync(orderer.SeekRequest(RawOrdererClient.Seek(Oldest, Oldest))).WithTimeout();

        Assert.Equal(Status.Success, status);
        Assert.Single(blocks);
    }

    [Fact]
    public async Task Deliver_BadSignature_ForbiddenWithoutBlocks()
    {
        using var orderer = new RawOrdererClient(Network);
        var request = orderer.SeekRequest(RawOrdererClient.Seek(Oldest, Oldest));
        request.Signature = orderer.Sign(Google.Protobuf.ByteString.CopyFromUtf8("not the payload"));

        var (blocks, status) = await orderer.DeliverAsync(request).WithTimeout();

        Assert.Equal(Status.Forbidden, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task Deliver_FailIfNotReadyPastTheHeight_NotFound()
    {
        using var orderer = new RawOrdererClient(Network);
        var height = Network.OrdererHeight;

        var (blocks, status) = await orderer.DeliverAsync(
            orderer.SeekRequest(RawOrdererClient.Seek(At(height), At(height), SeekInfo.Types.SeekBehavior.FailIfNotReady))).WithTimeout();

        Assert.Equal(Status.NotFound, status);
        Assert.Empty(blocks);
    }

    [Fact]
    public async Task Deliver_OtherChannel_NotFound()
    {
        using var orderer = new RawOrdererClient(Network);
        var request = orderer.Signed(HeaderType.DeliverSeekInfo, RawOrdererClient.Seek(Oldest, Oldest).ToByteString(), channelId: "otherchannel");

        var (_, status) = await orderer.DeliverAsync(request).WithTimeout();

        Assert.Equal(Status.NotFound, status);
    }

    private async Task<Hyperledger.Fabric.Protos.Gateway.CommitStatusResponse> CommitAsync(string key)
    {
        using var client = new RawGatewayClient(Network, Org1Peer);
        var (_, status) = await client.SubmitTransactionAsync("devnetcc", "put", key, "v").WithTimeout();
        Assert.Equal(TxValidationCode.Valid, status.Result);
        return status;
    }
}
