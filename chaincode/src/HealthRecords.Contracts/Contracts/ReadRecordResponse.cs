using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A record read through consent, the logged access and proofs.</summary>
/// <param name="Record">The record pointer.</param>
/// <param name="Access">The access entry this read logged.</param>
/// <param name="Proof">The record's leaf and proof against the root before this read was logged.</param>
/// <param name="History">Where the access entry landed in the history log.</param>
/// <param name="Salt">The record's commitment salt (hex), or null for a record whose leaf predates commitments.</param>
public sealed record ReadRecordResponse(
    [property: JsonPropertyName("record"), JsonPropertyOrder(0)] RecordPointer Record,
    [property: JsonPropertyName("access"), JsonPropertyOrder(1)] AccessEntry Access,
    [property: JsonPropertyName("proof"), JsonPropertyOrder(2)] HistoryProof Proof,
    [property: JsonPropertyName("history"), JsonPropertyOrder(3)] HistoryAppend History,
    [property: JsonPropertyName("salt"), JsonPropertyOrder(4)] string? Salt);
