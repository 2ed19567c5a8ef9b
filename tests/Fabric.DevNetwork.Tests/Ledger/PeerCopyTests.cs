using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger;

/// <summary>
/// The orderer's copy of a block against each peer's: as in real Fabric's blocks
/// (../shared/fabric-reference/*from-orderer.pb and *from-peer-org1.pb), only the peer's copy has the
/// TRANSACTIONS_FILTER and a COMMIT_HASH, and peers that committed the same blocks agree on it.
/// </summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class PeerCopyTests(NetworkMaterial material)
{
    private const string Org1 = "peer0.org1.example.com";
    private const string Org2 = "peer0.org2.example.com";
    private const int Filter = (int)BlockMetadataIndex.TransactionsFilter;
    private const int CommitHash = (int)BlockMetadataIndex.CommitHash;

    [Theory]
    [InlineData("v2.5.16-healthchannel-block1049-addrecord")]
    [InlineData("v2.5.16-healthchannel-block1050-mvcc")]
    [InlineData("v3.1.5-healthchannel-block439-addrecord")]
    public void Reference_RealFabricBlock_OnlyThePeerCopyHasFilterAndCommitHash(string name)
    {
        // what the dev network's copies are held to below, read from real Fabric's bytes
        var orderer = Reference($"{name}.from-orderer.pb");
        var peer = Reference($"{name}.from-peer-org1.pb");

        Assert.True(orderer.Metadata.Metadata[Filter].IsEmpty);
        Assert.True(orderer.Metadata.Metadata.Count <= CommitHash || orderer.Metadata.Metadata[CommitHash].IsEmpty);
        Assert.Equal(peer.Data.Data.Count, peer.Metadata.Metadata[Filter].Length);
        Assert.Equal(32, Metadata.Parser.ParseFrom(peer.Metadata.Metadata[CommitHash]).Value.Length);
    }

    [Fact]
    public async Task CommitAsync_TwoPeers_PeerCopiesCarryFilterAndTheSameCommitHashOrdererCopyNeither()
    {
        using var directory = new TemporaryDirectory();
        var options = TwoPeers(directory.Path);
        await using var channel = await OrderedChannel.OpenAsync(options).WithTimeout();
        var first = await SubmitToBothAsync(channel, "1");
        var second = await SubmitToBothAsync(channel, "2");

        foreach (var number in new[] { first, second })
        {
            var ordererCopy = await channel.OrdererBlocks.GetBlockAsync(number, CancellationToken.None).WithTimeout();
            var org1Copy = (await channel.GetLedger(Org1).GetBlockAsync(number).WithTimeout()).Block;
            var org2Copy = (await channel.GetLedger(Org2).GetBlockAsync(number).WithTimeout()).Block;

            Assert.True(ordererCopy.Metadata.Metadata[Filter].IsEmpty);
            Assert.True(ordererCopy.Metadata.Metadata[CommitHash].IsEmpty);
            Assert.Equal(new byte[] { (byte)TxValidationCode.Valid }, org1Copy.Metadata.Metadata[Filter].ToByteArray());
            Assert.Equal(32, Metadata.Parser.ParseFrom(org1Copy.Metadata.Metadata[CommitHash]).Value.Length);
            Assert.Equal(org1Copy.Metadata.Metadata[CommitHash], org2Copy.Metadata.Metadata[CommitHash]);
            Assert.Equal(ordererCopy.Header, org1Copy.Header);
            Assert.Equal(ordererCopy.Data, org1Copy.Data);
        }

        // chained: each block's commit hash differs from the one before
        Assert.NotEqual(await CommitHashOfAsync(channel, Org1, first), await CommitHashOfAsync(channel, Org1, second));

        // block 0 on the peer: the config transaction VALID and no commit hash, like Fabric's peer copy
        var genesis = (await channel.GetLedger(Org1).GetBlockAsync(0).WithTimeout()).Block;
        Assert.Equal(new byte[] { (byte)TxValidationCode.Valid }, genesis.Metadata.Metadata[Filter].ToByteArray());
        Assert.True(genesis.Metadata.Metadata[CommitHash].IsEmpty);
    }

    [Fact]
    public async Task OpenAsync_OnePeerRestartedBehind_CommitHashAfterCatchingUpEqualsTheOtherPeers()
    {
        using var directory = new TemporaryDirectory();
        var options = TwoPeers(directory.Path);
        await using (var channel = await OrderedChannel.OpenAsync(options).WithTimeout())
        {
            await SubmitToBothAsync(channel, "before");
            channel.GetCommitFaults(Org2).Pause();
            var (envelope, txId) = await NewTransaction("behind").BuildAsync();
            await channel.Orderer.SubmitAsync(envelope);
            await channel.GetLedger(Org1).WaitForCommitAsync(txId).WithTimeout();
        }

        // Org2 recovers its commit hash chain from its own blocks, then takes the missing block from the orderer
        await using var reopened = await OrderedChannel.OpenAsync(options).WithTimeout();
        var number = await SubmitToBothAsync(reopened, "after");

        Assert.Equal(await CommitHashOfAsync(reopened, Org1, number), await CommitHashOfAsync(reopened, Org2, number));
        Assert.Equal(await CommitHashOfAsync(reopened, Org1, number - 1), await CommitHashOfAsync(reopened, Org2, number - 1));
    }

    private static Block Reference(string file) =>
        Block.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file)));

    private static async Task<ByteString> CommitHashOfAsync(OrderedChannel channel, string peer, ulong number) =>
        (await channel.GetLedger(peer).GetBlockAsync(number).WithTimeout()).Block.Metadata.Metadata[CommitHash];

    private OrderedChannelOptions TwoPeers(string root) => ChannelHarness.DefaultOptions(material, Path.Combine(root, "channel")) with
    {
        Peers =
        [
            new PeerLedgerOptions { Name = Org1, DataDirectory = Path.Combine(root, "org1") },
            new PeerLedgerOptions { Name = Org2, DataDirectory = Path.Combine(root, "org2") },
        ],
    };

    private TestTransaction NewTransaction(string value) => new TestTransaction(material.Org1Client, material.Org1Peer, material.Org2Peer).Write("k", value);

    /// <summary>Submits one write and waits until both peers committed it; returns its block number.</summary>
    private async Task<ulong> SubmitToBothAsync(OrderedChannel channel, string value)
    {
        var (envelope, txId) = await NewTransaction(value).BuildAsync();
        await channel.Orderer.SubmitAsync(envelope);
        var commit = await channel.GetLedger(Org1).WaitForCommitAsync(txId).WithTimeout();
        Assert.Equal(commit, await channel.GetLedger(Org2).WaitForCommitAsync(txId).WithTimeout());
        Assert.Equal(TxValidationCode.Valid, commit.Code);
        return commit.BlockNumber;
    }
}
