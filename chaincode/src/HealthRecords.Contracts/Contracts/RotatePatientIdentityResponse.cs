using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>The result of a key rotation.</summary>
/// <param name="Added">The new, active binding.</param>
/// <param name="Deactivated">The caller's binding, now deactivated.</param>
public sealed record RotatePatientIdentityResponse(
    [property: JsonPropertyName("added"), JsonPropertyOrder(0)] IdentityBinding Added,
    [property: JsonPropertyName("deactivated"), JsonPropertyOrder(1)] IdentityBinding Deactivated);
