using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Names a patient's history log.</summary>
/// <param name="PatientId">The patient.</param>
public sealed record HistoryRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId);
