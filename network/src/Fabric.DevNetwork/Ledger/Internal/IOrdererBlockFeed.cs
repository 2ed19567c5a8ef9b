using Fabric.DevNetwork.Ordering.Internal;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Where a peer's committer takes the orderer's blocks from: the orderer's Deliver over the wire, or its log in process.</summary>
internal interface IOrdererBlockFeed : IAsyncDisposable
{
    /// <summary>
    /// Blocks from <paramref name="startBlock"/> on, in order without gaps or repeats, waiting for each new
    /// one. Ends when the orderer closes; throws when it stopped for good. <paramref name="previousHeaderHash"/>
    /// is the header hash of the block before <paramref name="startBlock"/> (null for the genesis block), which
    /// the first block must chain to.
    /// </summary>
    IAsyncEnumerable<Block> ReadBlocksAsync(ulong startBlock, byte[]? previousHeaderHash, CancellationToken cancellationToken);
}

/// <summary>The orderer's block log read in process (a channel without an orderer endpoint).</summary>
internal sealed class InProcessBlockFeed(OrdererBlockLog log) : IOrdererBlockFeed
{
    // The orderer's own log in this process: nothing between it and the peer to tamper with a block.
    public IAsyncEnumerable<Block> ReadBlocksAsync(ulong startBlock, byte[]? previousHeaderHash, CancellationToken cancellationToken) =>
        log.ReadBlocksAsync(startBlock, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
