using Fabric.DevNetwork.Validation.Internal;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Rebuilding state from stored blocks, trusting each block's TRANSACTIONS_FILTER.</summary>
internal sealed partial class ChannelLedger
{
    /// <summary>Checks one stored block against the chain so far and re-applies its valid writes.</summary>
    private void Recover(Block block)
    {
        var expected = Height;
        if (block.Header is null || block.Data is null)
        {
            throw new LedgerCorruptedException($"Block {expected} in {_store?.Path ?? "the block store"} has no header or data.");
        }

        if (block.Header.Number != expected)
        {
            throw new LedgerCorruptedException($"Block store holds block {block.Header.Number} where block {expected} belongs.");
        }

        if (!block.Header.PreviousHash.Span.SequenceEqual(_currentHash))
        {
            throw new LedgerCorruptedException(
                $"Hash chain broken at block {expected}: its previous_hash does not match the header hash of block {expected - Math.Min(expected, 1)}.");
        }

        if (!block.Header.DataHash.Span.SequenceEqual(BlockHashing.DataHash(block.Data)))
        {
            throw new LedgerCorruptedException($"Block {expected}: data_hash does not match its transactions.");
        }

        var filter = block.Metadata?.Metadata.Count > (int)BlockMetadataIndex.TransactionsFilter
            ? block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span
            : [];
        var count = block.Data.Data.Count;
        if (filter.Length != count)
        {
            throw new LedgerCorruptedException($"Block {expected}: TRANSACTIONS_FILTER has {filter.Length} entries for {count} transactions.");
        }

        var transactions = new ParsedTransaction[count];
        var codes = new TxValidationCode[count];
        var updates = new List<KeyUpdate>();
        for (var i = 0; i < count; i++)
        {
            transactions[i] = TransactionParser.Parse(block.Data.Data[i]);
            codes[i] = (TxValidationCode)filter[i];
            if (codes[i] == TxValidationCode.Valid && transactions[i].Type == HeaderType.EndorserTransaction)
            {
                updates.AddRange(UpdateBuilder.ForTransaction(transactions[i], expected, i));
            }
        }

        updates.AddRange(RecoverPrivateData(expected, transactions, codes, _recoveredMissing));
        updates.AddRange(ExpireAt(expected, _state, updates));
        TakeCommitHash(block);
        Publish(block, transactions, codes, _state.Apply(updates, expected + 1), cache: false);
    }
}
