using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Request of <c>ReadAccessedRecords</c>: the committed access entry to read under.</summary>
/// <param name="PatientId">The patient the entry belongs to.</param>
/// <param name="AccessId">The entry's id, as <c>RequestAccess</c> or <c>EmergencyAccess</c> returned it.</param>
public sealed record AccessedRecordsRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("accessId"), JsonPropertyOrder(1)] string AccessId);
