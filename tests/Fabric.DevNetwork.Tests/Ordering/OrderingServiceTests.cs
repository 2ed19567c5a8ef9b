using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ordering;

[Collection(NetworkMaterialCollection.Name)]
public sealed class OrderingServiceTests(NetworkMaterial material)
{
    [Fact]
    public async Task SubmitAsync_MaxMessageCountReached_CutsOneBlockWithAllOfThem()
    {
        await using var harness = await ChannelHarness.StartAsync(material, maxMessageCount: 3, batchTimeout: TimeSpan.FromSeconds(30));
        var envelopes = new List<(Envelope Envelope, string TxId)>();
        for (var i = 0; i < 3; i++)
        {
            envelopes.Add(await harness.NewTransaction().Write($"k{i}", "v").BuildAsync());
        }

        foreach (var (envelope, _) in envelopes)
        {
            await harness.Channel.Orderer.SubmitAsync(envelope);
        }

        // the 30 s timeout cannot have fired: the count cut the block
        var commits = await Task.WhenAll(envelopes.Select(e => harness.Ledger.WaitForCommitAsync(e.TxId))).WithTimeout(TestTimeouts.Short);
        Assert.All(commits, c => Assert.Equal(1UL, c.BlockNumber));
        Assert.Equal([0, 1, 2], commits.Select(c => c.TransactionIndex));
    }

    [Fact]
    public async Task SubmitAsync_FewerThanMaxMessageCount_CutAfterBatchTimeout()
    {
        await using var harness = await ChannelHarness.StartAsync(material, maxMessageCount: 10, batchTimeout: TimeSpan.FromMilliseconds(300));
        var (envelope, txId) = await harness.NewTransaction().Write("k", "v").BuildAsync();
        var started = DateTime.UtcNow;

        await harness.Channel.Orderer.SubmitAsync(envelope);
        var commit = await harness.Ledger.WaitForCommitAsync(txId).WithTimeout(TestTimeouts.Short);

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250), "the block was cut before the batch timeout");
        Assert.Equal(1UL, commit.BlockNumber);
        Assert.Single((await harness.Ledger.GetBlockAsync(1)).Transactions);
    }

    [Fact]
    public async Task SubmitAsync_EnvelopeOverPreferredMaxBytes_GetsABlockOfItsOwn()
    {
        await using var directory = new AsyncTemporaryDirectory();
        var options = ChannelHarness.DefaultOptions(material, directory.Path, maxMessageCount: 10, batchTimeout: TimeSpan.FromSeconds(30))
            with { Batch = new BatchOptions { MaxMessageCount = 10, PreferredMaxBytes = 4096, BatchTimeout = TimeSpan.FromSeconds(30) } };
        await using var channel = await OrderedChannel.OpenAsync(options).WithTimeout();
        var small = await new TestTransaction(material.Org1Client, material.Org1Peer, material.Org2Peer).Write("small", "v").BuildAsync();
        var large = await new TestTransaction(material.Org1Client, material.Org1Peer, material.Org2Peer).Write("large", new string('x', 8000)).BuildAsync();

        await channel.Orderer.SubmitAsync(small.Envelope);
        await channel.Orderer.SubmitAsync(large.Envelope);
        var smallCommit = await channel.Ledger.WaitForCommitAsync(small.TxId).WithTimeout(TestTimeouts.Short);
        var largeCommit = await channel.Ledger.WaitForCommitAsync(large.TxId).WithTimeout(TestTimeouts.Short);

        Assert.Equal(1UL, smallCommit.BlockNumber);
        Assert.Equal(2UL, largeCommit.BlockNumber);
    }

    [Fact]
    public async Task SubmitAsync_OtherChannel_ThrowsOrdererRejectedException()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var transaction = harness.NewTransaction().Write("k", "v");
        transaction.ChannelId = "otherchannel";
        var envelope = await harness.BuildAsync(transaction);

        var error = await Assert.ThrowsAsync<OrdererRejectedException>(() => harness.Channel.Orderer.SubmitAsync(envelope));

        Assert.Equal(Status.NotFound, error.Status);
    }

    [Fact]
    public async Task SubmitAsync_PayloadNotAProtobufMessage_ThrowsBadRequest()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var envelope = new Envelope { Payload = ByteString.CopyFrom(0xFF, 0xFF, 0xFF) };

        var error = await Assert.ThrowsAsync<OrdererRejectedException>(() => harness.Channel.Orderer.SubmitAsync(envelope));

        Assert.Equal(Status.BadRequest, error.Status);
    }

    [Fact]
    public async Task Blocks_FromBlockZero_HashChainAndOrdererSignaturesVerify()
    {
        await using var harness = await ChannelHarness.StartAsync(material, maxMessageCount: 2);
        for (var i = 0; i < 5; i++)
        {
            await harness.SubmitAsync(harness.NewTransaction().Write($"k{i}", "v"));
        }

        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("last", "v"));

        Assert.True(harness.Ledger.Height >= 4);
        await BlockChainVerifier.VerifyAsync(harness.Ledger, material.Orderer.Identity);
    }

    [Fact]
    public async Task ConfigBlock_IsBlockZeroWithOneUnsignedConfigEnvelopeAsConfigtxgenWritesIt()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var genesis = await harness.Ledger.GetBlockAsync(0);

        var transaction = Assert.Single(genesis.Transactions);
        Assert.Equal(HeaderType.Config, transaction.Type);
        Assert.Empty(genesis.Block.Header.PreviousHash);
        var envelope = Envelope.Parser.ParseFrom(genesis.Block.Data.Data[0]);
        // configtxgen's genesis block carries an unsigned envelope whose signature header has a nonce and no creator.
        Assert.True(envelope.Signature.IsEmpty);
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        Assert.True(signatureHeader.Creator.IsEmpty);
        Assert.Equal(24, signatureHeader.Nonce.Length);
        Assert.Equal(0UL, ConfigEnvelope.Parser.ParseFrom(payload.Data).Config.Sequence);
    }
}
