namespace HealthRecords.Client.OffChain;

/// <summary>
/// A custodian's content store that serves a blob only against a committed access entry: each request carries
/// the requester's signed <c>ReadAccessedRecords</c> query, the <see cref="ConsentGuard"/> asks the ledger, and
/// only an allowed decision opens the blob its pointer names, checked against the pointer's hash and size. So
/// every byte served is covered by an entry already in the patient's log.
/// </summary>
/// <param name="store">The blobs (the guard's pointers must name <c>cas://sha256/</c> locations in it).</param>
/// <param name="guard">The guard that asks the ledger.</param>
public sealed class GuardedContentStore(ContentAddressedStore store, ConsentGuard guard)
{
    /// <summary>Serves record <paramref name="recordId"/>'s content to the signer of <paramref name="query"/>, if a committed entry of theirs covers it.</summary>
    /// <param name="query">The requester's signed query for its committed access entry.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="recordId">The record asked for.</param>
    /// <param name="purpose">The purpose the requester declared.</param>
    /// <param name="cancellationToken">Cancels the ledger call and the read.</param>
    /// <returns>The decision and, only when allowed, the content bytes (as stored: an envelope stays encrypted).</returns>
    /// <exception cref="ContentIntegrityException">The stored blob does not match the ledger's hash or size.</exception>
    /// <exception cref="HealthRecordsException">The chaincode failed other than by refusing.</exception>
    /// <exception cref="Hyperledger.Fabric.Gateway.GatewayException">The ledger could not be asked.</exception>
    public async Task<GuardedContent> ServeAsync(
        AccessQuery query, string patientId, string recordId, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(guard);
        var decision = await guard.AuthorizeReadAsync(query, patientId, recordId, purpose, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed || decision.Record is not { } record)
        {
            return new GuardedContent(decision, null);
        }

        var bytes = await store.ReadAllBytesAsync(record.Location, cancellationToken).ConfigureAwait(false);
        if (!ContentHash.Matches(bytes, record.ContentHash) || bytes.LongLength != record.Size)
        {
            throw new ContentIntegrityException(record.ContentHash, ContentHash.Compute(bytes), $"The blob of record {record.RecordId} does not match its pointer's hash and size.");
        }

        return new GuardedContent(decision, bytes);
    }
}
