using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A record pointer without its location and hash, as lists return it.</summary>
/// <param name="RecordId">The record id.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="ResourceType">The FHIR resource type.</param>
/// <param name="Category">The category.</param>
/// <param name="Custodian">The custodian organisation's MSP id.</param>
/// <param name="RecordedAt">When this version was added.</param>
/// <param name="Version">The version number.</param>
/// <param name="Supersedes">The version this one corrects, or null.</param>
/// <param name="SupersededBy">The correction of this version, or null while current.</param>
public sealed record RecordSummary(
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(0)] string RecordId,
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(1)] string PatientId,
    [property: JsonPropertyName("resourceType"), JsonPropertyOrder(2)] string ResourceType,
    [property: JsonPropertyName("category"), JsonPropertyOrder(3)] string Category,
    [property: JsonPropertyName("custodian"), JsonPropertyOrder(4)] string Custodian,
    [property: JsonPropertyName("recordedAt"), JsonPropertyOrder(5)] DateTimeOffset RecordedAt,
    [property: JsonPropertyName("version"), JsonPropertyOrder(6)] int Version,
    [property: JsonPropertyName("supersedes"), JsonPropertyOrder(7)] string? Supersedes,
    [property: JsonPropertyName("supersededBy"), JsonPropertyOrder(8)] string? SupersededBy);
