using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// The transaction was ordered into a block but failed validation (for example
/// <see cref="TxValidationCode.MvccReadConflict"/> or <see cref="TxValidationCode.EndorsementPolicyFailure"/>):
/// its writes were not applied.
/// </summary>
public sealed class CommitException : Exception
{
    /// <summary>Creates the exception from a commit status.</summary>
    /// <param name="status">The unsuccessful status.</param>
    public CommitException(CommitStatus status)
        : base($"Transaction {status?.TransactionId} failed to commit in block {status?.BlockNumber} with status code {(int?)status?.Code} ({status?.Code})")
    {
        ArgumentNullException.ThrowIfNull(status);
        CommitStatus = status;
    }

    /// <summary>The full status.</summary>
    public CommitStatus CommitStatus { get; }

    /// <summary>The transaction's id.</summary>
    public string TransactionId => CommitStatus.TransactionId;

    /// <summary>The validation code the committing peer gave the transaction.</summary>
    public TxValidationCode Code => CommitStatus.Code;

    /// <summary>The block the transaction is in.</summary>
    public ulong BlockNumber => CommitStatus.BlockNumber;
}
