using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A record pointer a submitted function added, and where it landed in the history log.</summary>
/// <param name="Record">The new record version.</param>
/// <param name="History">The history leaf that records it.</param>
public sealed record RecordResponse(
    [property: JsonPropertyName("record"), JsonPropertyOrder(0)] RecordPointer Record,
    [property: JsonPropertyName("history"), JsonPropertyOrder(1)] HistoryAppend History);
