using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway;

/// <summary>The commit status of a transaction: its validation code and the block it was committed in.</summary>
/// <param name="TransactionId">The transaction's id.</param>
/// <param name="Code">The validation code; <see cref="TxValidationCode.Valid"/> when its writes were applied.</param>
/// <param name="BlockNumber">The block that holds the transaction.</param>
public sealed record CommitStatus(string TransactionId, TxValidationCode Code, ulong BlockNumber)
{
    /// <summary>Whether the transaction committed successfully (<see cref="TxValidationCode.Valid"/>).</summary>
    public bool Successful => Code == TxValidationCode.Valid;
}
