using HealthRecords.Client.Internal;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <content>Access decisions, logged reads, break-glass, audit and research.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>Evaluates <c>CheckAccess</c>: may the caller (this client's identity) perform the action? Writes nothing.</summary>
    /// <param name="request">Patient, action, purpose, and a record id or a category.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision, its reason and basis, and the deciding (or closest) consent.</returns>
    public Task<AccessDecision> CheckAccessAsync(CheckAccessRequest request, CancellationToken cancellationToken = default) =>
        EvaluateAsync<CheckAccessRequest, AccessDecision>(Functions.CheckAccess, request, verifiable: false, cancellationToken);

    /// <summary>
    /// A logged read in two steps behind one call: submits <c>RequestAccess</c> (the chaincode checks the
    /// access rules and commits an access entry, returning no pointer), then, once that entry is
    /// committed, evaluates <c>ReadAccessedRecords</c>, which serves the pointer to this identity only
    /// (consent re-checked). Verifies the record's inclusion proof and, with a root store, tracks the
    /// roots it saw.
    /// </summary>
    /// <remarks>
    /// The commit status comes from one peer, and the evaluate may reach another that has not yet committed
    /// the entry's block. That one refusal (<c>NOT_FOUND</c> with reason <c>access-not-committed</c>) is retried within
    /// <see cref="HealthRecordsClientOptions.AccessReadRetry"/>; every other refusal is thrown at once.
    /// </remarks>
    /// <param name="request">The record id and the purpose.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The pointer, the committed access entry, the record's proof and the access's history position.</returns>
    /// <exception cref="HealthRecordsException">FORBIDDEN with <see cref="HealthRecordsException.Reason"/> when the rules deny.</exception>
    /// <exception cref="ProofVerificationException">The proof does not verify or does not match the record.</exception>
    public async Task<ReadRecordResponse> ReadRecordAsync(ReadRecordRequest request, CancellationToken cancellationToken = default)
    {
        var granted = await RequestAccessAsync(request, cancellationToken).ConfigureAwait(false);
        var read = await ReadCommittedAccessAsync(new AccessedRecordsRequest(granted.Access.PatientId, granted.Access.AccessId), cancellationToken)
            .ConfigureAwait(false);
        var record = read.Records.SingleOrDefault(r => r.Record.RecordId == request.RecordId)
            ?? throw new ProofVerificationException($"{Functions.ReadAccessedRecords} did not return record {request.RecordId} for access {granted.Access.AccessId}.");
        return new ReadRecordResponse(record.Record, read.Access, record.Proof, granted.History, record.Salt);
    }

    /// <summary>
    /// Submits <c>RequestAccess</c>, step one of a logged read: the access rules are checked and the access entry
    /// is committed before this returns. No pointer comes back; <see cref="ReadAccessedRecordsAsync"/> serves it.
    /// </summary>
    /// <param name="request">The record id and the purpose.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The committed access entry and its history position.</returns>
    /// <exception cref="HealthRecordsException">FORBIDDEN with <see cref="HealthRecordsException.Reason"/> when the rules deny.</exception>
    public async Task<AccessGrantResponse> RequestAccessAsync(ReadRecordRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SubmitAsync<ReadRecordRequest, AccessGrantResponse>(Functions.RequestAccess, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.History, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// Evaluates <c>ReadAccessedRecords</c>, step two of a logged read: the records a committed access entry of this
    /// identity names, while the entry is within its validity window and consent still allows it. Verifies each proof.
    /// </summary>
    /// <param name="request">The patient and the access id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry and its records with proofs.</returns>
    /// <exception cref="HealthRecordsException">NOT_FOUND with <see cref="HealthRecordsException.Reason"/> <c>access-not-committed</c> when no committed entry names this identity (another identity's entry reads as missing), FORBIDDEN when it is stale or consent no longer allows it.</exception>
    /// <exception cref="ProofVerificationException">A proof does not verify or does not match its record.</exception>
    public async Task<AccessedRecordsResponse> ReadAccessedRecordsAsync(AccessedRecordsRequest request, CancellationToken cancellationToken = default)
    {
        var response = await EvaluateAsync<AccessedRecordsRequest, AccessedRecordsResponse>(
            Functions.ReadAccessedRecords, request, verifiable: true, cancellationToken).ConfigureAwait(false);
        foreach (var item in response.Records)
        {
            Verify(Functions.ReadAccessedRecords, item.Proof, proof => HistoryProofs.VerifyRecord(item.Record, item.Salt, proof));
        }

        if (response.Records.Count > 0)
        {
            await TrackAsync(response.Records[0].Proof, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>
    /// Break-glass (role emergency) in two steps behind one call: submits <c>EmergencyAccess</c>, which commits a
    /// flagged access entry naming the released records and returns no pointer, then evaluates
    /// <c>ReadAccessedRecords</c> for that entry.
    /// </summary>
    /// <param name="request">The patient, the reason, and optionally a record id or a category.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The released pointers, the committed access entry and its history position.</returns>
    public async Task<EmergencyAccessResponse> EmergencyAccessAsync(EmergencyAccessRequest request, CancellationToken cancellationToken = default)
    {
        var granted = await SubmitAsync<EmergencyAccessRequest, AccessGrantResponse>(Functions.EmergencyAccess, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(granted.History, cancellationToken).ConfigureAwait(false);
        var read = await ReadCommittedAccessAsync(new AccessedRecordsRequest(granted.Access.PatientId, granted.Access.AccessId), cancellationToken)
            .ConfigureAwait(false);
        // Newest first, as break-glass released them; the entry itself lists the ids in id order.
        var records = read.Records.Select(r => r.Record)
            .OrderByDescending(r => r.RecordedAt).ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
        return new EmergencyAccessResponse(records, read.Access, granted.History);
    }

    /// <summary>
    /// <see cref="ReadAccessedRecordsAsync"/> for an entry this client just saw committed: a peer that lags the one
    /// that reported the commit answers "not committed" until it applies the block, so that refusal alone is
    /// retried with backoff, a bounded number of times; the last refusal is thrown unchanged.
    /// </summary>
    private async Task<AccessedRecordsResponse> ReadCommittedAccessAsync(AccessedRecordsRequest request, CancellationToken cancellationToken)
    {
        return await BoundedRetry.RunAsync(
            _options.AccessReadRetry,
            (_, token) => ReadAccessedRecordsAsync(request, token),
            e => e is HealthRecordsException refusal && IsNotYetCommitted(refusal),
            r => HealthRecordsClientLog.AccessNotYetVisible(_logger, request.AccessId, r.Retry + 1, r.Limits.MaxRetryAttempts),
            cancellationToken).ConfigureAwait(false);
    }

    // The reason code, not the wording: a reworded message must not turn the retry off, nor another NOT_FOUND turn it on.
    private static bool IsNotYetCommitted(HealthRecordsException e) =>
        e.Code == HealthRecordsErrorCode.NotFound
        && e.Function == Functions.ReadAccessedRecords
        && e.Reason == RefusalReasons.AccessNotCommitted;

    /// <summary>Evaluates <c>ListAccessLog</c> (patient, delegate, auditor): one page, oldest first.</summary>
    /// <param name="request">The patient, page size and bookmark.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; its bookmark is empty on the last page.</returns>
    public Task<ListAccessLogResponse> ListAccessLogAsync(ListAccessLogRequest request, CancellationToken cancellationToken = default) =>
        EvaluateAsync<ListAccessLogRequest, ListAccessLogResponse>(Functions.ListAccessLog, request, verifiable: false, cancellationToken);

    /// <summary>Evaluates <c>CountResearchRecords</c> (role researcher): consented counts per category, small cells suppressed.</summary>
    /// <param name="request">The categories; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts, the suppression threshold and the time they were taken.</returns>
    public Task<ResearchCountResponse> CountResearchRecordsAsync(ResearchCountRequest request, CancellationToken cancellationToken = default) =>
        EvaluateAsync<ResearchCountRequest, ResearchCountResponse>(Functions.CountResearchRecords, request, verifiable: false, cancellationToken);
}
