namespace Fabric.DevNetwork;

/// <summary>How to reach the orderer's endpoint (<c>orderer.AtomicBroadcast</c>: Broadcast and Deliver).</summary>
/// <param name="Name">The orderer's host name, <c>orderer.example.com</c> (the TLS server name).</param>
/// <param name="MspId">The orderer's organisation, <c>OrdererMSP</c>.</param>
/// <param name="Host">The address it listens on.</param>
/// <param name="Port">The port it listens on.</param>
/// <param name="UsesTls">Whether the endpoint is TLS.</param>
/// <param name="TlsCaCertificatePath">The orderer organisation's TLS CA certificate (PEM), the root a client trusts.</param>
public sealed record OrdererInfo(string Name, string MspId, string Host, int Port, bool UsesTls, string TlsCaCertificatePath)
{
    /// <summary>The connection-profile URL: <c>grpcs://host:port</c> or <c>grpc://host:port</c>.</summary>
    public string Url => $"{(UsesTls ? "grpcs" : "grpc")}://{Host}:{Port}";

    /// <summary>The HTTP/2 address for a gRPC channel: <c>https://host:port</c> or <c>http://host:port</c>.</summary>
    public string Address => $"{(UsesTls ? "https" : "http")}://{Host}:{Port}";
}
