using Fabric.DevNetwork.Tests.Network.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Orderer;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using static Fabric.DevNetwork.Tests.Network.Support.RawDeliverClient;
using EtcdRaft = Hyperledger.Fabric.Protos.Orderer.EtcdRaft;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Conformance;

/// <summary>
/// The orderer's copy of blocks, fetched from our orderer's Deliver over TLS, against the copies real
/// etcdraft orderers returned (../shared/fabric-reference/*from-orderer*.pb and *orderer*block0.pb):
/// metadata slots, the empty filter and commit hash, the SIGNATURES value and signature header, block 0
/// as the genesis block, and the peer copy as the orderer copy plus filter and commit hash.
/// </summary>
[Collection(DevNetworkCollection.Name)]
public sealed class OrdererCopyConformanceTests(DevNetworkFixture fixture)
{
    private const string Org1Peer = "peer0.org1.example.com";

    public static TheoryData<string> OrdererCopies =>
    [
        "v2.5.16-healthchannel-block1049-addrecord.from-orderer.pb",
        "v2.5.16-healthchannel-block1050-mvcc.from-orderer.pb",
        "v3.1.5-healthchannel-block439-addrecord.from-orderer.pb",
        "v3.1.5-healthchannel-block440-mvcc.from-orderer.pb",
    ];

    public static TheoryData<string, string> CopyPairs =>
    new()
    {
        { "v2.5.16-healthchannel-block1049-addrecord.from-orderer.pb", "v2.5.16-healthchannel-block1049-addrecord.from-peer-org1.pb" },
        { "v2.5.16-healthchannel-block1050-mvcc.from-orderer.pb", "v2.5.16-healthchannel-block1050-mvcc.from-peer-org1.pb" },
        { "v3.1.5-healthchannel-block439-addrecord.from-orderer.pb", "v3.1.5-healthchannel-block439-addrecord.from-peer-org1.pb" },
        { "v2.5.16-orderer-healthchannel-block0.pb", "v2.5.16-peer-org1-healthchannel-block0.pb" },
        { "v3.1.5-orderer-healthchannel-block0.pb", "v3.1.5-peer-org1-healthchannel-block0.pb" },
    };

