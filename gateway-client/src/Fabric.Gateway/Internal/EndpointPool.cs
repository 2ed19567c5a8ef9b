using Fabric.Grpc;
using Microsoft.Extensions.Logging;

namespace Fabric.Gateway.Internal;

/// <summary>
/// The gateway's connections, the preferred one first. A call that finds its endpoint unavailable moves
/// on to the next one and, when that works, makes it the preferred endpoint for later calls.
/// </summary>
internal sealed class EndpointPool : IDisposable
{
    private readonly Connection[] _connections;
    private readonly ILogger _logger;
    private int _preferred;
    private int _disposed;

    private EndpointPool(Connection[] connections, ILogger logger)
    {
        _connections = connections;
        _logger = logger;
    }

    public int Count => _connections.Length;

    public string PreferredAddress => _connections[Volatile.Read(ref _preferred)].Address;

    public static EndpointPool Create(GatewayOptions options, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("Fabric.Gateway.Gateway");
        if (options.Channel is { } channel)
        {
            return new EndpointPool([new Connection(channel.Target, channel, Owned: false)], logger);
        }

        var connections = new List<Connection>();
        try
        {
            foreach (var endpoint in options.Endpoints)
            {
                var address = NormaliseAddress(endpoint.Address);
                var grpc = GrpcChannel.ForAddress(address, new GrpcChannelOptions
                {
                    RootCertificates = endpoint.TlsRootCertificates,
                    ClientCertificate = endpoint.ClientCertificate,
                    ServerNameOverride = endpoint.ServerNameOverride,
                    ConnectTimeout = options.ConnectTimeout,
                    LoggerFactory = loggerFactory,
                });
                connections.Add(new Connection(address, grpc, Owned: true));
            }
        }
        catch
        {
            foreach (var created in connections)
            {
                created.Channel.Dispose();
            }

            throw;
        }

        return new EndpointPool([.. connections], logger);
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
    /// A unary call with failover: on UNAVAILABLE the next endpoint is tried, each at most once; when
    /// <paramref name="onlyIfNotSent"/>, only if the request certainly never reached the failed endpoint.
    /// </summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, GatewayOperation operation, DateTime? deadline, bool onlyIfNotSent, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var start = Volatile.Read(ref _preferred);
        for (var i = 0; ; i++)
        {
            var index = (start + i) % _connections.Length;
            var connection = _connections[index];
            try
            {
                var response = await connection.Channel.UnaryAsync(method, request, new CallOptions { Deadline = deadline, CancellationToken = cancellationToken }).ConfigureAwait(false);
                if (i > 0)
                {
                    Interlocked.CompareExchange(ref _preferred, index, start);
                }

                return response;
            }
            catch (RpcException e) when (i + 1 < _connections.Length && GatewayErrors.StatusOf(e).StatusCode == StatusCode.Unavailable && (!onlyIfNotSent || GatewayErrors.NotSent(e)))
            {
                GatewayLog.FailingOver(_logger, operation, connection.Address, StatusCode.Unavailable, _connections[(index + 1) % _connections.Length].Address);
            }
        }
    }

    /// <summary>Opens a server stream on the endpoint <paramref name="offset"/> places after the preferred one.</summary>
    public (AsyncServerStreamingCall<TResponse> Call, int Index, string Address) OpenStream<TRequest, TResponse>(
        Method<TRequest, TResponse> method, TRequest request, int offset, DateTime? deadline, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var index = (Volatile.Read(ref _preferred) + offset) % _connections.Length;
        var connection = _connections[index];
        var call = connection.Channel.ServerStreaming(method, request, new CallOptions { Deadline = deadline, CancellationToken = cancellationToken });
        return (call, index, connection.Address);
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
            if (connection.Owned)
            {
                connection.Channel.Dispose();
            }
        }
    }

    private sealed record Connection(string Address, GrpcChannel Channel, bool Owned);
}
