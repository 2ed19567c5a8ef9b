using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A consent a submitted function created or changed, and the history leaf that records it.</summary>
/// <param name="Consent">The consent after the change.</param>
/// <param name="History">The history leaf that records it.</param>
public sealed record ConsentResponse(
    [property: JsonPropertyName("consent"), JsonPropertyOrder(0)] Consent Consent,
    [property: JsonPropertyName("history"), JsonPropertyOrder(1)] HistoryAppend History);
