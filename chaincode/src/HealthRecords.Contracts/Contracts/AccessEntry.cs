using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>One logged access to a patient's record pointers: who, what, why, under which consent, when.</summary>
/// <param name="AccessId">Derived from the accessing transaction's id.</param>
/// <param name="PatientId">The patient whose records were accessed.</param>
/// <param name="RecordIds">The record ids returned, sorted.</param>
/// <param name="Accessor">Who accessed them.</param>
/// <param name="Purpose">The purpose the accessor stated.</param>
/// <param name="Basis">Why it was allowed: <c>patient</c>, <c>delegate</c>, <c>custodian</c>, <c>consent</c> or <c>break-glass</c>.</param>
/// <param name="ConsentId">The consent used when the basis is <c>consent</c>, else null.</param>
/// <param name="Emergency">True for break-glass access.</param>
/// <param name="Reason">The mandatory justification of break-glass access, else null.</param>
/// <param name="AccessedAt">The transaction's timestamp.</param>
/// <param name="TxId">The transaction's id.</param>
/// <param name="HistoryIndex">The index of the access leaf in the patient's history log.</param>
public sealed record AccessEntry(
    [property: JsonPropertyName("accessId"), JsonPropertyOrder(0)] string AccessId,
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(1)] string PatientId,
    [property: JsonPropertyName("recordIds"), JsonPropertyOrder(2)] IReadOnlyList<string> RecordIds,
    [property: JsonPropertyName("accessor"), JsonPropertyOrder(3)] ActorRef Accessor,
    [property: JsonPropertyName("purpose"), JsonPropertyOrder(4)] string Purpose,
    [property: JsonPropertyName("basis"), JsonPropertyOrder(5)] string Basis,
    [property: JsonPropertyName("consentId"), JsonPropertyOrder(6)] string? ConsentId,
    [property: JsonPropertyName("emergency"), JsonPropertyOrder(7)] bool Emergency,
    [property: JsonPropertyName("reason"), JsonPropertyOrder(8)] string? Reason,
    [property: JsonPropertyName("accessedAt"), JsonPropertyOrder(9)] DateTimeOffset AccessedAt,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(10)] string TxId,
    [property: JsonPropertyName("historyIndex"), JsonPropertyOrder(11)] long HistoryIndex);
