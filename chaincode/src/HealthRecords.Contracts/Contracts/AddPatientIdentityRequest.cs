using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Binds another identity to act for a patient: a further own identity (<c>self</c>) or a guardian (<c>delegate</c>).</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="MspId">The identity's MSP id.</param>
/// <param name="IdentityId">The identity's unique id.</param>
/// <param name="Relation"><c>self</c> or <c>delegate</c>.</param>
public sealed record AddPatientIdentityRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("mspId"), JsonPropertyOrder(1)] string MspId,
    [property: JsonPropertyName("identityId"), JsonPropertyOrder(2)] string IdentityId,
    [property: JsonPropertyName("relation"), JsonPropertyOrder(3)] string Relation);
