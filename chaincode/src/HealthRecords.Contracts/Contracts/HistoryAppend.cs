using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Where a submitted change landed in the patient's history log.</summary>
/// <param name="PatientId">The patient whose log grew.</param>
/// <param name="LeafIndex">The new leaf's index.</param>
/// <param name="TreeSize">The log size after the append.</param>
/// <param name="RootHash">The root after the append, 64 lowercase hex digits.</param>
public sealed record HistoryAppend(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("leafIndex"), JsonPropertyOrder(1)] long LeafIndex,
    [property: JsonPropertyName("treeSize"), JsonPropertyOrder(2)] long TreeSize,
    [property: JsonPropertyName("rootHash"), JsonPropertyOrder(3)] string RootHash);