    [Theory]
    [MemberData(nameof(OrdererCopies))]
    public async Task TransactionBlock_OrdererCopy_MetadataShapedLikeAnEtcdraftOrderers(string file)
    {
        var reference = ReferenceBlock(file);
        var ours = await OrdererCopyOfATransactionBlockAsync();

        foreach (var block in new[] { reference, ours })
        {
            var metadata = block.Metadata.Metadata;
            Assert.Equal(5, metadata.Count);
            Assert.True(metadata[(int)BlockMetadataIndex.TransactionsFilter].IsEmpty);
            Assert.True(metadata[(int)BlockMetadataIndex.CommitHash].IsEmpty);
            Assert.True(metadata[(int)BlockMetadataIndex.LastConfig].IsEmpty);
            Assert.True(metadata[(int)BlockMetadataIndex.Orderer].IsEmpty);

            var signatures = Metadata.Parser.ParseFrom(metadata[(int)BlockMetadataIndex.Signatures]);
            var signature = Assert.Single(signatures.Signatures);
            Assert.True(signature.IdentifierHeader.IsEmpty);
            Assert.False(signature.Signature.IsEmpty);
            var header = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader);
            Assert.Equal(24, header.Nonce.Length);
            var creator = SerializedIdentity.Parser.ParseFrom(header.Creator);
            Assert.Equal("OrdererMSP", creator.Mspid);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----", creator.IdBytes.ToStringUtf8(), StringComparison.Ordinal);

            var value = OrdererBlockMetadata.Parser.ParseFrom(signatures.Value);
            Assert.Equal(0UL, value.LastConfig.Index);
            var raft = EtcdRaft.BlockMetadata.Parser.ParseFrom(Metadata.Parser.ParseFrom(value.ConsenterMetadata).Value);
            Assert.Equal([1UL], raft.ConsenterIds);
            Assert.Equal(2UL, raft.NextConsenterId);
            Assert.True(raft.RaftIndex > block.Header.Number, $"raft index {raft.RaftIndex} of block {block.Header.Number}");
        }
    }

    [Theory]
    [InlineData("v2.5.16-orderer-healthchannel-block0.pb")]
    [InlineData("v3.1.5-orderer-healthchannel-block0.pb")]
    public async Task Block0_FromTheOrderer_GenesisBlockWithUnsignedSignaturesMetadata(string file)
    {
        var reference = ReferenceBlock(file);
        var ours = await OrdererBlockAsync(0);

        // only SIGNATURES is set, to Metadata{value: OrdererBlockMetadata{last_config {index 0}}}, with no signature
        Assert.Equal(reference.Metadata.Metadata, ours.Metadata.Metadata);
        Assert.Empty(Metadata.Parser.ParseFrom(ours.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]).Signatures);
    }

    [Fact]
    public async Task Block0_FromTheOrderer_TheGenesisBlockTheOrdererStored()
    {
        var served = await OrdererBlockAsync(0);
        var stored = await Network.GetOrdererBlockAsync(0).WithTimeout();

        Assert.Equal(stored.ToByteString(), served.ToByteString());
        Assert.True(Envelope.Parser.ParseFrom(Assert.Single(served.Data.Data)).Signature.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(CopyPairs))]
    public async Task PeerCopy_TheOrdererCopyWithTheFilterAndCommitHashFilledIn(string ordererFile, string peerFile)
    {
        var blockNumber = ordererFile.Contains("block0", StringComparison.Ordinal) ? 0UL : (await CommittedTransactionBlockAsync()).BlockNumber;
        var pairs = new[]
        {
            (Orderer: ReferenceBlock(ordererFile), Peer: ReferenceBlock(peerFile)),
            (Orderer: await OrdererBlockAsync(blockNumber), Peer: (await Network.Ledger.GetBlockAsync(blockNumber).WithTimeout()).Block),
        };

        foreach (var (orderer, peer) in pairs)
        {
            var metadata = peer.Metadata.Metadata;
            Assert.Equal(peer.Data.Data.Count, metadata[(int)BlockMetadataIndex.TransactionsFilter].Length);
            if (peer.Header.Number == 0)
            {
                Assert.Equal([(byte)TxValidationCode.Valid], metadata[(int)BlockMetadataIndex.TransactionsFilter].ToByteArray());
                Assert.True(metadata[(int)BlockMetadataIndex.CommitHash].IsEmpty);
            }
            else
            {
                Assert.Equal(32, Metadata.Parser.ParseFrom(metadata[(int)BlockMetadataIndex.CommitHash]).Value.Length);
            }

            var stripped = peer.Clone();
            stripped.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.Empty;
            stripped.Metadata.Metadata[(int)BlockMetadataIndex.CommitHash] = ByteString.Empty;
            Assert.Equal(orderer.ToByteString(), stripped.ToByteString());
        }
    }

    private DevNetwork Network => fixture.Network;

    private async Task<Block> OrdererCopyOfATransactionBlockAsync() => await OrdererBlockAsync((await CommittedTransactionBlockAsync()).BlockNumber);

    private async Task<Hyperledger.Fabric.Protos.Gateway.CommitStatusResponse> CommittedTransactionBlockAsync()
    {
        using var client = new RawGatewayClient(Network, Org1Peer);
        var (_, status) = await client.SubmitTransactionAsync("devnetcc", "put", "orderer-copy-" + Guid.NewGuid().ToString("N"), "v").WithTimeout();
        Assert.Equal(TxValidationCode.Valid, status.Result);
        return status;
    }

    private async Task<Block> OrdererBlockAsync(ulong number)
    {
        using var orderer = new RawOrdererClient(Network);
        var (blocks, status) = await orderer.DeliverAsync(orderer.SeekRequest(RawOrdererClient.Seek(At(number), At(number)))).WithTimeout();
        Assert.Equal(Status.Success, status);
        return Assert.Single(blocks);
    }

    private static Block ReferenceBlock(string file) =>
        Block.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file)));
}
