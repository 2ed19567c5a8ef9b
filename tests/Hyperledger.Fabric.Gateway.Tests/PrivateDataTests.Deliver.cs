using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <content>
/// DeliverWithPrivateData: each block with the private write sets the serving peer holds, limited to
/// the collections the requester may read (Fabric's <c>core/peer/deliverevents.go</c>).
/// </content>
public sealed partial class PrivateDataTests
{
    [Theory]
    [InlineData("csharp")]
    [InlineData("node")]
    public async Task GetBlockAndPrivateDataEventsAsync_MemberThroughMemberPeer_CarriesTheWriteSetByTransactionIndex(string shim)
    {
        await using var setup = await Setup.StartAsync(node: shim == "node");
        var stored = await setup.StoreAsync("carol", "carol-allergy");

        var delivered = await BlockAndPrivateDataAsync(setup.NetworkAs("Org1MSP", "Org1MSP"), stored.BlockNumber);

        var txIndex = TxIndexOf(delivered, stored.TransactionId);
        var set = Assert.Single(delivered.PrivateDataMap).Value;
        Assert.Equal(txIndex, delivered.PrivateDataMap.Keys.Single());
        Assert.Equal(TxReadWriteSet.Types.DataModel.Kv, set.DataModel);
        var ns = Assert.Single(set.NsPvtRwset);
        Assert.Equal("pdc", ns.Namespace);
        var collection = Assert.Single(ns.CollectionPvtRwset);
        Assert.Equal(Collection, collection.CollectionName);
        var write = Assert.Single(KVRWSet.Parser.ParseFrom(collection.Rwset).Writes);
        Assert.Equal(("carol", "carol-allergy"), (write.Key, write.Value.ToStringUtf8()));
    }

    [Fact]
    public async Task GetBlockAndPrivateDataEventsAsync_NonMemberRequesterOrNonMemberPeer_BlockWithoutThePrivateData()
    {
        await using var setup = await Setup.StartAsync();
        var stored = await setup.StoreAsync("dave", "dave-secret");
        await setup.SettleAsync();

        // memberOnlyRead: Org2's user is not eligible even on Org1's peer, which holds the data
        var nonMember = await BlockAndPrivateDataAsync(setup.NetworkAs("Org2MSP", "Org1MSP"), stored.BlockNumber);
        // Org2's peer is outside the collection: it never had the data, whoever asks
        var nonMemberPeer = await BlockAndPrivateDataAsync(setup.NetworkAs("Org1MSP", "Org2MSP"), stored.BlockNumber);

        Assert.Empty(nonMember.PrivateDataMap);
        Assert.Empty(nonMemberPeer.PrivateDataMap);
        Assert.Equal((await setup.Network.GetPeerLedger(setup.Peer("Org1MSP").Name).GetBlockAsync(stored.BlockNumber).WithTimeout()).Block, nonMember.Block);
        Assert.Contains(stored.TransactionId, TxIds(nonMemberPeer));
    }

    [Fact]
    public async Task GetBlockAndPrivateDataEventsAsync_CollectionWithoutMemberOnlyRead_AnyChannelReaderGetsIt()
    {
        await using var setup = await Setup.StartAsync();
        var stored = await setup.StoreAsync("erin", "erin-open", OpenCollection);

        var delivered = await BlockAndPrivateDataAsync(setup.NetworkAs("Org2MSP", "Org1MSP"), stored.BlockNumber);

        var collection = Assert.Single(Assert.Single(Assert.Single(delivered.PrivateDataMap).Value.NsPvtRwset).CollectionPvtRwset);
        Assert.Equal(OpenCollection, collection.CollectionName);
    }

