using System.Security.Cryptography.X509Certificates;

namespace Hyperledger.Fabric.Gateway;

/// <summary>A peer named in a connection profile.</summary>
/// <param name="Name">The peer's name, for example <c>peer0.org1.example.com</c>.</param>
/// <param name="Url">The profile's URL, <c>grpcs://host:port</c> or <c>grpc://host:port</c>.</param>
/// <param name="MspId">The peer's organisation, or null when no organisation lists it.</param>
/// <param name="TlsCaCertificates">The TLS CA certificates to trust for it (empty for system roots).</param>
/// <param name="ServerNameOverride">The <c>ssl-target-name-override</c>, or null.</param>
public sealed record ConnectionProfilePeer(string Name, string Url, string? MspId, X509Certificate2Collection TlsCaCertificates, string? ServerNameOverride)
{
    /// <summary>The peer as a gateway endpoint.</summary>
    public GatewayEndpoint ToEndpoint() => new()
    {
        Address = Url,
        TlsRootCertificates = TlsCaCertificates.Count > 0 ? TlsCaCertificates : null,
        ServerNameOverride = ServerNameOverride,
    };
}
