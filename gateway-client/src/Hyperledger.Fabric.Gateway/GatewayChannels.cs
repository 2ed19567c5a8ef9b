using Hyperledger.Fabric.Gateway.Internal;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// Builds a <see cref="GrpcChannel"/> for one Fabric peer from a connection-profile entry: TLS with the
/// organisation's CA roots (custom root trust, not the machine store), a server-name override that sets
/// both the TLS name (SNI, certificate check) and the <c>:authority</c> of every call, an optional client
/// certificate, and keep-alive pings within Fabric's enforcement limits. The caller owns and disposes
/// the channel, and may pass it (or a <c>CallInvoker</c> with interceptors over it) in
/// <see cref="GatewayOptions.Channels"/> or <see cref="GatewayOptions.CallInvokers"/>.
/// </summary>
public static class GatewayChannels
{
    /// <summary>The shortest keep-alive ping delay accepted: Fabric peers enforce a minimum interval.</summary>
    public static readonly TimeSpan MinimumKeepAlivePingDelay = TimeSpan.FromSeconds(10);

    /// <summary>Creates a channel to <paramref name="endpoint"/>; no connection is made until the first call.</summary>
    /// <param name="endpoint">Address (<c>grpcs://</c>, <c>grpc://</c>, <c>https://</c> or <c>http://</c>), TLS roots, server-name override, client certificate.</param>
    /// <param name="options">Timeouts, keep-alive and limits; null for defaults.</param>
    /// <returns>A channel the caller owns: dispose it when done.</returns>
    /// <exception cref="ArgumentException">The address or an option is invalid.</exception>
    public static GrpcChannel ForEndpoint(GatewayEndpoint endpoint, GatewayChannelOptions? options = null) => ForEndpoint(endpoint, options, null);

    /// <param name="endpoint">See <see cref="ForEndpoint(GatewayEndpoint, GatewayChannelOptions?)"/>.</param>
    /// <param name="options">See <see cref="ForEndpoint(GatewayEndpoint, GatewayChannelOptions?)"/>.</param>
    /// <param name="opened">Called each time a connection is ready for HTTP/2 (TLS done); null for none.</param>
    internal static GrpcChannel ForEndpoint(GatewayEndpoint endpoint, GatewayChannelOptions? options, Action? opened)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new GatewayChannelOptions();
        var address = ParseAddress(endpoint.Address, nameof(endpoint));
        Validate(options);
        var clientCertificate = options.ClientCertificate ?? endpoint.ClientCertificate;
        if (clientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The client certificate must have its private key.", nameof(options));
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var sockets = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        };
        if (opened is not null)
        {
            sockets.PlaintextStreamFilter = (context, _) =>
            {
                opened();
                return ValueTask.FromResult(context.PlaintextStream);
            };
        }

        if (address.Scheme == Uri.UriSchemeHttps)
        {
            sockets.SslOptions = PeerTls.ClientOptions(
                address.Authority, endpoint.TlsRootCertificates, endpoint.ServerNameOverride, clientCertificate, loggerFactory.CreateLogger("Hyperledger.Fabric.Gateway.Tls"));
        }

        var authority = endpoint.ServerNameOverride is { Length: > 0 } name ? $"{name}:{address.Port}" : null;
        var handler = new PeerHandler(sockets, authority);
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            LoggerFactory = loggerFactory,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = options.MaxSendMessageSize,
        });
    }

    internal static Uri ParseAddress(string address, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address, paramName);
        var normalised = EndpointPool.NormaliseAddress(address);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Endpoint address '{address}' is not https://host:port, http://host:port, grpcs://host:port or grpc://host:port.", paramName);
        }

        return uri;
    }

    private static void Validate(GatewayChannelOptions options)
    {
        if (options.ConnectTimeout <= TimeSpan.Zero && options.ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("ConnectTimeout must be positive.", nameof(options));
        }

        if (options.KeepAlivePingDelay < MinimumKeepAlivePingDelay && options.KeepAlivePingDelay != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"KeepAlivePingDelay must be at least {MinimumKeepAlivePingDelay.TotalSeconds} s (Fabric's keep-alive enforcement) or infinite.", nameof(options));
        }

        if (options.KeepAlivePingTimeout < TimeSpan.FromSeconds(1) && options.KeepAlivePingTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("KeepAlivePingTimeout must be at least one second (or infinite).", nameof(options));
        }

        if (options.MaxReceiveMessageSize <= 0 || options.MaxSendMessageSize <= 0)
        {
            throw new ArgumentException("Message size limits must be positive.", nameof(options));
        }
    }

    /// <summary>
    /// Sends the override as the Host header, which HTTP/2 carries as <c>:authority</c>. It also hides the
    /// SocketsHttpHandler from Grpc.Net.Client, so the handler's own pool opens connections: a peer that
    /// restarts is dialled again on the next call, not after a subchannel reconnect backoff.
    /// </summary>
    private sealed class PeerHandler(SocketsHttpHandler sockets, string? authority) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(sockets, disposeHandler: true);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (authority is not null)
            {
                request.Headers.Host = authority;
            }

            return _inner.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
