using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>A pointer to one version of an off-chain record: where it lives and the hash of its bytes, never its content.</summary>
/// <param name="RecordId">Derived from the transaction id that added it.</param>
/// <param name="PatientId">The patient the record belongs to.</param>
/// <param name="ResourceType">The FHIR resource type, from <see cref="Vocabulary.ResourceTypes"/>.</param>
/// <param name="Category">The category, from <see cref="Vocabulary.Categories"/>.</param>
/// <param name="Custodian">The MSP id of the organisation that holds the content.</param>
/// <param name="Location">Absolute URI of the content (https, ipfs, urn or cas scheme).</param>
/// <param name="ContentHash">SHA-256 of the content bytes: 64 lowercase hex digits.</param>
/// <param name="Size">Content size in bytes.</param>
/// <param name="MediaType">The content's media type, e.g. <c>application/fhir+json</c>.</param>
/// <param name="Author">The identity that added this version.</param>
/// <param name="RecordedAt">The adding transaction's timestamp (UTC).</param>
/// <param name="TxId">The adding transaction's id.</param>
/// <param name="Version">1 for the first version, one more for each correction.</param>
/// <param name="Supersedes">The record id of the version this one corrects, or null.</param>
/// <param name="SupersededBy">The record id of the correction of this version, or null while it is current (not part of history leaves).</param>
/// <param name="HistoryIndex">The index of the leaf that added this version to the patient's history log.</param>
public sealed record RecordPointer(
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(0)] string RecordId,
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(1)] string PatientId,
    [property: JsonPropertyName("resourceType"), JsonPropertyOrder(2)] string ResourceType,
    [property: JsonPropertyName("category"), JsonPropertyOrder(3)] string Category,
    [property: JsonPropertyName("custodian"), JsonPropertyOrder(4)] string Custodian,
    [property: JsonPropertyName("location"), JsonPropertyOrder(5)] string Location,
    [property: JsonPropertyName("contentHash"), JsonPropertyOrder(6)] string ContentHash,
    [property: JsonPropertyName("size"), JsonPropertyOrder(7)] long Size,
    [property: JsonPropertyName("mediaType"), JsonPropertyOrder(8)] string MediaType,
    [property: JsonPropertyName("author"), JsonPropertyOrder(9)] ActorRef Author,
    [property: JsonPropertyName("recordedAt"), JsonPropertyOrder(10)] DateTimeOffset RecordedAt,
    [property: JsonPropertyName("txId"), JsonPropertyOrder(11)] string TxId,
    [property: JsonPropertyName("version"), JsonPropertyOrder(12)] int Version,
    [property: JsonPropertyName("supersedes"), JsonPropertyOrder(13)] string? Supersedes,
    [property: JsonPropertyName("supersededBy"), JsonPropertyOrder(14)] string? SupersededBy,
    [property: JsonPropertyName("historyIndex"), JsonPropertyOrder(15)] long HistoryIndex);
