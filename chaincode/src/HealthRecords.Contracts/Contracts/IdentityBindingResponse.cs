using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>The binding a patient-identity function created or changed.</summary>
/// <param name="Binding">The binding after the change.</param>
public sealed record IdentityBindingResponse(
    [property: JsonPropertyName("binding"), JsonPropertyOrder(0)] IdentityBinding Binding);
