using System.Security.Cryptography.X509Certificates;

namespace Hyperledger.Fabric.Gateway;

/// <summary>One peer's Gateway endpoint: where it listens and how to trust it.</summary>
public sealed record GatewayEndpoint
{
    /// <summary>
    /// The address: <c>https://host:port</c> (TLS) or <c>http://host:port</c> (plaintext HTTP/2, loopback
    /// debugging). The connection-profile forms <c>grpcs://</c> and <c>grpc://</c> are accepted too. Required.
    /// </summary>
    public required string Address { get; init; }

    /// <summary>The CA certificates that issued the peer's TLS certificate; null to trust the system roots.</summary>
    public X509Certificate2Collection? TlsRootCertificates { get; init; }

    /// <summary>
    /// The host name to expect in the peer's TLS certificate and to send as <c>:authority</c>, when it
    /// differs from the address (Fabric's <c>ssl-target-name-override</c>); null for the address's host.
    /// </summary>
    public string? ServerNameOverride { get; init; }

    /// <summary>A client certificate, with its private key, for peers that require mutual TLS; null for none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }
}
