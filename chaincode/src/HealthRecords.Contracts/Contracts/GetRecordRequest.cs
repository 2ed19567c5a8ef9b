using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Names a record.</summary>
/// <param name="RecordId">The record id.</param>
public sealed record GetRecordRequest(
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(0)] string RecordId);
