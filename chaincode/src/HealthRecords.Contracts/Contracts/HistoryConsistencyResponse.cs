using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>An RFC 9162 consistency proof between two sizes of a patient's log.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="FromSize">The older size.</param>
/// <param name="ToSize">The newer size.</param>
/// <param name="FromRoot">The root at <c>fromSize</c>, hex.</param>
/// <param name="ToRoot">The root at <c>toSize</c>, hex.</param>
/// <param name="Proof">The proof nodes, deepest first, hex.</param>
public sealed record HistoryConsistencyResponse(
    [property: JsonPropertyName("patientId"), JsonPropertyOrder(0)] string PatientId,
    [property: JsonPropertyName("fromSize"), JsonPropertyOrder(1)] long FromSize,
    [property: JsonPropertyName("toSize"), JsonPropertyOrder(2)] long ToSize,
    [property: JsonPropertyName("fromRoot"), JsonPropertyOrder(3)] string FromRoot,
    [property: JsonPropertyName("toRoot"), JsonPropertyOrder(4)] string ToRoot,
    [property: JsonPropertyName("proof"), JsonPropertyOrder(5)] IReadOnlyList<string> Proof);
