using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Break-glass access for the emergency role: always logged and flagged, with a mandatory reason.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Reason">Why access is needed now (1 to 500 characters).</param>
/// <param name="RecordId">One record; null for the current records of <c>category</c> (or of all categories).</param>
/// <param name="Category">With no record id: only this category.</param>
public sealed record EmergencyAccessRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("reason"), JsonPropertyOrder(1)] string Reason,
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(2)] string? RecordId = null,
    [property: JsonPropertyName("category"), JsonPropertyOrder(3)] string? Category = null);
