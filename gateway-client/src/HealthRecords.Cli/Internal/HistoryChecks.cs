using HealthRecords.Client;
using HealthRecords.Client.Proofs;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Cli.Internal;

/// <summary>Append-only checks of a patient's history shared by <c>proof consistency</c> and the demo.</summary>
internal static class HistoryChecks
{
    /// <summary>
    /// Gets a consistency proof from <paramref name="fromSize"/> to <paramref name="toSize"/> (default: the current
    /// root) and verifies it links <paramref name="fromRoot"/> (when given: the root the caller saw earlier) to
    /// the later root; when no later size is given the later root must also be the current one.
    /// </summary>
    /// <exception cref="ProofVerificationException">The roots are not linked: history was rewritten.</exception>
    public static async Task<ConsistencyResult> ProveAppendOnlyAsync(HealthRecordsClient client, string patientId, long fromSize, string? fromRoot, long? toSize, CancellationToken cancellationToken)
    {
        HistoryRootResponse? current = null;
        if (toSize is null)
        {
            current = await client.GetHistoryRootAsync(new HistoryRequest(patientId), cancellationToken).ConfigureAwait(false);
        }

        var proof = await client.GetHistoryConsistencyAsync(new HistoryConsistencyRequest(patientId, fromSize, toSize ?? current!.TreeSize), cancellationToken).ConfigureAwait(false);
        var trustedFrom = fromRoot ?? proof.FromRoot;
        var trustedTo = current?.RootHash ?? proof.ToRoot;
        if (!HistoryProofs.VerifyConsistency(proof, fromSize, trustedFrom, proof.ToSize, trustedTo))
        {
            throw new ProofVerificationException(
                patientId,
                $"history of '{patientId}' is NOT an extension of size {fromSize} root {trustedFrom}: the consistency proof to size {proof.ToSize} root {trustedTo} does not verify");
        }

        return new ConsistencyResult(patientId, true, proof.FromSize, trustedFrom, proof.ToSize, trustedTo, proof.Proof.Count);
    }
}
