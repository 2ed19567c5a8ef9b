using HealthRecords.Domain.Contracts;
using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Internal;

/// <summary>One patient's history log for the length of one transaction.</summary>
internal sealed class PatientHistory(TxScope scope, string patientId)
{
    private readonly MerkleLog _log = new(new LedgerMerkleStorage(scope.Ledger, patientId));

    /// <summary>The index the next leaf will get.</summary>
    public Task<long> NextIndexAsync() => _log.GetSizeAsync(scope.CancellationToken);

    public async Task<HistoryAppend> AppendAsync<T>(string type, T subject, long expectedIndex)
    {
        var leaf = new HistoryLeaf<T>(1, type, patientId, scope.TxId, scope.Now, subject);
        var result = await _log.AppendAsync(HealthRecordsJson.Serialize(leaf), scope.CancellationToken).ConfigureAwait(false);
        if (result.LeafIndex != expectedIndex)
        {
            throw new InvalidOperationException($"History leaf landed at {result.LeafIndex}, expected {expectedIndex}.");
        }

        return new HistoryAppend(patientId, result.LeafIndex, result.TreeSize, Hex.Of(result.RootHash.Span));
    }

    public async Task<HistoryProof> ProveAsync(long leafIndex, long? treeSize = null)
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
