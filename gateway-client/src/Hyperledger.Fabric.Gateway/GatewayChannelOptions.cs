using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// How <see cref="GatewayChannels.ForEndpoint(GatewayEndpoint, GatewayChannelOptions?)"/> builds a
/// <see cref="Grpc.Net.Client.GrpcChannel"/> for a Fabric peer. Defaults suit Fabric's servers.
/// </summary>
public sealed record GatewayChannelOptions
{
    /// <summary>Time allowed to open the connection, TLS included. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Idle time before an HTTP/2 PING while calls are active. Default 1 min; at least
    /// <see cref="GatewayChannels.MinimumKeepAlivePingDelay"/> (Fabric peers close connections that
    /// ping more often than their enforcement policy allows), or <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for a PING acknowledgement before closing the connection. Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest message accepted from the peer. Default 100 MiB (Fabric's own limit).</summary>
    public int MaxReceiveMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Largest message sent to the peer. Default 100 MiB.</summary>
    public int MaxSendMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>A client certificate with its private key for mutual TLS, overriding the endpoint's. Default null.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Logging for Grpc.Net.Client and for rejected certificates; null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
