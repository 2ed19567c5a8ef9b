namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// A verifiable read's endorsements could not be trusted: a signature does not verify, an endorser's
/// certificate does not chain to its organisation's CA, the response does not answer our proposal, or
/// too few organisations endorsed. The result must not be used.
/// </summary>
public sealed class VerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionId">The read's transaction id.</param>
    /// <param name="message">What failed.</param>
    public VerificationException(string transactionId, string message)
        : base($"Verifiable read {transactionId} rejected: {message}")
    {
        TransactionId = transactionId;
        Reason = message;
    }

    /// <summary>The read's (never submitted) transaction id.</summary>
    public string TransactionId { get; }

    /// <summary>What failed, without the transaction id prefix.</summary>
    public string Reason { get; }
}
