using Hyperledger.Fabric.Identity;

namespace Hyperledger.Fabric.Shim.Testing;

/// <summary>What a test sets on one in-memory transaction; anything unset gets a deterministic default.</summary>
public sealed record InMemoryTransactionOptions
{
    /// <summary>The client identity that "signed" the proposal; null means the transaction has no creator.</summary>
    public X509Identity? Creator { get; init; }

    /// <summary>Transient data (private inputs that never reach the ledger).</summary>
    public IReadOnlyDictionary<string, byte[]>? Transient { get; init; }

    /// <summary>The transaction id; default: hex(SHA-256(nonce || creator)) with a nonce derived from a counter. A given id keeps one nonce (and so one binding) each time it is run, like one proposal on several endorsers.</summary>
    public string? TxId { get; init; }

    /// <summary>The proposal timestamp; default: the ledger clock, which advances one second per transaction.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
