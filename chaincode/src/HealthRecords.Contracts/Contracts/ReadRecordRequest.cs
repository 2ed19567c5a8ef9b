using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>Reads a record pointer through the access rules; the read is logged.</summary>
/// <param name="RecordId">The record id.</param>
/// <param name="Purpose">The purpose of use.</param>
public sealed record ReadRecordRequest(
    [property: JsonPropertyName("recordId"), JsonPropertyOrder(0)] string RecordId,
    [property: JsonPropertyName("purpose"), JsonPropertyOrder(1)] string Purpose);
