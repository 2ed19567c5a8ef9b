using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>The records released by break-glass access and the logged entry.</summary>
/// <param name="Records">The records: the one named, or the current versions newest first (at most 100 by default).</param>
/// <param name="Access">The logged, flagged access entry.</param>
/// <param name="History">Where the access entry landed in the history log.</param>
public sealed record EmergencyAccessResponse(
    [property: JsonPropertyName("records"), JsonPropertyOrder(0)] IReadOnlyList<RecordPointer> Records,
    [property: JsonPropertyName("access"), JsonPropertyOrder(1)] AccessEntry Access,
    [property: JsonPropertyName("history"), JsonPropertyOrder(2)] HistoryAppend History);
