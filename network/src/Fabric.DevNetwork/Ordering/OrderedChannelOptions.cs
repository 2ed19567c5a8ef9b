using Fabric.DevNetwork.Policies;
using Hyperledger.Fabric.Identity;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ordering;

/// <summary>Configuration of one channel: where its ledger lives, who is in it, how blocks are cut.</summary>
public sealed record OrderedChannelOptions
{
    /// <summary>
    /// Folder for the channel's files (created if missing). Without <see cref="Peers"/>, the one peer
    /// ledger keeps its <c>blocks.dat</c> here; the orderer's chain goes to <see cref="OrdererDirectory"/>. Required.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>Folder of the orderer's copy of the chain (<c>blocks.dat</c>). Default <c>orderer</c> under <see cref="DataDirectory"/>.</summary>
    public string? OrdererDirectory { get; init; }

    /// <summary>
    /// The peers that each keep their own ledger of the channel, committing the orderer's blocks at
    /// their own pace. Default empty: one peer named <c>peer</c> with its ledger in <see cref="DataDirectory"/>.
    /// </summary>
    public IReadOnlyList<PeerLedgerOptions> Peers { get; init; } = [];

    /// <summary>The channel id. Default <c>healthchannel</c>.</summary>
    public string ChannelId { get; init; } = "healthchannel";

    /// <summary>Verifiers of the channel's application organisations (creators and endorsers are checked against them). Required.</summary>
    public required IReadOnlyList<MspVerifier> Organizations { get; init; }

    /// <summary>
    /// The application organisations' MSP signature hash family: creator and endorsement signatures are
    /// checked over SHA-256 (SHA2) or SHA3-256 (SHA3) of the signed bytes, whatever the key's curve.
    /// Default <see cref="MspHashFamily.Sha2"/>, Fabric's default.
    /// </summary>
    public MspHashFamily SignatureHashFamily { get; init; } = MspHashFamily.Sha2;

    /// <summary>The orderer's identity (MSP <c>OrdererMSP</c>), named in block signatures and the config block. Required.</summary>
    public required X509Identity OrdererIdentity { get; init; }

    /// <summary>The orderer's signer (its private key), for block SIGNATURES metadata. Required.</summary>
    public required ISigner OrdererSigner { get; init; }

    /// <summary>Endorsement policies by chaincode name (the rwset namespace). Chaincodes not listed use <see cref="DefaultEndorsementPolicy"/>.</summary>
    public IReadOnlyDictionary<string, EndorsementPolicy> EndorsementPolicies { get; init; } = new Dictionary<string, EndorsementPolicy>();

    /// <summary>Policy for chaincodes without their own. Default <see cref="EndorsementPolicy.Majority"/>, like Fabric.</summary>
    public EndorsementPolicy DefaultEndorsementPolicy { get; init; } = EndorsementPolicy.Majority;

    /// <summary>
    /// The channel configuration block 0 carries (a <c>common.Config</c> with the channel group). Null: an empty
    /// channel group. Only a new ledger uses it; an existing block 0 is kept.
    /// </summary>
    public Hyperledger.Fabric.Protos.Common.Config? ChannelConfig { get; init; }

    /// <summary>Block cutting. Default: Fabric's test network values.</summary>
    public BatchOptions Batch { get; init; } = new();

    /// <summary>The chaincode definitions, for their private data collections. Default none.</summary>
    public IReadOnlyList<ChaincodeDefinition> Chaincodes { get; init; } = [];

    /// <summary>Clock for batch timeouts and certificate validity checks. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The orderer's gRPC endpoint. Null (the default): none, and each peer's committer reads the orderer's
    /// blocks in process. Set: the channel serves <c>orderer.AtomicBroadcast</c> there and every peer's
    /// committer is a Deliver client of it, signing with <see cref="PeerLedgerOptions.DeliverIdentity"/>.
    /// </summary>
    public OrdererEndpointOptions? Endpoint { get; init; }

    /// <summary>
    /// How often member peers reconcile private data they missed from other member peers. Default 1 minute
    /// (Fabric's <c>reconcileSleepInterval</c>); <see cref="Timeout.InfiniteTimeSpan"/>: only on request.
    /// </summary>
    public TimeSpan PrivateDataReconcileInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Logging; null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
