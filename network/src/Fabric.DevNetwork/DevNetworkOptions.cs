using Hyperledger.Fabric.Identity;
using Fabric.DevNetwork.Ordering;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork;

/// <summary>Configuration of a <see cref="DevNetwork"/>.</summary>
public sealed record DevNetworkOptions
{
    /// <summary>
    /// The data folder: crypto material (<c>crypto/</c>, generated on first start and reused), the
    /// channel's block store (<c>ledger/&lt;channel&gt;/blocks.dat</c>) and the network description. Required.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>Number of peer organisations (Org1MSP, Org2MSP, ...), one peer each. Default 2. Fixed once the data folder exists.</summary>
    public int OrganizationCount { get; init; } = 2;

    /// <summary>Serve the Gateway over TLS with each peer's <c>tls/server.crt</c>. Default true; false = plaintext HTTP/2 (loopback debugging).</summary>
    public bool UseTls { get; init; } = true;

    /// <summary>Address the peers listen on. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>
    /// Port of the first peer; peer <c>i</c> listens on <c>BasePort + 2000 * i</c> (7051, 9051, ... like
    /// Fabric's test network). Default 0: every peer gets an ephemeral port (tests).
    /// </summary>
    public int BasePort { get; init; }

    /// <summary>The one channel. Default <c>healthchannel</c>.</summary>
    public string ChannelId { get; init; } = "healthchannel";

    /// <summary>Chaincodes defined on the channel, each run as a service the peers dial. Default none.</summary>
    public IReadOnlyList<ChaincodeDefinition> Chaincodes { get; init; } = [];

    /// <summary>
    /// Organisations' channel policies by MSP ID (<c>Org1MSP</c>), written into the config block. Default
    /// none: every organisation keeps our configtx.yaml's policies. Fixed once the data folder exists.
    /// </summary>
    public IReadOnlyDictionary<string, OrganizationPolicyOptions> OrganizationPolicies { get; init; } = new Dictionary<string, OrganizationPolicyOptions>();

    /// <summary>The channel's Application-level policies, written into the config block. Default: our configtx.yaml's. Fixed once the data folder exists.</summary>
    public ApplicationPolicyOptions ApplicationPolicies { get; init; } = new();

    /// <summary>Block cutting. Default: Fabric's test network (10 transactions or 2 s).</summary>
    public BatchOptions Batch { get; init; } = new();

    /// <summary>How long a peer waits for a chaincode to finish a transaction. Default 30 s (Fabric's executetimeout).</summary>
    public TimeSpan ChaincodeExecuteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a gateway waits for the orderer to answer one submit's <c>Broadcast</c>, within the submit's own
    /// deadline (Fabric's <c>peer.gateway.broadcastTimeout</c>). Default 30 s, as Fabric's. An orderer that does not
    /// answer in time fails the submit with UNAVAILABLE "no orderers could successfully process transaction"; a
    /// submit whose own deadline comes first fails with DEADLINE_EXCEEDED, as Fabric's gateway.
    /// </summary>
    public TimeSpan BroadcastTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The organisations' MSP signature hash family (Fabric's <c>FabricCryptoConfig.signature_hash_family</c>):
    /// the peers check client, endorsement and commit-status signatures over SHA-256 (SHA2) or SHA3-256
    /// (SHA3) of the signed bytes, whatever the key's curve, and sign their own endorsements the same way.
    /// Default <see cref="MspHashFamily.Sha2"/>, as cryptogen and Fabric CA networks are configured.
    /// </summary>
    public MspHashFamily SignatureHashFamily { get; init; } = MspHashFamily.Sha2;

    /// <summary>
    /// The fault hook's initial lags by peer name (for example <c>peer0.org2.example.com</c>): that peer
    /// commits each block at the earliest this long after the orderer stored it, so it endorses from
    /// older state meanwhile. Default none. Change at run time with <see cref="DevNetwork.GetCommitFaults"/>.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> PeerCommitLags { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>
    /// How often each member peer's reconciler looks for private data it committed without (the transient
    /// hand-over lacked it, for example after a restart) and fetches it from another member peer of the
    /// collection (Fabric's <c>peer.gossip.pvtData.reconcileSleepInterval</c>). Default 1 minute, as
    /// Fabric's; <see cref="Timeout.InfiniteTimeSpan"/> turns reconciliation off
    /// (<c>reconciliationEnabled: false</c>). Run one pass at any time with <see cref="DevNetwork.ReconcilePrivateDataAsync"/>.
    /// </summary>
    public TimeSpan PrivateDataReconcileInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Logging; null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
