using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Lists a patient's consents, a page at a time, in consent id order.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="PageSize">Entries per page, 1 to 200; null for the default (50).</param>
/// <param name="Bookmark">The bookmark of the previous page; null or empty for the first page.</param>
public sealed record ListConsentsRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("pageSize"), JsonPropertyOrder(1)] int? PageSize = null,
    [property: JsonPropertyName("bookmark"), JsonPropertyOrder(2)] string? Bookmark = null);
