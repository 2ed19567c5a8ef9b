using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

public sealed class CheckpointerTests
{
    [Fact]
    public void FileCheckpointerOpen_NoFile_HasNoPosition()
    {
        using var directory = new TemporaryDirectory();
        var checkpointer = FileCheckpointer.Open(Path.Combine(directory.Path, "cp.json"));
        Assert.Null(checkpointer.BlockNumber);
        Assert.Null(checkpointer.TransactionId);
    }

    [Fact]
    public async Task FileCheckpointer_CheckpointEventThenReopen_RestoresPosition()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "cp.json");
        await FileCheckpointer.Open(path).CheckpointChaincodeEventAsync(new ChaincodeEvent(12, "tx-a", "cc", "e", ReadOnlyMemory<byte>.Empty));

        var reopened = FileCheckpointer.Open(path);

        Assert.Equal(12UL, reopened.BlockNumber);
        Assert.Equal("tx-a", reopened.TransactionId);
        Assert.Equal(["cp.json"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task FileCheckpointer_CheckpointBlock_ResumesAtNextBlockWithoutTransaction()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "cp.json");
        var checkpointer = FileCheckpointer.Open(path);
        await checkpointer.CheckpointTransactionAsync(4, "tx-b");
        await checkpointer.CheckpointBlockAsync(4);

        var reopened = FileCheckpointer.Open(path);

        Assert.Equal(5UL, reopened.BlockNumber);
        Assert.Null(reopened.TransactionId);
    }

    [Fact]
    public void FileCheckpointerOpen_CorruptFile_ThrowsInvalidDataException()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "cp.json");
        File.WriteAllText(path, "{ torn");
        Assert.Throws<InvalidDataException>(() => FileCheckpointer.Open(path));
    }

    [Fact]
    public async Task FileCheckpointer_ConcurrentCheckpoints_FileHoldsOneWholePosition()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "cp.json");
        var checkpointer = FileCheckpointer.Open(path);

        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() => checkpointer.CheckpointTransactionAsync((ulong)i, $"tx-{i}"))));

        var reopened = FileCheckpointer.Open(path);
        Assert.Equal($"tx-{reopened.BlockNumber}", reopened.TransactionId);
        Assert.Equal(checkpointer.TransactionId, reopened.TransactionId);
    }

    [Fact]
    public async Task InMemoryCheckpointer_CheckpointBlock_MovesToNextBlock()
    {
        var checkpointer = new InMemoryCheckpointer();
        await checkpointer.CheckpointChaincodeEventAsync(new ChaincodeEvent(3, "tx", "cc", "e", ReadOnlyMemory<byte>.Empty));
        Assert.Equal((3UL, "tx"), (checkpointer.BlockNumber!.Value, checkpointer.TransactionId));
        await checkpointer.CheckpointBlockAsync(3);
        Assert.Equal(4UL, checkpointer.BlockNumber);
        Assert.Null(checkpointer.TransactionId);
    }
}
