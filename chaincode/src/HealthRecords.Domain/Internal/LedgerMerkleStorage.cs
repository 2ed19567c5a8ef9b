using HealthRecords.Domain.Merkle;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Internal;

/// <summary>Keeps one patient's Merkle log under the composite keys <c>hrec.history</c> [patientId, merkleKey].</summary>
internal sealed class LedgerMerkleStorage(ILedger ledger, string patientId) : IMerkleStorage
{
    /// <summary>The ledger key of the log's head (size and right frontier): the one key an append reads.</summary>
    public static string HeadKey(ILedger ledger, string patientId) =>
        ledger.CreateCompositeKey(Keys.History, patientId, Merkle.Internal.MerkleKeys.Size);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        ledger.GetStateAsync(ledger.CreateCompositeKey(Keys.History, patientId, key), cancellationToken);

    public Task PutAsync(string key, byte[] value, CancellationToken cancellationToken = default) =>
        ledger.PutStateAsync(ledger.CreateCompositeKey(Keys.History, patientId, key), value, cancellationToken);
}
