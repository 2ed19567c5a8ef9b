namespace Fabric.DevNetwork;

/// <summary>How to reach one peer's Gateway endpoint.</summary>
/// <param name="Name">The peer's host name, for example <c>peer0.org1.example.com</c> (the TLS server name).</param>
/// <param name="MspId">The peer's organisation, for example <c>Org1MSP</c>.</param>
/// <param name="Host">The address it listens on.</param>
/// <param name="Port">The port it listens on (the same across restarts of the peer).</param>
/// <param name="UsesTls">Whether the endpoint is TLS.</param>
/// <param name="TlsCaCertificatePath">The organisation's TLS CA certificate (PEM), the root a client trusts.</param>
/// <param name="IsRunning">Whether the endpoint is serving now.</param>
public sealed record PeerInfo(string Name, string MspId, string Host, int Port, bool UsesTls, string TlsCaCertificatePath, bool IsRunning)
{
    /// <summary>The connection-profile URL: <c>grpcs://host:port</c> or <c>grpc://host:port</c>.</summary>
    public string Url => $"{(UsesTls ? "grpcs" : "grpc")}://{Host}:{Port}";

    /// <summary>The HTTP/2 address for a gRPC channel: <c>https://host:port</c> or <c>http://host:port</c>.</summary>
    public string Address => $"{(UsesTls ? "https" : "http")}://{Host}:{Port}";
}