    [Fact]
    public async Task GetBlockAndPrivateDataEventsAsync_AfterPurge_TheEarlierBlockNoLongerCarriesTheValue()
    {
        await using var setup = await Setup.StartAsync();
        var stored = await setup.StoreAsync("frank", "frank-purged");
        await setup.Org1.SubmitTransactionAsync("purge", Collection, "frank").WithTimeout();

        var delivered = await BlockAndPrivateDataAsync(setup.NetworkAs("Org1MSP", "Org1MSP"), stored.BlockNumber);

        var values = delivered.PrivateDataMap.Values.SelectMany(Writes).Select(w => w.Value.ToStringUtf8());
        Assert.DoesNotContain("frank-purged", values);
    }

    [Fact]
    public async Task GetBlockAndPrivateDataEvents_NodeClient_SameBlocksTxIdsAndPrivateWritesAsOurs()
    {
        await using var setup = await Setup.StartAsync();
        var first = await setup.StoreAsync("gina", "gina-node");
        var last = await setup.StoreAsync("hank", "hank-node");
        var network = setup.NetworkAs("Org1MSP", "Org1MSP");

        var ours = new List<string>();
        using (var cts = new CancellationTokenSource(TestTimeouts.Long))
        {
            await foreach (var item in network.GetBlockAndPrivateDataEventsAsync(new BlockEventsOptions { StartBlock = first.BlockNumber }, cts.Token))
            {
                ours.Add(Render(item));
                if (item.Block.Header.Number >= last.BlockNumber)
                {
                    break;
                }
            }
        }

        using var directory = new TemporaryDirectory();
        var text = await NodeInterop.RunAsync(
            "devnet/client.js",
            [setup.WriteNodeClientConfig(directory.Path, "Org1MSP"), "privateblocks", first.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), last.BlockNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TestTimeouts.Long);
        var node = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(RenderNode).ToList();

        Assert.Equal(ours, node);
        Assert.Contains(ours, line => line.Contains("gina=gina-node", StringComparison.Ordinal));
        Assert.Contains(ours, line => line.Contains("hank=hank-node", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v2.5.16-healthchannel-block1049.deliver-with-private-data.pb", "v2.5.16-healthchannel-block1049-addrecord.from-peer-org1.pb")]
    [InlineData("v3.1.5-healthchannel-block439.deliver-with-private-data.pb", "v3.1.5-healthchannel-block439-addrecord.from-peer-org1.pb")]
    public async Task GetBlockAndPrivateDataEventsAsync_WithCollections_SameMessageShapeAsFabricsReference(string file, string peerCopyFile)
    {
        var reference = BlockAndPrivateData.Parser.ParseFrom(ReferenceBytes(file));
        var referencePeerCopy = Protos.Common.Block.Parser.ParseFrom(ReferenceBytes(peerCopyFile));
        await using var setup = await Setup.StartAsync();
        var stored = await setup.StoreAsync("olga", "olga-shape");

        var ours = await BlockAndPrivateDataAsync(setup.NetworkAs("Org1MSP", "Org1MSP"), stored.BlockNumber);

        // Fabric's message: the peer's copy of the block (filter and commit hash filled in) and the map, nothing else
        Assert.Equal(referencePeerCopy, reference.Block);
        Assert.Equal(MetadataShape(reference.Block), MetadataShape(ours.Block));
        Assert.Equal(FieldNumbers(reference).Append(2).Order(), FieldNumbers(ours).Order());
        // the reference network had no collections, so its map is empty; ours holds what the block's hashes commit to
        Assert.Empty(reference.PrivateDataMap);
        var (index, set) = Assert.Single(ours.PrivateDataMap);
        Assert.Equal(TxIndexOf(ours, stored.TransactionId), index);
        var hashes = TxReadWriteSetOf(ours.Block, (int)index).NsRwset.Single(ns => ns.Namespace == "pdc").CollectionHashedRwset.Single();
        var collection = set.NsPvtRwset.Single().CollectionPvtRwset.Single();
        Assert.Equal(hashes.CollectionName, collection.CollectionName);
        Assert.Equal(hashes.PvtRwsetHash.ToByteArray(), System.Security.Cryptography.SHA256.HashData(collection.Rwset.Span));
    }

    private static string MetadataShape(Protos.Common.Block block) => string.Join(",", block.Metadata.Metadata.Take(5).Select(m => m.IsEmpty ? "empty" : "set"));

    /// <summary>The top-level protobuf field numbers present in the serialized message.</summary>
    private static List<int> FieldNumbers(BlockAndPrivateData message)
    {
        var fields = new List<int>();
        var input = new Google.Protobuf.CodedInputStream(message.ToByteArray());
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            var number = Google.Protobuf.WireFormat.GetTagFieldNumber(tag);
            if (!fields.Contains(number))
            {
                fields.Add(number);
            }

            input.SkipLastField();
        }

        return fields;
    }

    private static TxReadWriteSet TxReadWriteSetOf(Protos.Common.Block block, int index)
    {
        var payload = Protos.Common.Payload.Parser.ParseFrom(Protos.Common.Envelope.Parser.ParseFrom(block.Data.Data[index]).Payload);
        var action = ChaincodeActionPayload.Parser.ParseFrom(Transaction.Parser.ParseFrom(payload.Data).Actions[0].Payload).Action;
        return TxReadWriteSet.Parser.ParseFrom(ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload).Extension).Results);
    }

