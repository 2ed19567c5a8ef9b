using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Who a consent is granted to: an organisation, one identity, or every holder of a role.</summary>
/// <param name="Type"><c>organization</c>, <c>identity</c> or <c>role</c>.</param>
/// <param name="Value">The MSP id, the identity id, or the role name (provider, emergency, device, researcher).</param>
/// <param name="MspId">For <c>identity</c> grantees: the identity's MSP id (required); otherwise null.</param>
public sealed record Grantee(
    [property: JsonPropertyName("type"), JsonPropertyOrder(0)] string Type,
    [property: JsonPropertyName("value"), JsonPropertyOrder(1)] string Value,
    [property: JsonPropertyName("mspId"), JsonPropertyOrder(2)] string? MspId = null);
