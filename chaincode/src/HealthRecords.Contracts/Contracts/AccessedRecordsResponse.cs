using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>What <c>ReadAccessedRecords</c> returns: the committed entry and exactly the records it names, each with its proof.</summary>
/// <param name="Access">The committed access entry the read is covered by.</param>
/// <param name="Records">The records the entry names, in the entry's order, each with the inclusion proof of the leaf that added it (current root).</param>
public sealed record AccessedRecordsResponse(
    [property: JsonPropertyName("access"), JsonPropertyOrder(0)] AccessEntry Access,
    [property: JsonPropertyName("records"), JsonPropertyOrder(1)] IReadOnlyList<RecordWithProofResponse> Records);
