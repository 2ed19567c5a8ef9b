using System.Text;
using System.Text.Json;
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
