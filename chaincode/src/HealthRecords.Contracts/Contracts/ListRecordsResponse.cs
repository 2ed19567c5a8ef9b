using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>One page of record summaries, ordered by category, then time, then record id.</summary>
/// <param name="Records">The records of this page.</param>
/// <param name="Bookmark">Pass it back for the next page; empty when this is the last.</param>
/// <param name="FetchedCount">How many index entries the page read.</param>
public sealed record ListRecordsResponse(
    [property: JsonPropertyName("records"), JsonPropertyOrder(0)] IReadOnlyList<RecordSummary> Records,
    [property: JsonPropertyName("bookmark"), JsonPropertyOrder(1)] string Bookmark,
    [property: JsonPropertyName("fetchedCount"), JsonPropertyOrder(2)] int FetchedCount);
