using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Asks whether the caller may act on a patient's record or category for a purpose.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Action"><c>read</c> or <c>append</c>.</param>
/// <param name="Purpose">The purpose of use.</param>
/// <param name="RecordId">The record (read only); null to ask about a category.</param>
/// <param name="Category">The category when no record is named.</param>
public sealed record CheckAccessRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("action"), JsonPropertyOrder(1)] string Action,
    [property: JsonPropertyName("purpose"), JsonPropertyOrder(2)] string Purpose,
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(3)] string? RecordId = null,
    [property: JsonPropertyName("category"), JsonPropertyOrder(4)] string? Category = null);
