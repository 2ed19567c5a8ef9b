using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Lists a patient's record pointers, optionally of one category, a page at a time.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Category">Only this category; null for all.</param>
/// <param name="Purpose">For consented readers: the purpose of use (default <c>treatment</c>).</param>
/// <param name="PageSize">Entries per page, 1 to 200; null for the default (50).</param>
/// <param name="Bookmark">The bookmark of the previous page; null or empty for the first page.</param>
public sealed record ListRecordsRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("category"), JsonPropertyOrder(1)] string? Category = null,
    [property: JsonPropertyName("purpose"), JsonPropertyOrder(2)] string? Purpose = null,
    [property: JsonPropertyName("pageSize"), JsonPropertyOrder(3)] int? PageSize = null,
    [property: JsonPropertyName("bookmark"), JsonPropertyOrder(4)] string? Bookmark = null);
