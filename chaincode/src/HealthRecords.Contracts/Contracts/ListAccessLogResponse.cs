using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>One page of access entries.</summary>
/// <param name="Entries">The entries of this page, oldest first.</param>
/// <param name="Bookmark">Pass it back for the next page; empty when this is the last.</param>
/// <param name="FetchedCount">How many entries the page read.</param>
public sealed record ListAccessLogResponse(
    [property: JsonPropertyName("entries"), JsonPropertyOrder(0)] IReadOnlyList<AccessEntry> Entries,
    [property: JsonPropertyName("bookmark"), JsonPropertyOrder(1)] string Bookmark,
    [property: JsonPropertyName("fetchedCount"), JsonPropertyOrder(2)] int FetchedCount);
