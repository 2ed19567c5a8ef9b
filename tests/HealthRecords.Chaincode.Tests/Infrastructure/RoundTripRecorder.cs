using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hyperledger.Fabric.Shim;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>Listens to the shim's meter: round trips per finished transaction, and requests by message type.</summary>
internal sealed class RoundTripRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Function, int RoundTrips)> _transactions = new();
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);

    public RoundTripRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ShimMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => _transactions.Enqueue((Tag(tags, ShimMetrics.FunctionTag), value)));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => _requests.AddOrUpdate(Tag(tags, ShimMetrics.MessageTypeTag), value, (_, old) => old + value));
        _listener.Start();
    }

    /// <summary>Round trips of each finished transaction of <paramref name="function"/> (one per endorsing peer).</summary>
    public IReadOnlyList<int> RoundTrips(string function) => _transactions.Where(t => t.Function == function).Select(t => t.RoundTrips).ToArray();

    /// <summary>Requests sent of one message type (GET_STATE, WRITE_BATCH_STATE, ...).</summary>
    public long Requests(string messageType) => _requests.TryGetValue(messageType, out var count) ? count : 0;

    public void Dispose() => _listener.Dispose();

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string ?? string.Empty;
            }
        }

        return string.Empty;
    }
}
