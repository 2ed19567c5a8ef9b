using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Contracts;

/// <summary>
/// What <c>RequestAccess</c> and <c>EmergencyAccess</c> return: the access entry they log and its
/// history position, and no pointer. The pointers come from <c>ReadAccessedRecords</c>, which serves
/// them only once this entry is committed.
/// </summary>
/// <param name="Access">The access entry (who, which records, why, on what basis).</param>
/// <param name="History">The entry's leaf position and the root after it.</param>
public sealed record AccessGrantResponse(
    [property: JsonPropertyName("access"), JsonPropertyOrder(0)] AccessEntry Access,
    [property: JsonPropertyName("history"), JsonPropertyOrder(1)] HistoryAppend History);
