namespace HealthRecords.Client;

/// <summary>A <see cref="ConsentGuard"/>'s answer: serve the record or not, and why.</summary>
/// <param name="Allowed">Whether the requester may read the record for the purpose.</param>
/// <param name="Reason">The ledger's reason code (<c>consent</c>, <c>consent-expired</c>, <c>no-consent</c>, ...), or the guard's own
/// (<c>invalid-query</c>, <c>query-mismatch</c>, <c>query-expired</c>, <c>query-replayed</c>, <c>bad-signature</c>) when it never asked the ledger.</param>
/// <param name="Basis">The allowing rule (<c>patient</c>, <c>delegate</c>, <c>custodian</c>, <c>consent</c>) or null.</param>
/// <param name="ConsentId">The deciding (or closest) consent, or null.</param>
/// <param name="Message">A sentence for logs.</param>
/// <param name="RequesterMspId">The requester's organisation, from the signed query (empty if unreadable).</param>
/// <param name="RequesterId">The requester's identity id (<c>x509::subject::issuer</c>; empty if unreadable).</param>
/// <param name="TransactionId">The query's transaction id (never submitted), or empty.</param>
public sealed record ConsentGuardDecision(
    bool Allowed, string Reason, string? Basis, string? ConsentId, string Message, string RequesterMspId, string RequesterId, string TransactionId);
