using HealthRecords.Client.Internal;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Client;

/// <content>The patient's Merkle history: roots, entries, consistency.</content>
public sealed partial class HealthRecordsClient
{
    /// <summary>
    /// Evaluates <c>GetHistoryRoot</c> (a verifiable read when configured). With a root store, the root must be
    /// consistent with the verified one.
    /// </summary>
    /// <param name="request">The patient.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current size and root.</returns>
    /// <exception cref="HistoryRewrittenException">With a root store: the root does not extend the verified one.</exception>
    public async Task<HistoryRootResponse> GetHistoryRootAsync(HistoryRequest request, CancellationToken cancellationToken = default)
    {
        var response = await EvaluateAsync<HistoryRequest, HistoryRootResponse>(Functions.GetHistoryRoot, request, verifiable: true, cancellationToken).ConfigureAwait(false);
        await TrackAsync(response.PatientId, response.TreeSize, response.RootHash, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// Evaluates <c>GetHistoryEntry</c> (a verifiable read when configured) and verifies the inclusion proof of
    /// the returned leaf; with a root store, the proof's root must be consistent with the verified one.
    /// </summary>
    /// <param name="request">The patient, the leaf index and optionally the tree size to prove against.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verified proof; its <c>leaf</c> holds the entry's canonical JSON (base64).</returns>
    /// <exception cref="ProofVerificationException">The proof does not verify.</exception>
    public async Task<HistoryProof> GetHistoryEntryAsync(HistoryEntryRequest request, CancellationToken cancellationToken = default)
    {
        var response = await EvaluateAsync<HistoryEntryRequest, HistoryProof>(Functions.GetHistoryEntry, request, verifiable: true, cancellationToken).ConfigureAwait(false);
        Verify(Functions.GetHistoryEntry, response, proof => HistoryProofs.VerifyInclusion(proof));
        if (response.LeafIndex != request.LeafIndex || !string.Equals(response.PatientId, request.PatientId, StringComparison.Ordinal)
            || (request.TreeSize is { } size && response.TreeSize != size))
        {
            throw ProofFailed(Functions.GetHistoryEntry, new ProofVerificationException(request.PatientId, $"asked for leaf {request.LeafIndex} but the proof is for leaf {response.LeafIndex} of '{response.PatientId}' at size {response.TreeSize}."), response.TreeSize);
        }

        await TrackAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// Evaluates <c>GetHistoryConsistency</c> and checks that its proof links the two roots it returns. Those
    /// roots are only as trusted as the call; to check them against roots you trust, use
    /// <see cref="HistoryProofs.VerifyConsistency"/> or a root store.
    /// </summary>
    /// <param name="request">The patient and the sizes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The verified consistency proof.</returns>
    /// <exception cref="ProofVerificationException">The proof does not link the returned roots.</exception>
    public async Task<HistoryConsistencyResponse> GetHistoryConsistencyAsync(HistoryConsistencyRequest request, CancellationToken cancellationToken = default)
    {
        var response = await EvaluateAsync<HistoryConsistencyRequest, HistoryConsistencyResponse>(Functions.GetHistoryConsistency, request, verifiable: false, cancellationToken).ConfigureAwait(false);
        if (response.FromSize != request.FromSize || (request.ToSize is { } to && response.ToSize != to)
            || !HistoryProofs.VerifyConsistency(response, response.FromSize, response.FromRoot, response.ToSize, response.ToRoot))
        {
            throw ProofFailed(Functions.GetHistoryConsistency, new ProofVerificationException(request.PatientId, $"the consistency proof from size {response.FromSize} to {response.ToSize} does not verify."), response.ToSize);
        }

        return response;
    }

    /// <summary>
    /// Fetches the patient's current root (a verifiable read when configured), proves it consistent with the
    /// stored verified root, and stores it. The first call for a patient trusts the root it gets.
    /// </summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The root now stored.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="HealthRecordsClientOptions.RootStore"/> is configured.</exception>
    /// <exception cref="HistoryRewrittenException">The current root does not extend the verified one.</exception>
    public async Task<VerifiedRoot> SyncHistoryRootAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        if (_tracker is null)
        {
            throw new InvalidOperationException("SyncHistoryRootAsync needs HealthRecordsClientOptions.RootStore.");
        }

        var root = await EvaluateAsync<HistoryRequest, HistoryRootResponse>(Functions.GetHistoryRoot, new HistoryRequest(patientId), verifiable: true, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(root.PatientId, patientId, StringComparison.Ordinal))
        {
            throw ProofFailed(Functions.GetHistoryRoot, new ProofVerificationException(patientId, $"asked for the root of '{patientId}' but got the root of '{root.PatientId}'."), root.TreeSize);
        }

        return await _tracker.AcceptAsync(patientId, root.TreeSize, root.RootHash, cancellationToken).ConfigureAwait(false);
    }
}
