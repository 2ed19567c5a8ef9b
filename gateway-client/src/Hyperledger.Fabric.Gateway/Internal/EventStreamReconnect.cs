using Grpc.Core;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>What an event stream does when one of its connections ends.</summary>
internal enum EventStreamNext
{
    /// <summary>The stream is over: it ended cleanly and reconnection is off.</summary>
    Stop,

    /// <summary>Nothing was delivered and the endpoint was unavailable: the same request goes to the next endpoint at once.</summary>
    NextEndpoint,

    /// <summary>Reconnect after <see cref="EventStreamReconnect.WaitAsync"/>, with a request that resumes after the last event delivered.</summary>
    Reconnect,
}

/// <summary>
/// The reconnection state that chaincode-event and block-event streams keep across their connections: the
/// endpoint the next connection uses, the failures in a row and the backoff. A connection that delivers
/// something resets them and makes its endpoint the preferred one.
/// </summary>
internal sealed class EventStreamReconnect
{
    private static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(500);
    private readonly EndpointPool _pool;
    private readonly GatewayOperation _operation;
    private readonly bool _reconnect;
    private readonly TimeSpan _initialDelay;
    private readonly TimeSpan _maxDelay;
    private readonly int? _maxAttempts;
    private bool _received;

    /// <param name="pool">The gateway's endpoints.</param>
    /// <param name="operation">What errors are reported as.</param>
    /// <param name="reconnect">Whether a broken stream is reopened; without it only an unused stream moves to another endpoint.</param>
    /// <param name="options">
    /// The stream's backoff: the first wait before reconnecting, doubled after each failure up to the longest, and the failed
    /// reconnections in a row before the stream fails (null for no limit). Null for the defaults, where the first wait, 500 ms, is also the longest.
    /// </param>
    public EventStreamReconnect(EndpointPool pool, GatewayOperation operation, bool reconnect, EventStreamOptions? options)
    {
        _pool = pool;
        _operation = operation;
        _reconnect = reconnect;
        _initialDelay = options?.ReconnectDelay ?? DefaultDelay;
        _maxDelay = options?.MaxReconnectDelay ?? DefaultDelay;
        _maxAttempts = options?.MaxReconnectAttempts;
        Delay = _initialDelay;
    }

    /// <summary>Which endpoint, counted from the preferred one, the next connection uses.</summary>
    public int Offset { get; private set; }

    /// <summary>The wait before the next reconnection.</summary>
    public TimeSpan Delay { get; private set; }

    /// <summary>Failed connections in a row.</summary>
    public int Failures { get; private set; }

    /// <summary>Call when a connection opens.</summary>
    public void Opened() => _received = false;

    /// <summary>Call for each item a connection delivers; the first one resets the backoff and prefers endpoint <paramref name="index"/>.</summary>
    public void Delivered(int index)
    {
        if (_received)
        {
            return;
        }

        _received = true;
        _pool.Prefer(index);
        Offset = 0;
        Failures = 0;
        Delay = _initialDelay;
    }

    /// <summary>Decides what follows a connection that ended with <paramref name="failure"/> (null: it ended cleanly); throws when the stream fails.</summary>
    public EventStreamNext Ended(RpcException? failure, TimeSpan timeout)
    {
        if (!_reconnect)
        {
            if (failure is null)
            {
                return EventStreamNext.Stop;
            }

            // Without reconnection, move to another endpoint only before anything was delivered.
            if (!_received && Offset + 1 < _pool.Count && failure.StatusCode == StatusCode.Unavailable)
            {
                Offset++;
                return EventStreamNext.NextEndpoint;
            }

            throw GatewayErrors.Map(failure, _operation, null, timeout);
        }

        if (failure is not null && !EventStreams.IsTransient(failure.StatusCode))
        {
            throw GatewayErrors.Map(failure, _operation, null, timeout);
        }

        Failures++;
        if (_maxAttempts is { } limit && Failures > limit)
        {
            throw failure is null
                ? new GatewayException(_operation, new global::Grpc.Core.Status(StatusCode.Unavailable, "the event stream kept ending"))
                : GatewayErrors.Map(failure, _operation, null, timeout);
        }

        return EventStreamNext.Reconnect;
    }

    /// <summary>Waits <see cref="Delay"/>, then doubles it (up to the limit) and moves to the next endpoint.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Delay, cancellationToken).ConfigureAwait(false);
        Delay = TimeSpan.FromTicks(Math.Min(Delay.Ticks * 2, _maxDelay.Ticks));
        Offset = (Offset + 1) % _pool.Count;
    }
}
