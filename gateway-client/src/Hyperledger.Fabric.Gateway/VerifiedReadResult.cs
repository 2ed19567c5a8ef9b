namespace Hyperledger.Fabric.Gateway;

/// <summary>The result of a verifiable read, with the endorsements that vouch for it.</summary>
/// <param name="TransactionId">The read's transaction id (never submitted).</param>
/// <param name="Result">The chaincode's response payload, identical for every endorser.</param>
/// <param name="Endorsers">Every endorser, each checked; at least as many organisations as the options asked for.</param>
public sealed record VerifiedReadResult(string TransactionId, ReadOnlyMemory<byte> Result, IReadOnlyList<Endorser> Endorsers)
{
    /// <summary>The distinct organisations (MSP ids) that endorsed.</summary>
    public IReadOnlyList<string> Organizations => Endorsers.Select(e => e.MspId).Distinct(StringComparer.Ordinal).ToList();
}
