using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Deactivates one identity bound to a patient (never deletes it).</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="MspId">The identity's MSP id.</param>
/// <param name="IdentityId">The identity's unique id.</param>
public sealed record DeactivatePatientIdentityRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("mspId"), JsonPropertyOrder(1)] string MspId,
    [property: JsonPropertyName("identityId"), JsonPropertyOrder(2)] string IdentityId);
