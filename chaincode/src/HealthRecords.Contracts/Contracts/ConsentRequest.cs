using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Names one consent of a patient.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="ConsentId">The consent id.</param>
public sealed record ConsentRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("consentId"), JsonPropertyOrder(1)] string ConsentId);
