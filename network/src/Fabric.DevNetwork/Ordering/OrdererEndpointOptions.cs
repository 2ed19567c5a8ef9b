using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity;

namespace Fabric.DevNetwork.Ordering;

/// <summary>
/// The orderer's gRPC endpoint (<c>orderer.AtomicBroadcast</c>: Broadcast and Deliver). When a channel has
/// one, every peer's committer takes its blocks from it over Deliver, as Fabric's peers do.
/// </summary>
public sealed record OrdererEndpointOptions
{
    /// <summary>Address to listen on. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on. Default 0: an ephemeral port, chosen at start.</summary>
    public int Port { get; init; }

    /// <summary>The orderer's TLS server certificate with its private key. Null (the default): plaintext HTTP/2.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>The TLS CA the peers' Deliver clients trust for the orderer (the orderer organisation's). Required with <see cref="TlsCertificate"/>.</summary>
    public X509Certificate2? TlsRootCertificate { get; init; }

    /// <summary>
    /// The orderer organisation's verifier: its members (the orderer admin, for example) may read blocks
    /// through the channel's Readers policy as the application organisations' do. Null: only those.
    /// </summary>
    public MspVerifier? OrdererOrganization { get; init; }

    /// <summary>A peer's first wait before it dials the orderer again after a lost Deliver stream; it doubles each time. Default 50 ms.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between a peer's reconnection attempts. Default 2 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);
}
