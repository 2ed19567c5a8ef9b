using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>One page of consents.</summary>
/// <param name="Consents">The consents of this page.</param>
/// <param name="Bookmark">Pass it back for the next page; empty when this is the last.</param>
/// <param name="FetchedCount">How many entries the page read.</param>
public sealed record ListConsentsResponse(
    [property: JsonPropertyName("consents"), JsonPropertyOrder(0)] IReadOnlyList<Consent> Consents,
    [property: JsonPropertyName("bookmark"), JsonPropertyOrder(1)] string Bookmark,
    [property: JsonPropertyName("fetchedCount"), JsonPropertyOrder(2)] int FetchedCount);
