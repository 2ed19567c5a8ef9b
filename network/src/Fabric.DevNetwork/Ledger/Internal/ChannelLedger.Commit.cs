using System.Diagnostics;
using Fabric.DevNetwork.Validation.Internal;
using Google.Protobuf;
using Fabric.DevNetwork.Policies;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Committing: validate, persist (flushed), then publish.</summary>
internal sealed partial class ChannelLedger
{
    /// <summary>Fsyncs of this peer's block store since it opened (for tests and benchmarks of grouped commits).</summary>
    internal long StoreFlushes => Store.Flushes;

    /// <summary>
    /// The validation that reads no ledger state (parsing, creator and endorsement signatures, in
    /// parallel over the block's transactions). Safe to run for the next block while the one before
    /// it commits.
    /// </summary>
    public PreparedBlock Prepare(Block block) => IsConfigBlock(block) ? PrepareConfig(block) : _validator.Prepare(block);

    /// <summary>Validates and commits one block; see <see cref="CommitAsync(IReadOnlyList{PreparedBlock}, CancellationToken)"/>.</summary>
    public Task CommitAsync(Block block, CancellationToken cancellationToken) => CommitAsync([Prepare(block)], cancellationToken);

    /// <summary>
    /// Finishes validating consecutive prepared blocks in order (each against the state the ones before
    /// it leave), writes each block's TRANSACTIONS_FILTER and COMMIT_HASH, appends them all to the block
    /// store with one fsync and only then updates state, the tx index and waiters, block by block. A
    /// config block (block 0) is stored with its config transaction VALID.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<PreparedBlock> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var state = _state;
            var previousHash = _currentHash;
            var commitHash = _commitHash;
            var groupTxIds = new HashSet<string>(StringComparer.Ordinal);
            var results = new (BlockValidationResult Result, StateSnapshot State)[blocks.Count];
            for (var b = 0; b < blocks.Count; b++)
            {
                var block = blocks[b].Block;
                if (block.Header.Number != Height + (ulong)b || !block.Header.PreviousHash.Span.SequenceEqual(previousHash))
                {
                    throw new InvalidOperationException(
                        $"Block {block.Header.Number} does not extend the ledger (height {Height + (ulong)b}); the orderer and ledger disagree.");
                }

                var result = IsConfigBlock(block)
                    ? new BlockValidationResult(blocks[b].Codes, blocks[b].Transactions, [])
                    : _validator.Complete(blocks[b], state, txId => _transactions.ContainsKey(txId) || groupTxIds.Contains(txId));
                var filter = result.Codes.Select(c => (byte)c).ToArray();
                block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.CopyFrom(filter);
                if (!IsConfigBlock(block))
                {
                    (block.Metadata.Metadata[(int)BlockMetadataIndex.CommitHash], commitHash) = NextCommitHash(filter, result.Updates, commitHash, state);
                }

                // private data first, flushed, as Fabric's ledger commits its pvtdata store before the block store
                var privateUpdates = IsConfigBlock(block) ? [] : CommitPrivateData(block.Header.Number, result.Transactions, result.Codes, state);
                var blockUpdates = privateUpdates.Count == 0 ? result.Updates : [.. result.Updates, .. privateUpdates];
                var expired = ExpireAt(block.Header.Number, state, blockUpdates);
                state = state.Apply(expired.Count == 0 ? blockUpdates : [.. blockUpdates, .. expired], block.Header.Number + 1);
                results[b] = (result, state);
                groupTxIds.UnionWith(TxIdsIndexed(result));
                previousHash = BlockHashing.HeaderHash(block.Header);
            }

            // nothing is visible before every block of the group is durable
            var storing = Stopwatch.GetTimestamp();
            Store.AppendRange(blocks.Select(p => p.Block).ToArray());
            RecordStore(blocks.Count, storing);
            for (var b = 0; b < blocks.Count; b++)
            {
                var block = blocks[b].Block;
                var (result, next) = results[b];
                TakeCommitHash(block);
                Publish(block, result.Transactions, result.Codes, next, cache: true);
                LogCommitted(_logger, ChannelId, block.Header.Number, result.Codes.Length, result.Codes.Count(c => c == TxValidationCode.Valid));
            }
        }
        finally
        {
            _commitGate.Release();
        }
    }

    private static void RecordStore(int blocks, long started)
    {
        var peer = new KeyValuePair<string, object?>("store", "peer");
        DevNetworkMetrics.StoreFsync.Record(DevNetworkMetrics.Since(started), peer);
        DevNetworkMetrics.StoreGroupBlocks.Record(blocks, peer);
    }

    /// <summary>The tx ids <see cref="Publish"/> puts in the tx index (every one but empty ids and duplicates).</summary>
    private static IEnumerable<string> TxIdsIndexed(BlockValidationResult result) =>
        result.Transactions.Where((t, i) => t.TxId.Length > 0 && result.Codes[i] != TxValidationCode.DuplicateTxid).Select(t => t.TxId);

    /// <summary>Block 0 holds the channel's one config transaction; the dev network takes no config updates after it.</summary>
    private static bool IsConfigBlock(Block block) => block.Header.Number == 0;

    private static PreparedBlock PrepareConfig(Block block)
    {
        var transactions = block.Data.Data.Select(TransactionParser.Parse).ToArray();
        var codes = transactions.Select(t => t.Type == HeaderType.Config ? TxValidationCode.Valid : TxValidationCode.UnknownTxType).ToArray();
        return new PreparedBlock(block, transactions, codes, new List<PolicyIdentity>?[codes.Length]);
    }

    /// <summary>Makes a stored block visible: state, history, tx index, waiters, block readers.</summary>
    private void Publish(Block block, IReadOnlyList<ParsedTransaction> transactions, TxValidationCode[] codes, StateSnapshot state, bool cache)
    {
        var number = block.Header.Number;
        _state = state;
        var commits = new List<TransactionCommit>(transactions.Count);
        for (var i = 0; i < transactions.Count; i++)
        {
            var txId = transactions[i].TxId;
            if (txId.Length == 0 || codes[i] == TxValidationCode.DuplicateTxid)
            {
                continue;
            }

            var commit = new TransactionCommit(txId, codes[i], number, i);
            if (_transactions.TryAdd(txId, commit))
            {
                commits.Add(commit);
            }
        }

        _currentHash = BlockHashing.HeaderHash(block.Header);
        if (cache)
        {
            _recentBlocks[number] = Decode(block, transactions, codes);
            _recentBlocks.TryRemove(number - Math.Min(number, CachedBlocks), out _);
        }

        Volatile.Write(ref _height, (long)number + 1);
        foreach (var commit in commits)
        {
            if (_waiters.TryRemove(commit.TxId, out var waiter))
            {
                waiter.TrySetResult(commit);
            }
        }

        var signal = _newBlock;
        _newBlock = NewSignal();
        signal.TrySetResult();
    }

    [LoggerMessage(EventId = 6104, Level = LogLevel.Debug, Message = "Channel {ChannelId}: committed block {Number} with {Count} transactions ({Valid} valid).")]
    private static partial void LogCommitted(ILogger logger, string channelId, ulong number, int count, int valid);
}
