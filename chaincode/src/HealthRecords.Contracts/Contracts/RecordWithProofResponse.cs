using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A record pointer with the inclusion proof of the leaf that added it.</summary>
/// <param name="Record">The record pointer.</param>
/// <param name="Proof">The leaf that added this version and its proof against the current root.</param>
public sealed record RecordWithProofResponse(
    [property: JsonPropertyName("record"), JsonPropertyOrder(0)] RecordPointer Record,
    [property: JsonPropertyName("proof"), JsonPropertyOrder(1)] HistoryProof Proof);
