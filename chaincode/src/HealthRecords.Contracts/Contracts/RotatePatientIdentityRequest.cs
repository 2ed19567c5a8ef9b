using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Key rotation: binds a new own identity and deactivates the calling one, atomically.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="NewMspId">The new identity's MSP id.</param>
/// <param name="NewIdentityId">The new identity's unique id.</param>
public sealed record RotatePatientIdentityRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("newMspId"), JsonPropertyOrder(1)] string NewMspId,
    [property: JsonPropertyName("newIdentityId"), JsonPropertyOrder(2)] string NewIdentityId);
