using HealthRecords.Client.Internal;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <content>Consents.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>Submits <c>GrantConsent</c> (the patient or a delegate).</summary>
    /// <param name="request">Grantee, actions, scope, purpose and validity.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The consent and its history position.</returns>
    public async Task<ConsentResponse> GrantConsentAsync(GrantConsentRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SubmitAsync<GrantConsentRequest, ConsentResponse>(Functions.GrantConsent, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.History, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Submits <c>RevokeConsent</c> (the patient or a delegate); revoking twice is CONFLICT.</summary>
    /// <param name="request">The patient and the consent id.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    /// <returns>The revoked consent and its history position.</returns>
    public async Task<ConsentResponse> RevokeConsentAsync(ConsentRequest request, CancellationToken cancellationToken = default)
    {
        var response = await SubmitAsync<ConsentRequest, ConsentResponse>(Functions.RevokeConsent, request, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.History, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Evaluates <c>GetConsent</c> and verifies that its proof proves the consent's latest leaf.</summary>
    /// <param name="request">The patient and the consent id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent and its verified proof.</returns>
    /// <exception cref="ProofVerificationException">The proof does not verify or does not match the consent.</exception>
    public async Task<ConsentWithProofResponse> GetConsentAsync(ConsentRequest request, CancellationToken cancellationToken = default)
    {
        var response = await EvaluateAsync<ConsentRequest, ConsentWithProofResponse>(Functions.GetConsent, request, verifiable: true, cancellationToken).ConfigureAwait(false);
        Verify(Functions.GetConsent, response.Proof, proof => HistoryProofs.VerifyConsent(response.Consent, proof));
        await TrackAsync(response.Proof, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>Evaluates <c>ListConsents</c> (patient, delegate, auditor): one page.</summary>
    /// <param name="request">The patient, page size and bookmark.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; its bookmark is empty on the last page.</returns>
    public Task<ListConsentsResponse> ListConsentsAsync(ListConsentsRequest request, CancellationToken cancellationToken = default) =>
        EvaluateAsync<ListConsentsRequest, ListConsentsResponse>(Functions.ListConsents, request, verifiable: false, cancellationToken);
}
