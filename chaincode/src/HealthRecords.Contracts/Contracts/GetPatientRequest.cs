using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Names a patient.</summary>
/// <param name="PatientId">The patient id.</param>
public sealed record GetPatientRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId);
