using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// One peer's committed ledger of one channel: block store, world state, key history and tx index.
/// Blocks reach it only from the ordering service, through the peer's own validation and commit;
/// each peer has its own, and one may be behind another.
/// </summary>
/// <remarks>
/// A transaction's commit is reported (<see cref="WaitForCommitAsync"/>, <see cref="FindTransaction"/>,
/// <see cref="ReadBlocksAsync"/>) only after its block has been written and flushed to disk.
/// </remarks>
public interface IChannelLedger
{
    /// <summary>The channel id, for example <c>healthchannel</c>.</summary>
    string ChannelId { get; }

    /// <summary>Number of committed blocks (= number of the next block). At least 1 (the config block).</summary>
    ulong Height { get; }

    /// <summary>The header hash of the last committed block (Fabric's <c>BlockchainInfo.currentBlockHash</c>).</summary>
    ReadOnlyMemory<byte> CurrentBlockHash { get; }

    /// <summary>A consistent view of the state at the current height, for simulation and queries.</summary>
    ILedgerSnapshot GetSnapshot();

    /// <summary>The commit of <paramref name="txId"/>, or null when no committed block holds it yet.</summary>
    TransactionCommit? FindTransaction(string txId);

    /// <summary>
    /// Completes when <paramref name="txId"/> is committed (immediately if it already is), with its
    /// validation code and block number. Waits without limit: pass a token with a deadline.
    /// Throws <see cref="ObjectDisposedException"/> when the channel closes first and
    /// <see cref="InvalidOperationException"/> when ordering stopped on an error.
    /// </summary>
    Task<TransactionCommit> WaitForCommitAsync(string txId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when this ledger's height reaches <paramref name="height"/> (immediately if it has).
    /// Waits without limit: pass a token with a deadline. Throws like <see cref="WaitForCommitAsync"/>.
    /// </summary>
    Task WaitForHeightAsync(ulong height, CancellationToken cancellationToken = default);

    /// <summary>Reads committed block <paramref name="number"/> from the block store.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> &gt;= <see cref="Height"/>.</exception>
    Task<CommittedBlock> GetBlockAsync(ulong number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Committed blocks from <paramref name="startBlock"/> on, in order, then each new block as it
    /// commits. Cancelling the token throws <see cref="OperationCanceledException"/>; disposing the
    /// channel ends the sequence; if ordering stopped on an error it throws
    /// <see cref="InvalidOperationException"/>. A start beyond the height waits for that block.
    /// Leaving the loop ends the subscription.
    /// </summary>
    IAsyncEnumerable<CommittedBlock> ReadBlocksAsync(ulong startBlock, CancellationToken cancellationToken = default);
}
