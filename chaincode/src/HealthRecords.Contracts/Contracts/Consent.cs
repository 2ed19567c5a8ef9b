using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A patient's consent, shaped like FHIR Consent: grantee, actions, scope, purpose, validity and status.</summary>
/// <param name="ConsentId">Derived from the granting transaction's id.</param>
/// <param name="PatientId">The patient who granted it.</param>
/// <param name="Grantee">Who may act under it.</param>
/// <param name="Actions"><c>read</c> and/or <c>append</c>, sorted.</param>
/// <param name="Scope">The categories and record ids it covers.</param>
/// <param name="Purpose">The purpose of use, from <see cref="Vocabulary.Purposes"/>.</param>
/// <param name="PurposeCode">The HL7 v3-ActReason code of the purpose (TREAT, ETREAT, HRESCH, HPAYMT, HOPERAT).</param>
/// <param name="ValidFrom">Start of validity (inclusive).</param>
/// <param name="ValidUntil">End of validity (exclusive), or null for no end.</param>
/// <param name="Status"><c>active</c> or <c>revoked</c>.</param>
/// <param name="GrantedBy">The patient identity or delegate that granted it.</param>
/// <param name="GrantedAt">The granting transaction's timestamp.</param>
/// <param name="TxId">The granting transaction's id.</param>
/// <param name="HistoryIndex">The index of the <c>consent-granted</c> leaf.</param>
/// <param name="Revocation">Set once revoked; null while active (not part of the granted leaf).</param>
public sealed record Consent(
    [property: JsonPropertyName("consentId"), JsonPropertyOrder(0)] string ConsentId,
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(1)] string PatientId,
    [property: JsonPropertyName("grantee"), JsonPropertyOrder(2)] Grantee Grantee,
    [property: JsonPropertyName("actions"), JsonPropertyOrder(3)] IReadOnlyList<string> Actions,
    [property: JsonPropertyName("scope"), JsonPropertyOrder(4)] ConsentScope Scope,
    [property: JsonPropertyName("purpose"), JsonPropertyOrder(5)] string Purpose,
    [property: JsonPropertyName("purposeCode"), JsonPropertyOrder(6)] string PurposeCode,
    [property: JsonPropertyName("validFrom"), JsonPropertyOrder(7)] DateTimeOffset ValidFrom,
    [property: JsonPropertyName("validUntil"), JsonPropertyOrder(8)] DateTimeOffset? ValidUntil,
    [property: JsonPropertyName("status"), JsonPropertyOrder(9)] string Status,
    [property: JsonPropertyName("grantedBy"), JsonPropertyOrder(10)] ActorRef GrantedBy,
    [property: JsonPropertyName("grantedAt"), JsonPropertyOrder(11)] DateTimeOffset GrantedAt,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(12)] string TxId,
    [property: JsonPropertyName("historyIndex"), JsonPropertyOrder(13)] long HistoryIndex,
    [property: JsonPropertyName("revocation"), JsonPropertyOrder(14)] Revocation? Revocation);
