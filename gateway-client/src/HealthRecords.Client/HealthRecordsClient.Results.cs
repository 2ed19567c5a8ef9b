using HealthRecords.Client.Internal;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <content>
/// Submitted functions that also report how they committed (<see cref="SubmitResult{TResponse}"/>): the
/// same calls as their plain counterparts, with the number of resubmits made under
/// <see cref="HealthRecordsClientOptions.SubmitRetry"/>.
/// </content>
public sealed partial class HealthRecordsClient
{
    /// <summary>Submits <c>RegisterPatient</c>, as <see cref="RegisterPatientAsync"/>, and reports the retries it took.</summary>
    /// <param name="request">The patient id.</param>
    /// <param name="cancellationToken">Cancels the flow, including the pauses between retries.</param>
    /// <returns>The patient, and how many resubmits it took.</returns>
    public Task<SubmitResult<PatientResponse>> RegisterPatientWithResultAsync(RegisterPatientRequest request, CancellationToken cancellationToken = default) =>
        SubmitWithResultAsync<RegisterPatientRequest, PatientResponse>(Functions.RegisterPatient, request, cancellationToken);

    /// <summary>Submits <c>AddRecord</c>, as <see cref="AddRecordAsync"/>, and reports the retries it took.</summary>
    /// <param name="request">The pointer.</param>
    /// <param name="cancellationToken">Cancels the flow, including the pauses between retries.</param>
    /// <returns>The stored pointer and its history position, and how many resubmits it took.</returns>
    /// <exception cref="Proofs.HistoryRewrittenException">With a root store: the new root does not extend the verified one.</exception>
    public async Task<SubmitResult<RecordResponse>> AddRecordWithResultAsync(AddRecordRequest request, CancellationToken cancellationToken = default)
    {
        var result = await SubmitWithResultAsync<AddRecordRequest, RecordResponse>(Functions.AddRecord, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(result.Response.History, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Submits <c>SupersedeRecord</c>, as <see cref="SupersedeRecordAsync"/>, and reports the retries it took.</summary>
    /// <param name="request">The record to correct and the new content's pointer.</param>
    /// <param name="cancellationToken">Cancels the flow, including the pauses between retries.</param>
    /// <returns>The new version and its history position, and how many resubmits it took.</returns>
    public async Task<SubmitResult<RecordResponse>> SupersedeRecordWithResultAsync(SupersedeRecordRequest request, CancellationToken cancellationToken = default)
    {
        var result = await SubmitWithResultAsync<SupersedeRecordRequest, RecordResponse>(Functions.SupersedeRecord, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(result.Response.History, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Submits <c>GrantConsent</c>, as <see cref="GrantConsentAsync"/>, and reports the retries it took.</summary>
    /// <param name="request">Grantee, actions, scope, purpose and validity.</param>
    /// <param name="cancellationToken">Cancels the flow, including the pauses between retries.</param>
    /// <returns>The consent and its history position, and how many resubmits it took.</returns>
    public async Task<SubmitResult<ConsentResponse>> GrantConsentWithResultAsync(GrantConsentRequest request, CancellationToken cancellationToken = default)
    {
        var result = await SubmitWithResultAsync<GrantConsentRequest, ConsentResponse>(Functions.GrantConsent, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(result.Response.History, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Submits <c>RevokeConsent</c>, as <see cref="RevokeConsentAsync"/>, and reports the retries it took.</summary>
    /// <param name="request">The patient and the consent id.</param>
    /// <param name="cancellationToken">Cancels the flow, including the pauses between retries.</param>
    /// <returns>The revoked consent and its history position, and how many resubmits it took.</returns>
    public async Task<SubmitResult<ConsentResponse>> RevokeConsentWithResultAsync(ConsentRequest request, CancellationToken cancellationToken = default)
    {
        var result = await SubmitWithResultAsync<ConsentRequest, ConsentResponse>(Functions.RevokeConsent, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(result.Response.History, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
