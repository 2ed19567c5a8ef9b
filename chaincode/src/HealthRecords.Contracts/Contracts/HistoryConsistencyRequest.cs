using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Asks for a consistency proof between two sizes of a patient's log.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="FromSize">The older size (0 to toSize).</param>
/// <param name="ToSize">The newer size; null for the current size.</param>
public sealed record HistoryConsistencyRequest(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("fromSize"), JsonPropertyOrder(1)] long FromSize,
    [property: JsonPropertyName("toSize"), JsonPropertyOrder(2)] long? ToSize = null);
