using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Asks for research counts per category.</summary>
/// <param name="Categories">The categories to count; null for all known categories.</param>
public sealed record ResearchCountRequest(
    [property: JsonPropertyName("categories"), JsonPropertyOrder(0)] IReadOnlyList<string>? Categories = null);
