using Fabric.DevNetwork.Validation.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Committing: validate, persist (flushed), then publish.</summary>
internal sealed partial class ChannelLedger
{
    /// <summary>
    /// Validates a block cut by the orderer (this peer's own copy: it is changed), writes its
    /// TRANSACTIONS_FILTER and COMMIT_HASH, appends it to the block store with an fsync and only then updates state,
    /// the tx index and waiters. A config block (block 0) is stored with its config transaction VALID.
    /// </summary>
    public async Task CommitAsync(Block block, CancellationToken cancellationToken)
    {
        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (block.Header.Number != Height || !block.Header.PreviousHash.Span.SequenceEqual(_currentHash))
            {
                throw new InvalidOperationException(
                    $"Block {block.Header.Number} does not extend the ledger (height {Height}); the orderer and ledger disagree.");
            }

            var state = _state;
            var result = IsConfigBlock(block) ? ConfigResult(block) : _validator.Validate(block, state, txId => _transactions.ContainsKey(txId));
            var filter = result.Codes.Select(c => (byte)c).ToArray();
            block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter] = ByteString.CopyFrom(filter);
            if (!IsConfigBlock(block))
            {
                block.Metadata.Metadata[(int)BlockMetadataIndex.CommitHash] = NextCommitHash(filter, result.Updates);
            }

            // private data first, flushed, as Fabric's ledger commits its pvtdata store before the block store
            var privateUpdates = IsConfigBlock(block) ? [] : CommitPrivateData(block.Header.Number, result.Transactions, result.Codes, state);
            Store.Append(block);
            TakeCommitHash(block);
            Publish(block, result.Transactions, result.Codes, privateUpdates.Count == 0 ? result.Updates : [.. result.Updates, .. privateUpdates], cache: true);
            LogCommitted(_logger, ChannelId, block.Header.Number, result.Codes.Length, result.Codes.Count(c => c == TxValidationCode.Valid));
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>Block 0 holds the channel's one config transaction; the dev network takes no config updates after it.</summary>
    private static bool IsConfigBlock(Block block) => block.Header.Number == 0;

    private static BlockValidationResult ConfigResult(Block block)
    {
        var transactions = block.Data.Data.Select(TransactionParser.Parse).ToArray();
        var codes = transactions.Select(t => t.Type == HeaderType.Config ? TxValidationCode.Valid : TxValidationCode.UnknownTxType).ToArray();
        return new BlockValidationResult(codes, transactions, []);
    }

    /// <summary>Makes a stored block visible: state, history, tx index, waiters, block readers.</summary>
    private void Publish(Block block, IReadOnlyList<ParsedTransaction> transactions, TxValidationCode[] codes, IReadOnlyList<KeyUpdate> updates, bool cache)
    {
        var number = block.Header.Number;
        _state = _state.Apply(updates, number + 1);
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
