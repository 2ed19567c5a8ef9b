using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>What a consent covers: record categories and/or individual record ids (at least one entry in all).</summary>
/// <param name="Categories">Categories from <see cref="Vocabulary.Categories"/>; stored sorted and distinct (empty, not null).</param>
/// <param name="RecordIds">Record ids of the patient; stored sorted and distinct (empty, not null).</param>
public sealed record ConsentScope(
    [property: JsonPropertyName("categories"), JsonPropertyOrder(0)] IReadOnlyList<string>? Categories = null,
    [property: JsonPropertyName("recordIds"), JsonPropertyOrder(1)] IReadOnlyList<string>? RecordIds = null);
