using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A patient and the identities bound to it.</summary>
/// <param name="Patient">The patient.</param>
/// <param name="Identities">Every binding, active or not, sorted by MSP id then identity id.</param>
public sealed record PatientResponse(
    [property: JsonPropertyName("patient"), JsonPropertyOrder(0)] PatientInfo Patient,
    [property: JsonPropertyName("identities"), JsonPropertyOrder(1)] IReadOnlyList<IdentityBinding> Identities);
