using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Registers the caller as a patient (the caller's <c>hrec.patient</c> must equal <c>patientId</c>).</summary>
/// <param name="PatientId">The pseudonymous global patient id.</param>
public sealed record RegisterPatientRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId);
