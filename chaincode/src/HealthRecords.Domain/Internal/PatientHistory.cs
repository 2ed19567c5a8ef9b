using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Internal;

/// <summary>One patient's history log for the length of one transaction.</summary>
internal sealed class PatientHistory(TxScope scope, string patientId)
{
    private readonly MerkleLog _log = new(new LedgerMerkleStorage(scope.Ledger, patientId));

    /// <summary>The index the next leaf will get.</summary>
    public Task<long> NextIndexAsync() => _log.GetSizeAsync(scope.CancellationToken);

    /// <summary>Appends a leaf; <paramref name="version"/> is the subject's leaf format (2 for <see cref="RecordCommitment"/>, else 1).</summary>
    public async Task<HistoryAppend> AppendAsync<T>(string type, T subject, long expectedIndex, int version = 1)
    {
        var leaf = new HistoryLeaf<T>(version, type, patientId, scope.TxId, scope.Now, subject);
        var result = await _log.AppendAsync(HealthRecordsJson.Serialize(leaf), scope.CancellationToken).ConfigureAwait(false);
        if (result.LeafIndex != expectedIndex)
        {
            throw new InvalidOperationException($"History leaf landed at {result.LeafIndex}, expected {expectedIndex}.");
        }

        return new HistoryAppend(patientId, result.LeafIndex, result.TreeSize, Hex.Of(result.RootHash.Span));
    }

    /// <summary>
    /// A leaf and its proof. With <paramref name="withholdPointers"/>, a legacy record leaf (format 1, which holds
    /// the full pointer) comes back as its leaf hash only: the proof still verifies, the pointer is not revealed.
    /// </summary>
    public async Task<HistoryProof> ProveAsync(long leafIndex, long? treeSize = null, bool withholdPointers = false)
    {
        var size = await _log.GetSizeAsync(scope.CancellationToken).ConfigureAwait(false);
        var proveAt = treeSize ?? size;
        if (leafIndex < 0 || leafIndex >= proveAt || proveAt > size)
        {
            throw DomainException.NotFound(
                $"History of patient '{patientId}' has {size} leaves; cannot prove leaf {leafIndex} at size {proveAt}.");
        }

        var proof = await _log.GetInclusionProofAsync(leafIndex, proveAt, scope.CancellationToken).ConfigureAwait(false);
        var leaf = await _log.GetLeafDataAsync(leafIndex, scope.CancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"History leaf {leafIndex} of patient '{patientId}' is missing.");
        if (withholdPointers && LegacyLeaves.HoldsPointer(leaf))
        {
            return new HistoryProof(
                patientId, proof.LeafIndex, proof.TreeSize, Hex.Of(proof.RootHash.Span), Hex.Of(proof.AuditPath), null,
                Hex.Of(MerkleHash.Leaf(leaf)));
        }

        return new HistoryProof(
            patientId, proof.LeafIndex, proof.TreeSize, Hex.Of(proof.RootHash.Span), Hex.Of(proof.AuditPath), Convert.ToBase64String(leaf));
    }

    public async Task<HistoryRootResponse> RootAsync()
    {
        var size = await _log.GetSizeAsync(scope.CancellationToken).ConfigureAwait(false);
        var root = await _log.GetRootAsync(size, scope.CancellationToken).ConfigureAwait(false);
        return new HistoryRootResponse(patientId, size, Hex.Of(root));
    }

    public async Task<HistoryConsistencyResponse> ConsistencyAsync(long fromSize, long? toSize)
    {
        var size = await _log.GetSizeAsync(scope.CancellationToken).ConfigureAwait(false);
        var to = toSize ?? size;
        if (fromSize < 0 || fromSize > to || to > size)
        {
            throw DomainException.Invalid(
                $"Sizes must satisfy 0 <= fromSize <= toSize <= {size} (the current size); got {fromSize} and {to}.");
        }

        var proof = await _log.GetConsistencyProofAsync(fromSize, to, scope.CancellationToken).ConfigureAwait(false);
        return new HistoryConsistencyResponse(
            patientId, proof.Size1, proof.Size2, Hex.Of(proof.Root1.Span), Hex.Of(proof.Root2.Span), Hex.Of(proof.Path));
    }
}
