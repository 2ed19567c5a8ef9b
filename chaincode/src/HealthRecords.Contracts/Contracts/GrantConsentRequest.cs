using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Grants a consent for a patient (by the patient or a delegate).</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Grantee">Who may act under it.</param>
/// <param name="Actions"><c>read</c> and/or <c>append</c>.</param>
/// <param name="Scope">Categories and/or record ids (append needs categories).</param>
/// <param name="Purpose">The purpose of use, from <see cref="Vocabulary.Purposes"/>.</param>
/// <param name="ValidFrom">Start of validity; null means the transaction time.</param>
/// <param name="ValidUntil">End of validity (exclusive); null for none.</param>
public sealed record GrantConsentRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("grantee"), JsonPropertyOrder(1)] Grantee Grantee,
    [property: JsonPropertyName("actions"), JsonPropertyOrder(2)] IReadOnlyList<string> Actions,
    [property: JsonPropertyName("scope"), JsonPropertyOrder(3)] ConsentScope Scope,
    [property: JsonPropertyName("purpose"), JsonPropertyOrder(4)] string Purpose,
    [property: JsonPropertyName("validFrom"), JsonPropertyOrder(5)] DateTimeOffset? ValidFrom = null,
    [property: JsonPropertyName("validUntil"), JsonPropertyOrder(6)] DateTimeOffset? ValidUntil = null);