    private static byte[] ReferenceBytes(string file) =>
        File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", file));

    private static async Task<BlockAndPrivateData> BlockAndPrivateDataAsync(INetwork network, ulong blockNumber)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        await foreach (var item in network.GetBlockAndPrivateDataEventsAsync(new BlockEventsOptions { StartBlock = blockNumber }, cts.Token))
        {
            return item;
        }

        throw new InvalidOperationException("the stream ended without a block");
    }

    private static IEnumerable<KVWrite> Writes(TxPvtReadWriteSet set) =>
        set.NsPvtRwset.SelectMany(ns => ns.CollectionPvtRwset).SelectMany(c => KVRWSet.Parser.ParseFrom(c.Rwset).Writes);

    private static List<string> TxIds(BlockAndPrivateData item) =>
        [.. item.Block.Data.Data.Select(d => Protos.Common.ChannelHeader.Parser.ParseFrom(
            Protos.Common.Payload.Parser.ParseFrom(Protos.Common.Envelope.Parser.ParseFrom(d).Payload).Header.ChannelHeader).TxId)];

    private static ulong TxIndexOf(BlockAndPrivateData item, string txId) => (ulong)TxIds(item).IndexOf(txId);

    /// <summary>One line per block: number, tx ids, then each private write as tx:ns/collection:key=value.</summary>
    private static string Render(BlockAndPrivateData item) =>
        $"{item.Block.Header.Number}: {string.Join(",", TxIds(item))} | " + string.Join(";", item.PrivateDataMap.OrderBy(e => e.Key).SelectMany(e =>
            e.Value.NsPvtRwset.SelectMany(ns => ns.CollectionPvtRwset.OrderBy(c => c.CollectionName, StringComparer.Ordinal).SelectMany(c =>
                KVRWSet.Parser.ParseFrom(c.Rwset).Writes.Select(w => $"{e.Key}:{ns.Namespace}/{c.CollectionName}:{w.Key}={(w.IsDelete ? "<deleted>" : w.Value.ToStringUtf8())}")))));

    private static string RenderNode(string line)
    {
        var json = JsonDocument.Parse(line).RootElement;
        var writes = json.GetProperty("privateData").EnumerateArray().SelectMany(entry =>
            entry.GetProperty("writes").EnumerateArray().Select(w =>
                $"{entry.GetProperty("txIndex").GetUInt64()}:{entry.GetProperty("namespace").GetString()}/{entry.GetProperty("collection").GetString()}:{w.GetProperty("key").GetString()}="
                + (w.GetProperty("isDelete").GetBoolean() ? "<deleted>" : w.GetProperty("value").GetString())));
        return $"{json.GetProperty("blockNumber").GetUInt64()}: {string.Join(",", json.GetProperty("txIds").EnumerateArray().Select(t => t.GetString()))} | {string.Join(";", writes)}";
    }
}
