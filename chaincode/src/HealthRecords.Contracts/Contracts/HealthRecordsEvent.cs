using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>The payload of the one chaincode event a transaction emits (its name repeated in <c>type</c>): ids and log positions only, never clinical content.</summary>
/// <param name="Type">The event name, one of <see cref="EventNames"/>.</param>
/// <param name="TxId">The transaction id.</param>
/// <param name="PatientId">The patient concerned.</param>
/// <param name="Actor">The caller.</param>
/// <param name="RecordId">RecordAdded: the new record; else null.</param>
/// <param name="Supersedes">RecordAdded for a correction: the record it supersedes; else null.</param>
/// <param name="Category">RecordAdded: the record category; else null.</param>
/// <param name="ConsentId">ConsentGranted / ConsentRevoked: the consent; RecordAccessed: the consent used, if any.</param>
/// <param name="Grantee">ConsentGranted / ConsentRevoked: the grantee; else null.</param>
/// <param name="AccessId">RecordAccessed / EmergencyAccess: the access entry; else null.</param>
/// <param name="RecordIds">RecordAccessed / EmergencyAccess: the records accessed; else null.</param>
/// <param name="Emergency">True only for EmergencyAccess.</param>
/// <param name="HistoryIndex">The leaf this transaction appended to the patient's history log.</param>
/// <param name="TreeSize">The log size after the append.</param>
/// <param name="RootHash">The log root after the append, hex.</param>
public sealed record HealthRecordsEvent(
    [property: JsonPropertyName("type"), JsonPropertyOrder(0)] string Type,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(1)] string TxId,
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(2)] string PatientId,
    [property: JsonPropertyName("actor"), JsonPropertyOrder(3)] ActorRef Actor,
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(4)] string? RecordId,
    [property: JsonPropertyName("supersedes"), JsonPropertyOrder(5)] string? Supersedes,
    [property: JsonPropertyName("category"), JsonPropertyOrder(6)] string? Category,
    [property: JsonPropertyName("consentId"), JsonPropertyOrder(7)] string? ConsentId,
    [property: JsonPropertyName("grantee"), JsonPropertyOrder(8)] Grantee? Grantee,
    [property: JsonPropertyName("accessId"), JsonPropertyOrder(9)] string? AccessId,
    [property: JsonPropertyName("recordIds"), JsonPropertyOrder(10)] IReadOnlyList<string>? RecordIds,
    [property: JsonPropertyName("emergency"), JsonPropertyOrder(11)] bool Emergency,
    [property: JsonPropertyName("historyIndex"), JsonPropertyOrder(12)] long HistoryIndex,
    [property: JsonPropertyName("treeSize"), JsonPropertyOrder(13)] long TreeSize,
    [property: JsonPropertyName("rootHash"), JsonPropertyOrder(14)] string RootHash);
