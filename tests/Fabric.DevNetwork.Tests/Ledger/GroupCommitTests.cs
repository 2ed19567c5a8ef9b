using System.Diagnostics;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ledger;

/// <summary>
/// A peer that finds several blocks waiting commits them as a group: validated one after the other
/// (each against the state the ones before it leave), written with one fsync, then published. The
/// outcome must be exactly the block-by-block outcome of the other peer.
/// </summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class GroupCommitTests(NetworkMaterial material)
{
    private const string Org1 = "peer0.org1.example.com";
    private const string Org2 = "peer0.org2.example.com";
    private const int Filter = (int)BlockMetadataIndex.TransactionsFilter;
    private const int CommitHash = (int)BlockMetadataIndex.CommitHash;

    [Fact]
    public async Task Committer_FiveBlocksWaiting_CommitsThemWithOneFsyncAndTheOtherPeersOutcome()
    {
        using var directory = new TemporaryDirectory();
        var options = TwoPeers(directory.Path);
        await using var channel = await OrderedChannel.OpenAsync(options).WithTimeout();
        var org2 = (ChannelLedger)channel.GetLedger(Org2);
        channel.GetCommitFaults(Org2).Pause();
        var start = channel.OrdererHeight;

        // each block depends on an earlier one of the same group: a read conflict, a duplicate tx id, a read that holds
        var (first, firstTxId) = await NewTransaction().Write("k", "a").BuildAsync();
        await SubmitAndWaitOnOrg1Async(channel, first, firstTxId);
        var conflict = await SubmitAndWaitOnOrg1Async(channel, NewTransaction().Read("k", null).Write("k", "b"));
        await channel.Orderer.SubmitAsync(first);
        await channel.GetLedger(Org1).WaitForHeightAsync(start + 3).WithTimeout();
        var written = await SubmitAndWaitOnOrg1Async(channel, NewTransaction().Write("k2", "c"));
        var commit = channel.GetLedger(Org1).FindTransaction(written)!;
        var holds = await SubmitAndWaitOnOrg1Async(channel, NewTransaction().Read("k2", (commit.BlockNumber, (ulong)commit.TransactionIndex)).Write("k3", "d"));

        await WaitUntilAsync(() => channel.GetWaitingBlocks(Org2) == 5);
        var flushesBefore = org2.StoreFlushes;
        channel.GetCommitFaults(Org2).Resume();
        await org2.WaitForHeightAsync(start + 5).WithTimeout();

        Assert.Equal(1, org2.StoreFlushes - flushesBefore);
        TxValidationCode[] expected = [TxValidationCode.Valid, TxValidationCode.MvccReadConflict, TxValidationCode.DuplicateTxid, TxValidationCode.Valid, TxValidationCode.Valid];
        for (var i = 0UL; i < 5; i++)
        {
            var org1Copy = (await channel.GetLedger(Org1).GetBlockAsync(start + i).WithTimeout()).Block;
            var org2Copy = (await org2.GetBlockAsync(start + i).WithTimeout()).Block;
            Assert.Equal(new[] { (byte)expected[i] }, org2Copy.Metadata.Metadata[Filter].ToByteArray());
            Assert.Equal(org1Copy.Metadata.Metadata[Filter], org2Copy.Metadata.Metadata[Filter]);
            Assert.Equal(org1Copy.Metadata.Metadata[CommitHash], org2Copy.Metadata.Metadata[CommitHash]);
        }

        Assert.Equal(TxValidationCode.MvccReadConflict, org2.FindTransaction(conflict)!.Code);
        Assert.Equal(start, org2.FindTransaction(firstTxId)!.BlockNumber);
        Assert.Equal(TxValidationCode.Valid, org2.FindTransaction(holds)!.Code);
        Assert.Equal("a", org2.GetSnapshot().GetState(TestTransaction.Chaincode, "k")!.Value.ToStringUtf8());
        Assert.Equal("d", org2.GetSnapshot().GetState(TestTransaction.Chaincode, "k3")!.Value.ToStringUtf8());
        await BlockChainVerifier.VerifyAsync(org2, material.Orderer.Identity);
    }

    [Fact]
    public async Task OpenAsync_GroupWriteTornInItsThirdBlock_KeepsTheWholeBlocksAndTakesTheRestFromTheOrderer()
    {
        using var directory = new TemporaryDirectory();
        var options = TwoPeers(directory.Path);
        var org2File = Path.Combine(directory.Path, "org2", "blocks.dat");
        ulong start;
        ByteString lastCommitHash;
        await using (var channel = await OrderedChannel.OpenAsync(options).WithTimeout())
        {
            channel.GetCommitFaults(Org2).Pause();
            start = channel.OrdererHeight;
            for (var i = 0; i < 5; i++)
            {
                await SubmitAndWaitOnOrg1Async(channel, NewTransaction().Write($"k{i}", $"v{i}"));
            }

            await WaitUntilAsync(() => channel.GetWaitingBlocks(Org2) == 5);
            channel.GetCommitFaults(Org2).Resume();
            await channel.GetLedger(Org2).WaitForHeightAsync(start + 5).WithTimeout();
            lastCommitHash = (await channel.GetLedger(Org1).GetBlockAsync(start + 4).WithTimeout()).Block.Metadata.Metadata[CommitHash];
        }

        // a crash during the group's one write: blocks start and start+1 whole, start+2 torn, the rest never written
        var blocks = BlockFileReader.ReadAll(org2File);
        var keep = blocks.Take((int)start + 2).Sum(b => 16L + b.CalculateSize());
        using (var stream = new FileStream(org2File, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.SetLength(keep + 16 + (blocks[(int)start + 2].CalculateSize() / 2));
        }

        await using var reopened = await OrderedChannel.OpenAsync(options).WithTimeout();
        var org2 = reopened.GetLedger(Org2);
        await org2.WaitForHeightAsync(start + 5).WithTimeout();
        Assert.Equal(lastCommitHash, (await org2.GetBlockAsync(start + 4).WithTimeout()).Block.Metadata.Metadata[CommitHash]);
        Assert.Equal("v4", org2.GetSnapshot().GetState(TestTransaction.Chaincode, "k4")!.Value.ToStringUtf8());
        await BlockChainVerifier.VerifyAsync(org2, material.Orderer.Identity);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TestTimeouts.Long, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }

    private static async Task SubmitAndWaitOnOrg1Async(OrderedChannel channel, Envelope envelope, string txId)
    {
        await channel.Orderer.SubmitAsync(envelope);
        await channel.GetLedger(Org1).WaitForCommitAsync(txId).WithTimeout();
    }

    private async Task<string> SubmitAndWaitOnOrg1Async(OrderedChannel channel, TestTransaction transaction)
    {
        var (envelope, txId) = await transaction.BuildAsync();
        await SubmitAndWaitOnOrg1Async(channel, envelope, txId);
        return txId;
    }

    private TestTransaction NewTransaction() => new(material.Org1Client, material.Org1Peer, material.Org2Peer);

    /// <summary>Two peers, one transaction per block, so each submission is a block of its own.</summary>
    private OrderedChannelOptions TwoPeers(string root) => ChannelHarness.DefaultOptions(material, Path.Combine(root, "channel"), maxMessageCount: 1) with
    {
        Peers =
        [
            new PeerLedgerOptions { Name = Org1, DataDirectory = Path.Combine(root, "org1") },
            new PeerLedgerOptions { Name = Org2, DataDirectory = Path.Combine(root, "org2") },
        ],
    };
}
