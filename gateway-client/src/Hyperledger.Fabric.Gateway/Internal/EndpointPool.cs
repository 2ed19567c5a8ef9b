using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>
/// The gateway's connections, the preferred one first. A call that finds its endpoint unavailable moves
/// on to the next one and, when that works, makes it the preferred endpoint for later calls.
/// </summary>
internal sealed class EndpointPool : IDisposable
{
    private readonly Connection[] _connections;
    private readonly ILogger _logger;
    private readonly TimeSpan _connectTimeout;
    private int _preferred;
    private int _disposed;

    private EndpointPool(Connection[] connections, ILogger logger, TimeSpan connectTimeout = default)
    {
        _connections = connections;
        _logger = logger;
        _connectTimeout = connectTimeout;
    }

    public int Count => _connections.Length;

    public string PreferredAddress => _connections[Volatile.Read(ref _preferred)].Address;

    public static EndpointPool Create(GatewayOptions options, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("Hyperledger.Fabric.Gateway.Gateway");
        if (options.Channel is { } channel)
        {
            return new EndpointPool([new Connection(channel.Target, channel.CreateCallInvoker(), null)], logger);
        }

        if (options.Channels is { Count: > 0 } channels)
        {
            return new EndpointPool([.. channels.Select(c => new Connection(c.Target, c.CreateCallInvoker(), null))], logger);
        }

        if (options.CallInvokers is { Count: > 0 } invokers)
        {
            return new EndpointPool([.. invokers.Select((invoker, i) => new Connection($"call invoker {i}", invoker, null))], logger);
        }

        var connections = new List<Connection>();
        try
        {
            foreach (var endpoint in options.Endpoints)
            {
                var opening = new ConnectionOpening();
                var grpc = GatewayChannels.ForEndpoint(endpoint, new GatewayChannelOptions { ConnectTimeout = options.ConnectTimeout, LoggerFactory = loggerFactory }, opening.Opened);
                connections.Add(new Connection(grpc.Target, grpc.CreateCallInvoker(), grpc) { Opening = opening });
            }
        }
        catch
        {
            foreach (var created in connections)
            {
                created.Owned?.Dispose();
            }

            throw;
        }

        return new EndpointPool([.. connections], logger, options.ConnectTimeout);
    }

    public static string NormaliseAddress(string address)
    {
        if (address.StartsWith("grpcs://", StringComparison.OrdinalIgnoreCase))
        {
            return "https://" + address["grpcs://".Length..];
        }

        return address.StartsWith("grpc://", StringComparison.OrdinalIgnoreCase) ? "http://" + address["grpc://".Length..] : address;
    }

    /// <summary>
    /// A unary call with failover: on UNAVAILABLE (a closed connection counts) the next endpoint is tried,
    /// each at most once; when <paramref name="onlyIfNotSent"/>, only if the request certainly never
    /// reached the failed endpoint. Failures come out with closed connections already mapped to UNAVAILABLE.
    /// </summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, GatewayOperation operation, CallOptions options, bool onlyIfNotSent, TimeSpan? defaultTimeout = null)
        where TRequest : class
        where TResponse : class
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var start = Volatile.Read(ref _preferred);
        for (var i = 0; ; i++)
        {
            var index = (start + i) % _connections.Length;
            var connection = _connections[index];
            RpcException failure;
            try
            {
                // A call with the default timeout that opens a connection the gateway owns is not charged for the opening
                // (see ConnectionOpening); a deadline the caller gave bounds the call as given.
                var response = connection.Opening is { IsOpen: false } opening && defaultTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan
                    ? await opening.CallAsync(options, timeout, _connectTimeout, o => CallAsync(connection, method, request, o)).ConfigureAwait(false)
                    : await CallAsync(connection, method, request, options).ConfigureAwait(false);
                if (i > 0)
                {
                    Interlocked.CompareExchange(ref _preferred, index, start);
                }

                return response;
            }
            catch (RpcException e)
            {
                failure = GatewayErrors.Normalise(e);
            }

            if (options.CancellationToken.IsCancellationRequested || i + 1 >= _connections.Length
                || failure.StatusCode != StatusCode.Unavailable || (onlyIfNotSent && !GatewayErrors.NotSent(failure)))
            {
                throw failure;
            }

            GatewayLog.FailingOver(_logger, operation, connection.Address, failure.StatusCode, _connections[(index + 1) % _connections.Length].Address);
        }
    }

    private static async Task<TResponse> CallAsync<TRequest, TResponse>(Connection connection, Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : class
        where TResponse : class
    {
        using var call = connection.Invoker.AsyncUnaryCall(method, null, options, request);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>Opens a server stream on the endpoint <paramref name="offset"/> places after the preferred one.</summary>
    public (AsyncServerStreamingCall<TResponse> Call, int Index, string Address) OpenStream<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, int offset, CallOptions options)
        where TRequest : class
        where TResponse : class
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var index = (Volatile.Read(ref _preferred) + offset) % _connections.Length;
        var connection = _connections[index];
        var call = connection.Invoker.AsyncServerStreamingCall(method, null, options, request);
        return (call, index, connection.Address);
    }

    /// <summary>Opens a bidirectional stream (the peer's Deliver calls) on the endpoint <paramref name="offset"/> places after the preferred one.</summary>
    public (AsyncDuplexStreamingCall<TRequest, TResponse> Call, int Index, string Address) OpenDuplexStream<TRequest, TResponse>(
        Method<TRequest, TResponse> method, int offset, CallOptions options)
        where TRequest : class
        where TResponse : class
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var index = (Volatile.Read(ref _preferred) + offset) % _connections.Length;
        var connection = _connections[index];
        return (connection.Invoker.AsyncDuplexStreamingCall(method, null, options), index, connection.Address);
    }

    /// <summary>Makes <paramref name="index"/> the preferred endpoint (a stream worked there).</summary>
    public void Prefer(int index) => Volatile.Write(ref _preferred, index);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var connection in _connections)
        {
            connection.Owned?.Dispose();
        }
    }

    /// <summary>One endpoint; <paramref name="Owned"/> is the channel the gateway created (null for the caller's).</summary>
    private sealed record Connection(string Address, CallInvoker Invoker, GrpcChannel? Owned)
    {
        /// <summary>The first opening of an owned channel's connection; null for the caller's channels.</summary>
        public ConnectionOpening? Opening { get; init; }
    }
}
