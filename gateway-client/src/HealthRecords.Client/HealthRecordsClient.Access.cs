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
    /// Submits <c>ReadRecord</c>: a logged read through the access rules. Verifies the record's inclusion proof
    /// (against the root before this access) and, with a root store, both that root and the one after the access.
    /// </summary>
    /// <param name="request">The record id and the purpose.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The pointer, the access entry, the record's proof and the access's history position.</returns>
    /// <exception cref="HealthRecordsException">FORBIDDEN with <see cref="HealthRecordsException.Reason"/> when the rules deny.</exception>
    /// <exception cref="ProofVerificationException">The proof does not verify or does not match the record.</exception>
    public async Task<ReadRecordResponse> ReadRecordAsync(ReadRecordRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SubmitAsync<ReadRecordRequest, ReadRecordResponse>(Functions.ReadRecord, request, cancellationToken).ConfigureAwait(false);
        Verify(Functions.ReadRecord, response.Proof, proof => HistoryProofs.VerifyRecord(response.Record, proof));
        await TrackAsync(response.Proof, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.History, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Submits <c>EmergencyAccess</c> (role emergency): break-glass, always logged and flagged.</summary>
    /// <param name="request">The patient, the reason, and optionally a record id or a category.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The released pointers, the access entry and its history position.</returns>
    public async Task<EmergencyAccessResponse> EmergencyAccessAsync(EmergencyAccessRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SubmitAsync<EmergencyAccessRequest, EmergencyAccessResponse>(Functions.EmergencyAccess, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.History, cancellationToken).ConfigureAwait(false);
        return response;
    }

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
