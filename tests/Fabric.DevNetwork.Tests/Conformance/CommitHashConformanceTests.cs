using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Validation.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Conformance;

/// <summary>
/// The dev network's COMMIT_HASH against real Fabric peers': for consecutive peer copies of real blocks
/// (../shared/fabric-reference/*from-peer-org1.pb, 1049→1050 on 2.5.16 and 439→440 on 3.1.5), block N's
/// commit hash recomputed from block N−1's and block N's content equals the one the Fabric peer wrote.
/// </summary>
public sealed class CommitHashConformanceTests
{
    private const int Filter = (int)BlockMetadataIndex.TransactionsFilter;
    private const int CommitHash = (int)BlockMetadataIndex.CommitHash;

    [Theory]
    [InlineData("v2.5.16-healthchannel-block1049-addrecord", "v2.5.16-healthchannel-block1050-mvcc")]
    [InlineData("v3.1.5-healthchannel-block439-addrecord", "v3.1.5-healthchannel-block440-mvcc")]
    public void NextCommitHash_RealFabricPeerBlocks_EqualsTheHashTheFabricPeerWrote(string previousName, string blockName)
    {
        var previous = Reference($"{previousName}.from-peer-org1.pb");
        var block = Reference($"{blockName}.from-peer-org1.pb");
        var filter = block.Metadata.Metadata[Filter].ToByteArray();
        var updates = ValidUpdates(block, filter);

        var (metadata, hash) = ChannelLedger.NextCommitHash(filter, updates, StoredCommitHash(previous), StateSnapshot.Empty);

        Assert.Contains(TxValidationCode.MvccReadConflict, filter.Select(c => (TxValidationCode)c));
        Assert.NotEmpty(updates);
        Assert.Equal(StoredCommitHash(block), hash);
        Assert.Equal(block.Metadata.Metadata[CommitHash], metadata);
    }

    [Fact]
    public void NextCommitHash_RealFabricPeerBlock_AnotherFilterOrPreviousHashGivesAnotherValue()
    {
        // the filter and the chain are part of the value: MVCC losers marked valid, or a broken chain, do not match
        var previous = Reference("v2.5.16-healthchannel-block1049-addrecord.from-peer-org1.pb");
        var block = Reference("v2.5.16-healthchannel-block1050-mvcc.from-peer-org1.pb");
        var filter = block.Metadata.Metadata[Filter].ToByteArray();
        var updates = ValidUpdates(block, filter);

        var allValid = new byte[filter.Length];
        var brokenChain = StoredCommitHash(previous);
        brokenChain[0] ^= 1;

        Assert.NotEqual(StoredCommitHash(block), ChannelLedger.NextCommitHash(allValid, updates, StoredCommitHash(previous), StateSnapshot.Empty).Hash);
        Assert.NotEqual(StoredCommitHash(block), ChannelLedger.NextCommitHash(filter, updates, brokenChain, StateSnapshot.Empty).Hash);
    }

    [Theory]
    [InlineData(0UL, 0UL, new byte[] { 0, 0 })]
    [InlineData(1050UL, 2UL, new byte[] { 2, 0x04, 0x1a, 1, 2 })]
    [InlineData(0x0102030405060708UL, 255UL, new byte[] { 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 0xff })]
    public void VersionBytes_Height_FabricsOrderPreservingEncoding(ulong block, ulong tx, byte[] expected) =>
        Assert.Equal(expected, CommitHashUpdateBytes.VersionBytes(new StateVersion(block, tx)));

    private static List<KeyUpdate> ValidUpdates(Block block, byte[] filter)
    {
        var updates = new List<KeyUpdate>();
        for (var i = 0; i < block.Data.Data.Count; i++)
        {
            if ((TxValidationCode)filter[i] == TxValidationCode.Valid)
            {
                updates.AddRange(UpdateBuilder.ForTransaction(TransactionParser.Parse(block.Data.Data[i]), block.Header.Number, i));
            }
        }

        return updates;
    }

    private static byte[] StoredCommitHash(Block block) => Metadata.Parser.ParseFrom(block.Metadata.Metadata[CommitHash]).Value.ToByteArray();

    private static Block Reference(string file) =>
        Block.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file)));
}
