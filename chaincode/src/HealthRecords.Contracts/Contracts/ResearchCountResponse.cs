using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Aggregate counts over patients with an active research consent; never names a patient.</summary>
/// <param name="Counts">One entry per requested category, in category order.</param>
/// <param name="Threshold">Patient counts from 1 to threshold - 1 are suppressed.</param>
/// <param name="AsOf">The transaction time the consents were evaluated at.</param>
public sealed record ResearchCountResponse(
    [property: JsonPropertyName("counts"), JsonPropertyOrder(0)] IReadOnlyList<CategoryCount> Counts,
    [property: JsonPropertyName("threshold"), JsonPropertyOrder(1)] int Threshold,
    [property: JsonPropertyName("asOf"), JsonPropertyOrder(2)] DateTimeOffset AsOf);
