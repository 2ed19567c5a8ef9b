using System.Collections.Concurrent;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>Reads an event stream in the background, keeping the events of the transactions a test cares about.</summary>
public sealed class EventCollector : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ChaincodeEvent> _events = new();
    private readonly Func<ChaincodeEvent, bool> _filter;
    private readonly Task _reader;

    public EventCollector(Func<CancellationToken, IAsyncEnumerable<ChaincodeEvent>> open, Func<ChaincodeEvent, bool> filter)
    {
        _filter = filter;
        _reader = Task.Run(async () =>
        {
            await foreach (var e in open(_stop.Token))
            {
                if (_filter(e))
                {
                    _events.Enqueue(e);
                }
            }
        });
    }

    public IReadOnlyList<ChaincodeEvent> Events => [.. _events];

    /// <summary>The stream's failure, if it ended by itself.</summary>
    public Task Completion => _reader;

    public async Task WaitForCountAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (_events.Count < count)
        {
            if (_reader.IsCompleted)
            {
                await _reader; // surfaces the stream's exception
                throw new InvalidOperationException($"the stream ended after {_events.Count} of {count} events");
            }

            await Task.Delay(50, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or GatewayException)
        {
            // the stream's end; tests that care about how it ended await Completion
        }

        _stop.Dispose();
    }
}
