using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Deliver.Internal;

/// <summary>The chain a deliver service reads: a peer's own committed blocks, or the orderer's copy.</summary>
internal interface IDeliverBlockSource
{
    /// <summary>The one channel this source serves.</summary>
    string ChannelId { get; }

    /// <summary>Number of blocks stored now (at least 1, the config block).</summary>
    ulong Height { get; }

    /// <summary>
    /// Blocks from <paramref name="startBlock"/> on, waiting for each one not stored yet. Ends early when the
    /// source closes; throws <see cref="InvalidOperationException"/> when it stopped on an error.
    /// </summary>
    IAsyncEnumerable<Block> ReadBlocksAsync(ulong startBlock, CancellationToken cancellationToken);
}
