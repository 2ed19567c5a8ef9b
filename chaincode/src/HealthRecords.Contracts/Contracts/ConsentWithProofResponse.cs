using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A consent with the inclusion proof of its latest leaf (the revocation if revoked, else the grant).</summary>
/// <param name="Consent">The consent.</param>
/// <param name="Proof">Its latest leaf and proof against the current root.</param>
public sealed record ConsentWithProofResponse(
    [property: JsonPropertyName("consent"), JsonPropertyOrder(0)] Consent Consent,
    [property: JsonPropertyName("proof"), JsonPropertyOrder(1)] HistoryProof Proof);
