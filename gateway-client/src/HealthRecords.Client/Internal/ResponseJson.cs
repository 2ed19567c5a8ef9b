using System.Text.Json;
using HealthRecords.Domain;

namespace HealthRecords.Client.Internal;

/// <summary>Parses chaincode responses with the domain's strict options (unknown members are errors).</summary>
internal static class ResponseJson
{
    public static T Parse<T>(ReadOnlyMemory<byte> json, string function)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json.Span, HealthRecordsJson.Options)
                ?? throw new InvalidDataException($"{function} returned null instead of a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{function} returned a malformed {typeof(T).Name}: {e.Message}", e);
        }
    }
}
