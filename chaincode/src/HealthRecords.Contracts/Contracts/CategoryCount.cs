using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Research counts for one category; counts under the threshold are suppressed.</summary>
/// <param name="Category">The category.</param>
/// <param name="Patients">Consenting patients with at least one current record in it; null when suppressed.</param>
/// <param name="Records">Current records in it over those patients; null when suppressed.</param>
/// <param name="Suppressed">True when the patient count is above 0 but under the threshold.</param>
public sealed record CategoryCount(
    [property: JsonPropertyName("category"), JsonPropertyOrder(0)] string Category,
    [property: JsonPropertyName("patients"), JsonPropertyOrder(1)] long? Patients,
    [property: JsonPropertyName("records"), JsonPropertyOrder(2)] long? Records,
    [property: JsonPropertyName("suppressed"), JsonPropertyOrder(3)] bool Suppressed);
