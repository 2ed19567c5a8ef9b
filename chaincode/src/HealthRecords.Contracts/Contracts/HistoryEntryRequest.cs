using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Asks for one history leaf with its inclusion proof.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="LeafIndex">The leaf index.</param>
/// <param name="TreeSize">The tree size to prove against; null for the current size.</param>
public sealed record HistoryEntryRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("leafIndex"), JsonPropertyOrder(1)] long LeafIndex,
    [property: JsonPropertyName("treeSize"), JsonPropertyOrder(2)] long? TreeSize = null);
