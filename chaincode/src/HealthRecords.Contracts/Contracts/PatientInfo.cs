using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A registered patient: only a pseudonymous id and registration facts.</summary>
/// <param name="PatientId">The pseudonymous global id.</param>
/// <param name="RegisteredAt">The registering transaction's timestamp.</param>
/// <param name="RegisteredBy">The patient identity that registered.</param>
/// <param name="TxId">The registering transaction's id.</param>
public sealed record PatientInfo(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("registeredAt"), JsonPropertyOrder(1)] DateTimeOffset RegisteredAt,
    [property: JsonPropertyName("registeredBy"), JsonPropertyOrder(2)] ActorRef RegisteredBy,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(3)] string TxId);
