using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Corrects a record: a new version that points at the old one (which stays on the ledger).</summary>
/// <param name="RecordId">The current version to supersede.</param>
/// <param name="Location">Absolute URI of the corrected content.</param>
/// <param name="ContentHash">SHA-256 of the corrected content.</param>
/// <param name="Size">Corrected content size in bytes.</param>
/// <param name="MediaType">The corrected content's media type.</param>
public sealed record SupersedeRecordRequest(
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(0)] string RecordId,
    [property: JsonPropertyName("location"), JsonPropertyOrder(1)] string Location,
    [property: JsonPropertyName("contentHash"), JsonPropertyOrder(2)] string ContentHash,
    [property: JsonPropertyName("size"), JsonPropertyOrder(3)] long Size,
    [property: JsonPropertyName("mediaType"), JsonPropertyOrder(4)] string MediaType);
