using System.Text;
using System.Text.Json;
using HealthRecords.Domain.Contracts;

namespace HealthRecords.Domain.Tests.Support;

public static class TestJson
{
    public static T Read<T>(byte[] json) => JsonSerializer.Deserialize<T>(json, HealthRecordsJson.Options)!;

    /// <summary>Event payloads carry ids, never where the content lives or its hash.</summary>
    public static void AssertNoClinicalContent(byte[] payload, RecordPointer record)
    {
        var text = Encoding.UTF8.GetString(payload);
        Assert.DoesNotContain(record.Location, text, StringComparison.Ordinal);
        Assert.DoesNotContain(record.ContentHash, text, StringComparison.Ordinal);
        Assert.DoesNotContain(record.MediaType, text, StringComparison.Ordinal);
    }
}
