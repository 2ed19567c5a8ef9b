using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Fabric.DevNetwork;

namespace Benchmarks.Suites.Internal;

/// <summary>
/// Listens to the dev network's stage instruments (<see cref="DevNetworkMetrics"/>) while it is
/// collecting, and sums each instrument's recordings per tag set (count and total), so that a
/// window's mean stage durations and block sizes can be reported.
/// </summary>
internal sealed class StageTimings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Sum> _sums = new(StringComparer.Ordinal);
    private volatile bool _collecting;

    public StageTimings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DevNetworkMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Starts summing, from zero.</summary>
    public void Start()
    {
        _sums.Clear();
        _collecting = true;
    }

    /// <summary>Stops summing and returns the sums by instrument name (with its first tag's value after a slash, if any).</summary>
    public IReadOnlyDictionary<string, (long Count, double Total)> Stop()
    {
        _collecting = false;
        return _sums.ToDictionary(p => p.Key, p => p.Value.Read(), StringComparer.Ordinal);
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_collecting)
        {
            return;
        }

        var key = tags.Length == 0 ? instrument.Name : $"{instrument.Name}/{tags[0].Value}";
        _sums.GetOrAdd(key, _ => new Sum()).Add(value);
    }

    private sealed class Sum
    {
        private readonly Lock _gate = new();
        private long _count;
        private double _total;

        public void Add(double value)
        {
            lock (_gate)
            {
                _count++;
                _total += value;
            }
        }

        public (long, double) Read()
        {
            lock (_gate)
            {
                return (_count, _total);
            }
        }
    }
}
