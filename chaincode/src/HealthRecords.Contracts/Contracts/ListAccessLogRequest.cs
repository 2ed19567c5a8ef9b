using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Lists the access log of a patient, a page at a time, oldest first.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="PageSize">Entries per page, 1 to 200; null for the default (50).</param>
/// <param name="Bookmark">The bookmark of the previous page; null or empty for the first page.</param>
public sealed record ListAccessLogRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("pageSize"), JsonPropertyOrder(1)] int? PageSize = null,
    [property: JsonPropertyName("bookmark"), JsonPropertyOrder(2)] string? Bookmark = null);
