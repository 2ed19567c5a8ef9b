using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A record pointer with the inclusion proof of the leaf that added it.</summary>
/// <param name="Record">The record pointer.</param>
/// <param name="Proof">The leaf that added this version and its proof against the current root.</param>
/// <param name="Salt">
/// The record's commitment salt (64 lowercase hex digits), which lets the reader check the leaf's commitment
/// against <paramref name="Record"/>; null for a record added before leaves committed (its leaf holds the pointer).
/// </param>
public sealed record RecordWithProofResponse(
    [property: JsonPropertyName("record"), JsonPropertyOrder(0)] RecordPointer Record,
    [property: JsonPropertyName("proof"), JsonPropertyOrder(1)] HistoryProof Proof,
    [property: JsonPropertyName("salt"), JsonPropertyOrder(2)] string? Salt);
