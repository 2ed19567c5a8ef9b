using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Fabric.Grpc.Server;

/// <summary>Options for <see cref="GrpcServer"/>.</summary>
public sealed record GrpcServerOptions
{
    /// <summary>The IP address to listen on (default 127.0.0.1).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port to listen on; 0 (the default) picks a free ephemeral port.</summary>
    public int Port { get; init; }

    /// <summary>The TLS certificate, with its private key. Null means plaintext HTTP/2 (h2c).</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>When set, clients must present a certificate that chains to one of these roots (mutual TLS).</summary>
    public X509Certificate2Collection? ClientCertificateRoots { get; init; }

    /// <summary>Largest request message accepted (default 100 MiB); over it the call ends with ResourceExhausted.</summary>
    public int MaxReceiveMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Largest response message sent (default 100 MiB); over it the call ends with ResourceExhausted.</summary>
    public int MaxSendMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Logging; null means no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
