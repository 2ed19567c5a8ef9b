using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// A block as the committing peer stores it (TRANSACTIONS_FILTER filled in), with its transactions
/// decoded. Treat <see cref="Block"/> as read-only: it is shared between readers.
/// </summary>
/// <param name="Block">The stored block.</param>
/// <param name="Transactions">Its transactions in block order.</param>
public sealed record CommittedBlock(Block Block, IReadOnlyList<CommittedTransaction> Transactions)
{
    /// <summary>The block number.</summary>
    public ulong Number => Block.Header.Number;
}
