using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Tests.Ledger.Support;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger;

[Collection(NetworkMaterialCollection.Name)]
public sealed class LedgerQueryTests(NetworkMaterial material)
{
    private const string Ns = TestTransaction.Chaincode;

    [Fact]
    public async Task GetHistory_WritesAndDelete_NewestFirstWithTxIdsAndDeleteFlag()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var v1 = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "v1"));
        var v2 = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "v2"));
        var deleted = await harness.SubmitAndWaitAsync(harness.NewTransaction().Delete("k"));

        var history = harness.Ledger.GetSnapshot().GetHistory(Ns, "k");

        Assert.Equal([deleted.TxId, v2.TxId, v1.TxId], history.Select(h => h.TxId));
        Assert.Equal([true, false, false], history.Select(h => h.IsDelete));
        Assert.Equal(["", "v2", "v1"], history.Select(h => h.Value.ToStringUtf8()));
        Assert.All(history, h => Assert.True(h.Timestamp.Seconds > 0));
        Assert.Null(harness.Ledger.GetSnapshot().GetState(Ns, "k"));
    }

    [Fact]
    public async Task GetStateRange_StartInclusiveEndExclusive_InKeyOrder()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("b", "2").Write("a", "1").Write("d", "4").Write("c", "3"));

        var snapshot = harness.Ledger.GetSnapshot();

        Assert.Equal(["b", "c"], snapshot.GetStateRange(Ns, "b", "d").Select(e => e.Key));
        Assert.Equal(["a", "b", "c", "d"], snapshot.GetStateRange(Ns, "", "").Select(e => e.Key));
        Assert.Empty(snapshot.GetStateRange("othercc", "", ""));
    }

    [Fact]
    public async Task GetStateRange_CharactersOutsideTheBmp_OrderedByUtf8BytesLikeFabric()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        // UTF-8: U+FFFD (EF BF BD) < U+1F600 (F0 9F 98 80); UTF-16 ordinal would put the emoji first
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("x\U0001F600", "emoji").Write("x\uFFFD", "replacement"));

        var keys = harness.Ledger.GetSnapshot().GetStateRange(Ns, "x", "x\U0010FFFF").Select(e => e.Key).ToList();
        Assert.Equal(["x\uFFFD", "x\U0001F600"], keys);
    }

    [Fact]
    public async Task GetStateRange_CompositeKeyPrefix_ReturnsOnlyThatObjectType()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        await harness.SubmitAndWaitAsync(harness.NewTransaction()
            .Write("\u0000consent\u0000pt-1\u0000c1\u0000", "a")
            .Write("\u0000consent\u0000pt-2\u0000c2\u0000", "b")
            .Write("\u0000record\u0000pt-1\u0000r1\u0000", "c")
            .Write("plain", "d"));

        var entries = harness.Ledger.GetSnapshot().GetStateRange(Ns, "\u0000consent\u0000", "\u0000consent\u0000\U0010FFFF").ToList();

        Assert.Equal(["a", "b"], entries.Select(e => e.Value.Value.ToStringUtf8()));
    }

    [Fact]
    public async Task GetSnapshot_LaterCommit_DoesNotChangeAnEarlierSnapshot()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "old").Write("r1", "x"));
        var before = harness.Ledger.GetSnapshot();
        var range = before.GetStateRange(Ns, "r", "s");

        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "new").Write("r2", "y"));

        Assert.Equal("old", before.GetState(Ns, "k")!.Value.ToStringUtf8());
        Assert.Equal(["r1"], range.Select(e => e.Key));
        Assert.Single(before.GetHistory(Ns, "k"));
        Assert.Equal("new", harness.Ledger.GetSnapshot().GetState(Ns, "k")!.Value.ToStringUtf8());
        Assert.Equal(before.Height + 1, harness.Ledger.GetSnapshot().Height);
    }

    [Fact]
    public async Task ReadBlocksAsync_FromZero_ReplaysThenFollowsNewBlocks()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var first = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "1"));
        using var cancel = new CancellationTokenSource(TestTimeouts.Long);
        var received = new List<CommittedBlock>();
        var live = harness.NewTransaction().Write("k", "2");

        await foreach (var block in harness.Ledger.ReadBlocksAsync(0, cancel.Token))
        {
            received.Add(block);
            if (block.Number == first.BlockNumber)
            {
                await harness.SubmitAsync(live);
            }

            if (block.Transactions.Any(t => t.Code == Hyperledger.Fabric.Protos.Peer.TxValidationCode.Valid && t.TxId != first.TxId && block.Number > first.BlockNumber))
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, received.Count).Select(i => (ulong)i), received.Select(b => b.Number));
        Assert.Equal(first.TxId, received[(int)first.BlockNumber].Transactions[0].TxId);
        Assert.True(received.Count >= 3);
    }

    [Fact]
    public async Task ReadBlocksAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var block in harness.Ledger.ReadBlocksAsync(5, cancel.Token))
            {
                Assert.Fail($"block {block.Number} does not exist yet");
            }
        }).WithTimeout(TestTimeouts.Short);
    }

    [Fact]
    public async Task WaitForCommitAsync_BeforeSubmit_CompletesWhenCommitted()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var (envelope, txId) = await harness.NewTransaction().Write("k", "v").BuildAsync();

        var waiting = harness.Ledger.WaitForCommitAsync(txId);
        Assert.False(waiting.IsCompleted);
        await harness.Channel.Orderer.SubmitAsync(envelope);

        var commit = await waiting.WithTimeout();
        Assert.Equal(txId, commit.TxId);
        Assert.Equal(commit, harness.Ledger.FindTransaction(txId));
    }
}
