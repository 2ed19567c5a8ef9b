using System.Buffers.Binary;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger;

[Collection(NetworkMaterialCollection.Name)]
public sealed class LedgerDurabilityTests(NetworkMaterial material)
{
    [Fact]
    public async Task OpenAsync_AfterRestart_RecoversStateHistoryAndTxIndex()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var first = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "1"));
        var second = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "2").Write("j", "x"));
        var rejected = await harness.SubmitAndWaitAsync(new TestTransaction(material.Org1Client, material.Org1Peer).Write("k", "bad"));
        var height = harness.Ledger.Height;

        await harness.RestartAsync();

        Assert.Equal(height, harness.Ledger.Height);
        var snapshot = harness.Ledger.GetSnapshot();
        Assert.Equal("2", snapshot.GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
        Assert.Equal(new StateVersion(second.BlockNumber, (ulong)second.TransactionIndex), snapshot.GetState(TestTransaction.Chaincode, "k")!.Version);
        Assert.Equal([second.TxId, first.TxId], snapshot.GetHistory(TestTransaction.Chaincode, "k").Select(h => h.TxId));
        Assert.Equal(first, harness.Ledger.FindTransaction(first.TxId));
        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, harness.Ledger.FindTransaction(rejected.TxId)!.Code);
    }

    [Fact]
    public async Task OpenAsync_AfterRestart_ContinuesTheChain()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "1"));
        await harness.RestartAsync();

        var next = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "2"));

        Assert.Equal(TxValidationCode.Valid, next.Code);
        Assert.Equal(2UL, next.BlockNumber);
        await BlockChainVerifier.VerifyAsync(harness.Ledger, material.Orderer.Identity);
    }

    [Fact]
    public async Task OpenAsync_LastBlockCutShortOnOrdererAndPeer_TruncatesItAndKeepsEarlierBlocks()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var kept = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "kept"));
        var torn = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "torn"));
        var lengthBefore = new FileInfo(harness.BlockFile).Length;

        // a crash of the whole process in the middle of writing the last block leaves only part of it in both copies
        await harness.RestartAsync(path =>
        {
            foreach (var file in new[] { path, harness.OrdererBlockFile })
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
                stream.SetLength(stream.Length - 40);
            }
        });

        Assert.Equal(torn.BlockNumber, harness.Channel.OrdererHeight);
        Assert.Equal(torn.BlockNumber, harness.Ledger.Height);
        Assert.Null(harness.Ledger.FindTransaction(torn.TxId));
        Assert.Equal(kept, harness.Ledger.FindTransaction(kept.TxId));
        Assert.Equal("kept", harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
        Assert.True(new FileInfo(harness.BlockFile).Length < lengthBefore - 40);
        var after = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "after"));
        Assert.Equal(torn.BlockNumber, after.BlockNumber);
        await BlockChainVerifier.VerifyAsync(harness.Ledger, material.Orderer.Identity);
    }

    [Fact]
    public async Task OpenAsync_PeersLastBlockCutShort_TakesItAgainFromTheOrderer()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var torn = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "torn"));

        // the peer's write was cut short; the orderer had stored the block before the peer took it
        await harness.RestartAsync(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
            stream.SetLength(stream.Length - 40);
        });

        Assert.Equal(torn, await harness.Ledger.WaitForCommitAsync(torn.TxId).WithTimeout());
        Assert.Equal("torn", harness.Ledger.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
        Assert.Equal(harness.Channel.OrdererHeight, harness.Ledger.Height);
        await BlockChainVerifier.VerifyAsync(harness.Ledger, material.Orderer.Identity);
    }

    [Fact]
    public async Task OpenAsync_PartialRecordHeaderAtEnd_IsTruncated()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var committed = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "v"));
        var height = harness.Ledger.Height;

        await harness.RestartAsync(path => File.AppendAllBytes(path, "FBK1\x05"u8.ToArray()));

        Assert.Equal(height, harness.Ledger.Height);
        Assert.Equal(committed, harness.Ledger.FindTransaction(committed.TxId));
    }

    [Fact]
    public async Task OpenAsync_ZeroFilledTail_IsTruncated()
    {
        await using var harness = await ChannelHarness.StartAsync(material);
        var committed = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "v"));
        var length = new FileInfo(harness.BlockFile).Length;

        // a file system can extend a file before the data lands: the tail reads back as zeros
        await harness.RestartAsync(path => File.AppendAllBytes(path, new byte[4096]));

        Assert.Equal(committed, harness.Ledger.FindTransaction(committed.TxId));
        Assert.Equal(length, new FileInfo(harness.BlockFile).Length);
        Assert.Equal(TxValidationCode.Valid, (await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "w"))).Code);
    }

    [Fact]
    public async Task OpenAsync_CorruptBlockBeforeTheLast_ThrowsLedgerCorruptedException()
    {
        await using var directory = new AsyncTemporaryDirectory();
        var options = ChannelHarness.DefaultOptions(material, directory.Path);
        await using (var channel = await OrderedChannel.OpenAsync(options).WithTimeout())
        {
            foreach (var value in new[] { "1", "2" })
            {
                var (envelope, txId) = await new TestTransaction(material.Org1Client, material.Org1Peer, material.Org2Peer).Write("k", value).BuildAsync();
                await channel.Orderer.SubmitAsync(envelope);
                await channel.Ledger.WaitForCommitAsync(txId).WithTimeout();
            }
        }

        var path = Path.Combine(directory.Path, "blocks.dat");
        var bytes = await File.ReadAllBytesAsync(path);
        var block1 = 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        bytes[block1 + 16 + 10] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<LedgerCorruptedException>(() => OrderedChannel.OpenAsync(options).WithTimeout());
        Assert.Contains("block 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForCommitAsync_ReturnsOnlyAfterBlockIsInTheFile()
    {
        await using var harness = await ChannelHarness.StartAsync(material);

        var commit = await harness.SubmitAndWaitAsync(harness.NewTransaction().Write("k", "v"));

        // an independent reader of the file sees the block as soon as the status is reported
        var blocks = BlockFileReader.ReadAll(harness.BlockFile);
        Assert.True((ulong)blocks.Count > commit.BlockNumber);
        Assert.Equal(commit.BlockNumber, blocks[(int)commit.BlockNumber].Header.Number);
    }
}
