using System.Diagnostics;
using System.Text;
using Hyperledger.Fabric.Shim;
using HealthRecords.Domain;
using HealthRecords.Domain.Contracts;

namespace Benchmarks.Suites.Internal;

/// <summary>
/// Per-call time and allocation of pieces of AddRecord's path in the chaincode process, measured
/// here in isolation with a Stopwatch and the thread's allocation counter, to see which share of
/// the measured CPU per AddRecord each piece is.
/// </summary>
internal static class HotPathProbe
{
    public static IReadOnlyList<(string Piece, double Micros, long Bytes)> Run(byte[] serializedCreator, TimeSpan budget)
    {
        var request = Encoding.UTF8.GetBytes(
            "{\"patientId\":\"pt-alice\",\"resourceType\":\"Observation\",\"category\":\"laboratory\",\"location\":\"https://fhir.org1.example.com/Observation/1\","
            + "\"contentHash\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"size\":2048,\"mediaType\":\"application/fhir+json\"}");
        var parsed = HealthRecordsJson.Deserialize<AddRecordRequest>(request);
        return
        [
            Measure("client identity from the creator (X.509 parse + attributes)", () => ClientIdentity.FromSerializedIdentity(serializedCreator).Id.Length, budget),
            Measure("AddRecordRequest from JSON (reflection-based options)", () => HealthRecordsJson.Deserialize<AddRecordRequest>(request).Size > 0 ? 1 : 0, budget),
            Measure("AddRecordRequest to JSON", () => HealthRecordsJson.Serialize(parsed).Length, budget),
        ];
    }

    private static (string, double, long) Measure(string piece, Func<int> action, TimeSpan budget)
    {
        var sink = 0;
        for (var i = 0; i < 200; i++)
        {
            sink += action();
        }

        var calls = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < budget)
        {
            sink += action();
            calls++;
        }

        stopwatch.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / calls;
        GC.KeepAlive(sink);
        return (piece, stopwatch.Elapsed.TotalMicroseconds / calls, bytes);
    }
}
