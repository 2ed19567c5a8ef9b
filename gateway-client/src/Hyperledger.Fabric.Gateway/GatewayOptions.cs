using Grpc.Core;
using Grpc.Net.Client;
using Hyperledger.Fabric.Identity;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// How <see cref="Gateway.Connect"/> connects: the client identity, how it signs, which Gateway
/// endpoints to use, and the default timeout of each call. Validated when connecting.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>The client identity (MSP id and certificate) every request is made as. Required.</summary>
    public IIdentity? Identity { get; init; }

    /// <summary>
    /// Signs digests with the identity's private key. Null for offline signing: every step then exposes
    /// its <c>Digest</c>, and the caller attaches a signature made elsewhere through
    /// <see cref="IGateway.NewSignedProposal"/> and its siblings. Default null.
    /// </summary>
    public ISigner? Signer { get; init; }

    /// <summary>
    /// The hash applied to each message before signing. Fabric's MSPs hash with their configured family
    /// whatever the key's curve, so this is <see cref="Hashes.Sha256"/> for P-256 and P-384 keys alike
    /// (SHA2, the default family) or <see cref="Hashes.Sha3_256"/> for an MSP configured with SHA3; see
    /// <see cref="Hashes.ForFamily"/>. Default <see cref="Hashes.Sha256"/>.
    /// </summary>
    public HashFunction Hash { get; init; } = Hashes.Sha256;

    /// <summary>
    /// Gateway endpoints, the preferred one first. With several, a call that finds its endpoint
    /// unavailable moves on to the next (see docs/gateway-client.md, "Failover"). Give either this or
    /// <see cref="Channel"/>, <see cref="Channels"/> or <see cref="CallInvokers"/>. The gateway creates its
    /// connections with <see cref="GatewayChannels.ForEndpoint"/> and disposes them.
    /// </summary>
    public IReadOnlyList<GatewayEndpoint> Endpoints { get; init; } = [];

    /// <summary>
    /// One connection the caller created and owns (instead of <see cref="Endpoints"/>); the gateway never disposes it.
    /// Build one for a Fabric peer with <see cref="GatewayChannels.ForEndpoint"/>, or with <see cref="GrpcChannel.ForAddress(string, GrpcChannelOptions)"/>.
    /// </summary>
    public GrpcChannel? Channel { get; init; }

    /// <summary>
    /// Several caller-owned connections, the preferred one first, for failover between peers; the gateway never disposes them.
    /// </summary>
    public IReadOnlyList<GrpcChannel> Channels { get; init; } = [];

    /// <summary>
    /// Caller-owned call invokers (for example <c>channel.Intercept(interceptor)</c>), the preferred one first, for
    /// failover between peers. Give at most one of <see cref="Endpoints"/>, <see cref="Channel"/>, <see cref="Channels"/> and this.
    /// </summary>
    public IReadOnlyList<CallInvoker> CallInvokers { get; init; } = [];

    /// <summary>Default time allowed for an evaluate call. Default 5 s (as the official clients).</summary>
    public TimeSpan EvaluateTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Default time allowed for an endorse call. Default 15 s.</summary>
    public TimeSpan EndorseTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Default time allowed for a submit call. Default 5 s.</summary>
    public TimeSpan SubmitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Default time allowed to wait for a transaction's commit status. Default 3 min: long enough for a BFT
    /// ordering service to replace a failed leader (SmartBFT's default leader heartbeat timeout of 1 min plus
    /// its view change; a transaction was seen to commit 83 s after its submit on Fabric 3.1.5), so a slow
    /// commit is not mistaken for a lost one. A timeout here means the transaction may still commit.
    /// </summary>
    public TimeSpan CommitStatusTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Deadline of each chaincode-events stream (one connection of it, for a reconnecting stream).
    /// Default <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: a stream lasts until the caller leaves it.
    /// </summary>
    public TimeSpan ChaincodeEventsTimeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Deadline of each block-events stream (one connection of it, for a reconnecting stream).
    /// Default <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: a stream lasts until the caller leaves it.
    /// </summary>
    public TimeSpan BlockEventsTimeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Time allowed to open a connection to an endpoint, TLS included (the gateway's own connections only). Default 10 s.
    /// The call that opens a connection the first time starts its own timeout (<see cref="EvaluateTimeout"/> and the others)
    /// once the connection is open, so a slow first connection of a fresh process is not taken out of the peer's time;
    /// a deadline given in <see cref="GatewayCallOptions"/> bounds the call as given.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Logging for the gateway and its connections; null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
