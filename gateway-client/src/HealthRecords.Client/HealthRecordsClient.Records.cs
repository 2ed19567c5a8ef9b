using HealthRecords.Client.Internal;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <content>Record pointers.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>
    /// Submits <c>AddRecord</c>: a pointer to off-chain content (location, SHA-256, size, media type). The
    /// caller's organisation becomes the custodian. With a root store, the new history root is checked.
    /// </summary>
    /// <param name="request">The pointer.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The stored pointer and its history position.</returns>
    /// <exception cref="HistoryRewrittenException">With a root store: the new root does not extend the verified one.</exception>
    public async Task<RecordResponse> AddRecordAsync(AddRecordRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SubmitAsync<AddRecordRequest, RecordResponse>(Functions.AddRecord, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.History, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Submits <c>SupersedeRecord</c>: a corrected version of a record (custodian organisation's providers only).</summary>
    /// <param name="request">The record to correct and the new content's pointer.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The new version and its history position.</returns>
    public async Task<RecordResponse> SupersedeRecordAsync(SupersedeRecordRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SubmitAsync<SupersedeRecordRequest, RecordResponse>(Functions.SupersedeRecord, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.History, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// Evaluates <c>GetRecord</c> (patient, delegate, custodian; not logged) and verifies its inclusion proof:
    /// the proven leaf must describe the returned record, and with a root store the proof's root must be
    /// consistent with the verified one.
    /// </summary>
    /// <param name="request">The record id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record and its verified proof.</returns>
    /// <exception cref="ProofVerificationException">The proof does not verify or does not match the record.</exception>
    public async Task<RecordWithProofResponse> GetRecordAsync(GetRecordRequest request, CancellationToken cancellationToken = default)
    {
        var response = await EvaluateAsync<GetRecordRequest, RecordWithProofResponse>(Functions.GetRecord, request, verifiable: true, cancellationToken).ConfigureAwait(false);
        Verify(Functions.GetRecord, response.Proof, proof => HistoryProofs.VerifyRecord(response.Record, response.Salt, proof));
        await TrackAsync(response.Proof, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Evaluates <c>ListRecords</c>: one page of record summaries (no location or hash).</summary>
    /// <param name="request">The patient, optional category and purpose, page size and bookmark.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; its bookmark is empty on the last page.</returns>
    public Task<ListRecordsResponse> ListRecordsAsync(ListRecordsRequest request, CancellationToken cancellationToken = default) =>
        EvaluateAsync<ListRecordsRequest, ListRecordsResponse>(Functions.ListRecords, request, verifiable: false, cancellationToken);
}
