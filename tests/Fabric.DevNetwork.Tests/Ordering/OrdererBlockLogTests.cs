using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Ordering.Internal;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ordering;

/// <summary>The orderer's block log stores a group of blocks with one fsync and delivers none of them before it.</summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class OrdererBlockLogTests(NetworkMaterial material)
{
    [Fact]
    public async Task AppendRangeAsync_ThreeBlocks_OneFsyncThenReadersGetAllThree()
    {
        using var directory = new TemporaryDirectory();
        var options = ChannelHarness.DefaultOptions(material, directory.Path);
        await using var log = await OrdererBlockLog.OpenAsync(directory.Path, options, NullLogger.Instance, CancellationToken.None).WithTimeout();
        var flushesBefore = log.StoreFlushes;

        var group = await ChainAsync(log, options, 3);
        await log.AppendRangeAsync(group, CancellationToken.None).WithTimeout();

        Assert.Equal(1, log.StoreFlushes - flushesBefore);
        Assert.Equal(4UL, log.Height);
        var read = new List<Block>();
        await foreach (var block in log.ReadBlocksAsync(1))
        {
            read.Add(block);
            if (read.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(group.Select(b => b.Header.Number), read.Select(b => b.Header.Number));
        Assert.Equal(BlockHashing.HeaderHash(group[2].Header), log.CurrentBlockHash.ToArray());
    }

    [Fact]
    public async Task AppendRangeAsync_SecondBlockDoesNotExtendTheFirst_StoresNoneOfTheGroup()
    {
        using var directory = new TemporaryDirectory();
        var options = ChannelHarness.DefaultOptions(material, directory.Path);
        await using var log = await OrdererBlockLog.OpenAsync(directory.Path, options, NullLogger.Instance, CancellationToken.None).WithTimeout();
        var group = await ChainAsync(log, options, 3);
        group[1] = await BlockFactory.CreateBlockAsync(2, ByteString.CopyFrom(new byte[32]), [ByteString.CopyFromUtf8("x")], options, CancellationToken.None);
        var flushesBefore = log.StoreFlushes;

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendRangeAsync(group, CancellationToken.None).WithTimeout());

        Assert.Equal(1UL, log.Height);
        Assert.Equal(0, log.StoreFlushes - flushesBefore);
    }

    [Fact]
    public async Task OpenAsync_GroupTornBetweenWriteAndFsync_KeepsEveryDeliveredBlockAndTheGroupsWholeOnes()
    {
        using var directory = new TemporaryDirectory();
        var options = ChannelHarness.DefaultOptions(material, directory.Path);
        var file = Path.Combine(directory.Path, "blocks.dat");
        byte[] deliveredHash;
        await using (var log = await OrdererBlockLog.OpenAsync(directory.Path, options, NullLogger.Instance, CancellationToken.None).WithTimeout())
        {
            await log.AppendRangeAsync(await ChainAsync(log, options, 2), CancellationToken.None).WithTimeout();
            deliveredHash = log.CurrentBlockHash.ToArray();
            await log.AppendRangeAsync(await ChainAsync(log, options, 3), CancellationToken.None).WithTimeout();
        }

        // the crash: the second group (blocks 3 to 5) only part-written, its third block torn, before its fsync
        var blocks = BlockFileReader.ReadAll(file);
        var keep = blocks.Take(5).Sum(b => 16L + b.CalculateSize());
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.SetLength(keep + 16 + (blocks[5].CalculateSize() / 2));
        }

        await using var reopened = await OrdererBlockLog.OpenAsync(directory.Path, options, NullLogger.Instance, CancellationToken.None).WithTimeout();
        Assert.Equal(5UL, reopened.Height);
        Assert.Equal(deliveredHash, BlockHashing.HeaderHash((await reopened.GetBlockAsync(2, CancellationToken.None).WithTimeout()).Header));
        Assert.Equal(BlockHashing.HeaderHash(blocks[4].Header), reopened.CurrentBlockHash.ToArray());
    }

    /// <summary><paramref name="count"/> signed blocks that extend <paramref name="log"/>'s chain, each from the one before.</summary>
    private static async Task<List<Block>> ChainAsync(OrdererBlockLog log, OrderedChannelOptions options, int count)
    {
        var blocks = new List<Block>();
        var previous = ByteString.CopyFrom(log.CurrentBlockHash.Span);
        for (var i = 0; i < count; i++)
        {
            var block = await BlockFactory.CreateBlockAsync(log.Height + (ulong)i, previous, [ByteString.CopyFromUtf8($"envelope {i}")], options, CancellationToken.None);
            blocks.Add(block);
            previous = ByteString.CopyFrom(BlockHashing.HeaderHash(block.Header));
        }

        return blocks;
    }
}
