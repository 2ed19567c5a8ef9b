using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <summary>A <see cref="ConsentGuard"/>'s answer: serve the record or not, and why.</summary>
/// <param name="Allowed">Whether a committed access entry of the requester covers the record and purpose.</param>
/// <param name="Reason">When allowed, the entry's basis (<c>patient</c>, <c>delegate</c>, <c>custodian</c>, <c>consent</c>,
/// <c>break-glass</c>). When denied, the ledger's reason code (<c>consent-revoked</c>, <c>consent-expired</c>, <c>forbidden</c>, ...),
/// <c>no-committed-access</c>, <c>record-not-covered</c> or <c>purpose-mismatch</c>, or the guard's own
/// (<c>invalid-query</c>, <c>query-mismatch</c>, <c>query-expired</c>, <c>query-replayed</c>, <c>bad-signature</c>) when it never asked the ledger.</param>
/// <param name="Basis">The entry's basis when allowed, else null.</param>
/// <param name="ConsentId">The consent the entry was granted under, or null.</param>
/// <param name="Message">A sentence for logs; never holds a location or content hash.</param>
/// <param name="RequesterMspId">The requester's organisation, from the signed query (empty if unreadable).</param>
/// <param name="RequesterId">The requester's identity id (<c>x509::subject::issuer</c>; empty if unreadable).</param>
/// <param name="TransactionId">The query's transaction id (never submitted), or empty.</param>
/// <param name="AccessId">The committed access entry the read is logged under, when allowed.</param>
/// <param name="Record">The ledger's pointer for the record, when allowed: serve the content at its location and check it against its hash.</param>
public sealed record ConsentGuardDecision(
    bool Allowed,
    string Reason,
    string? Basis,
    string? ConsentId,
    string Message,
    string RequesterMspId,
    string RequesterId,
    string TransactionId,
    string? AccessId = null,
    RecordPointer? Record = null);
