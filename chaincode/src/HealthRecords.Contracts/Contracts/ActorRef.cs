using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>An identity as the ledger records it: organisation, unique id and role at the time.</summary>
/// <param name="MspId">The MSP id of the identity's organisation.</param>
/// <param name="Id">The identity's unique id.</param>
/// <param name="Role">The <c>hrec.role</c> it had (<c>none</c> when absent).</param>
public sealed record ActorRef(
    [property: JsonPropertyName("mspId"), JsonPropertyOrder(0)] string MspId,
    [property: JsonPropertyName("id"), JsonPropertyOrder(1)] string Id,
    [property: JsonPropertyName("role"), JsonPropertyOrder(2)] string Role);
