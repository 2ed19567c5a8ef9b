using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;
using Microsoft.Extensions.Logging;

namespace HealthRecords.Client.Internal;

/// <summary>
/// Accepts a patient's history root only if a consistency proof links it to the stored verified root
/// (in whichever direction the sizes point), and advances the store to the larger tree.
/// </summary>
internal sealed class HistoryRootTracker : IDisposable
{
    private readonly IVerifiedRootStore _store;
    private readonly ILogger _logger;
    private readonly Func<HistoryConsistencyRequest, CancellationToken, Task<HistoryConsistencyResponse>> _fetchProof;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public HistoryRootTracker(
        IVerifiedRootStore store, ILogger logger, Func<HistoryConsistencyRequest, CancellationToken, Task<HistoryConsistencyResponse>> fetchProof)
    {
        _store = store;
        _logger = logger;
        _fetchProof = fetchProof;
    }

    public IVerifiedRootStore Store => _store;

    /// <summary>Checks (size, root) against the stored root; returns the root stored afterwards.</summary>
    public async Task<VerifiedRoot> AcceptAsync(string patientId, long treeSize, string rootHash, CancellationToken cancellationToken)
    {
        if (!HistoryProofs.TryDecode(rootHash, out _) || treeSize < 0)
        {
            HealthRecordsClientLog.ProofVerificationFailed(_logger, "history root", patientId, treeSize);
            throw new ProofVerificationException(patientId, $"root '{rootHash}' at size {treeSize} is malformed.");
        }

        var presented = new VerifiedRoot(patientId, treeSize, rootHash);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var trusted = await _store.GetAsync(patientId, cancellationToken).ConfigureAwait(false);
            if (trusted is null)
            {
                // Trust on first use: the first root comes from whatever call brought it (a verifiable
                // read when the client is configured for them).
                await _store.SetAsync(presented, cancellationToken).ConfigureAwait(false);
                HealthRecordsClientLog.HistoryRootTrusted(_logger, patientId, treeSize);
                return presented;
            }

            if (treeSize == trusted.TreeSize)
            {
                return string.Equals(rootHash, trusted.RootHash, StringComparison.Ordinal)
                    ? trusted
                    : throw Rewritten(new HistoryRewrittenException(trusted, treeSize, rootHash, "same size, different root"));
            }

            var (from, to) = treeSize > trusted.TreeSize ? (trusted, presented) : (presented, trusted);
            HistoryConsistencyResponse proof;
            try
            {
                proof = await _fetchProof(new HistoryConsistencyRequest(patientId, from.TreeSize, to.TreeSize), cancellationToken).ConfigureAwait(false);
            }
            catch (HealthRecordsException e) when (e.Code is HealthRecordsErrorCode.InvalidArgument or HealthRecordsErrorCode.NotFound)
            {
                // The ledger cannot produce a proof up to a size it claims to have, or back to one we verified.
                throw Rewritten(new HistoryRewrittenException(trusted, treeSize, rootHash, "the ledger refused the consistency proof: " + e.ChaincodeMessage, e));
            }

            if (!HistoryProofs.VerifyConsistency(proof, from.TreeSize, from.RootHash, to.TreeSize, to.RootHash))
            {
                throw Rewritten(new HistoryRewrittenException(
                    trusted, treeSize, rootHash, $"the consistency proof from size {from.TreeSize} to {to.TreeSize} does not verify"));
            }

            if (treeSize > trusted.TreeSize)
            {
                await _store.SetAsync(presented, cancellationToken).ConfigureAwait(false);
                HealthRecordsClientLog.HistoryRootAdvanced(_logger, patientId, trusted.TreeSize, treeSize);
                return presented;
            }

            return trusted;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private HistoryRewrittenException Rewritten(HistoryRewrittenException error)
    {
        HealthRecordsClientLog.HistoryRewritten(_logger, error.Trusted.PatientId, error.Trusted.TreeSize, error.PresentedSize);
        return error;
    }
}
