using System.Runtime.CompilerServices;
using Fabric.DevNetwork.Validation.Internal;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Block reads and the committed-block stream.</summary>
internal sealed partial class ChannelLedger
{
    public async Task<CommittedBlock> GetBlockAsync(ulong number, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, Height);
        if (_recentBlocks.TryGetValue(number, out var cached))
        {
            return cached;
        }

        var block = await Store.ReadAsync(number, cancellationToken).ConfigureAwait(false);
        var filter = block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span;
        var transactions = block.Data.Data.Select(TransactionParser.Parse).ToArray();
        var codes = new TxValidationCode[transactions.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = i < filter.Length ? (TxValidationCode)filter[i] : TxValidationCode.NotValidated;
        }

        return Decode(block, transactions, codes);
    }

    public async IAsyncEnumerable<CommittedBlock> ReadBlocksAsync(ulong startBlock, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = startBlock;
        while (true)
        {
            // take the signal before looking at the height so a commit in between is not missed
            var signal = _newBlock.Task;
            while (next < Height)
            {
                yield return await GetBlockAsync(next, cancellationToken).ConfigureAwait(false);
                next++;
            }

            if (Volatile.Read(ref _disposed) != 0)
            {
                yield break;
            }

            if (_failure is { } failure)
            {
                throw new InvalidOperationException("The channel stopped committing blocks: " + failure.Message, failure);
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static CommittedBlock Decode(Block block, IReadOnlyList<ParsedTransaction> transactions, TxValidationCode[] codes)
    {
        var decoded = new CommittedTransaction[transactions.Count];
        for (var i = 0; i < decoded.Length; i++)
        {
            var transaction = transactions[i];
            decoded[i] = new CommittedTransaction(
                transaction.TxId,
                i,
                codes[i],
                transaction.Type,
                transaction.ChannelHeader?.Timestamp,
                transaction.ChaincodeName,
                codes[i] == TxValidationCode.Valid ? transaction.Event : null);
        }

        return new CommittedBlock(block, decoded);
    }
}
