using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>An identity allowed to act for a patient: the patient's own (<c>self</c>) or a guardian (<c>delegate</c>).</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="MspId">The identity's MSP id.</param>
/// <param name="IdentityId">The identity's unique id.</param>
/// <param name="Relation"><c>self</c> or <c>delegate</c>.</param>
/// <param name="Status"><c>active</c> or <c>deactivated</c>.</param>
/// <param name="AddedAt">When it was bound.</param>
/// <param name="AddedBy">Who bound it.</param>
/// <param name="TxId">The binding transaction's id.</param>
/// <param name="DeactivatedAt">When it was deactivated, or null.</param>
/// <param name="DeactivatedBy">Who deactivated it, or null.</param>
public sealed record IdentityBinding(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("mspId"), JsonPropertyOrder(1)] string MspId,
    [property: JsonPropertyName("identityId"), JsonPropertyOrder(2)] string IdentityId,
    [property: JsonPropertyName("relation"), JsonPropertyOrder(3)] string Relation,
    [property: JsonPropertyName("status"), JsonPropertyOrder(4)] string Status,
    [property: JsonPropertyName("addedAt"), JsonPropertyOrder(5)] DateTimeOffset AddedAt,
    [property: JsonPropertyName("addedBy"), JsonPropertyOrder(6)] ActorRef AddedBy,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(7)] string TxId,
    [property: JsonPropertyName("deactivatedAt"), JsonPropertyOrder(8)] DateTimeOffset? DeactivatedAt,
    [property: JsonPropertyName("deactivatedBy"), JsonPropertyOrder(9)] ActorRef? DeactivatedBy);
