using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Adds a record pointer for a patient.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="ResourceType">The FHIR resource type, e.g. <c>Observation</c>.</param>
/// <param name="Category">The category, e.g. <c>laboratory</c>.</param>
/// <param name="Location">Absolute URI of the off-chain content (https, ipfs, urn, cas; at most 2048 characters).</param>
/// <param name="ContentHash">SHA-256 of the content: 64 lowercase hex digits.</param>
/// <param name="Size">Content size in bytes (0 to 2^40).</param>
/// <param name="MediaType">The content's media type, e.g. <c>application/fhir+json</c>.</param>
/// <param name="Purpose">For devices: the purpose their append consent must cover; null means <c>treatment</c>. Ignored for providers.</param>
public sealed record AddRecordRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("resourceType"), JsonPropertyOrder(1)] string ResourceType,
    [property: JsonPropertyName("category"), JsonPropertyOrder(2)] string Category,
    [property: JsonPropertyName("location"), JsonPropertyOrder(3)] string Location,
    [property: JsonPropertyName("contentHash"), JsonPropertyOrder(4)] string ContentHash,
    [property: JsonPropertyName("size"), JsonPropertyOrder(5)] long Size,
    [property: JsonPropertyName("mediaType"), JsonPropertyOrder(6)] string MediaType,
    [property: JsonPropertyName("purpose"), JsonPropertyOrder(7)] string? Purpose = null);
