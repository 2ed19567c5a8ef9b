using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>The current size and root of a patient's history log.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="TreeSize">The number of leaves.</param>
/// <param name="RootHash">The root, 64 lowercase hex digits (SHA-256 of nothing for an empty log).</param>
public sealed record HistoryRootResponse(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("treeSize"), JsonPropertyOrder(1)] long TreeSize,
    [property: JsonPropertyName("rootHash"), JsonPropertyOrder(2)] string RootHash);
