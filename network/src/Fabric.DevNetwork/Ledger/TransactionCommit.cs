using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Ledger;

/// <summary>Where a transaction was committed and the validation code it received.</summary>
/// <param name="TxId">The transaction id.</param>
/// <param name="Code">Its validation code (<see cref="TxValidationCode.Valid"/> when its writes were applied).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="TransactionIndex">Its index within the block.</param>
public sealed record TransactionCommit(string TxId, TxValidationCode Code, ulong BlockNumber, int TransactionIndex);
