using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Policies;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>What every peer of the process shares: the channel's orderer (and the gateway's Broadcast client of its endpoint), its members and chaincodes (each peer has its own ledger).</summary>
internal sealed record PeerContext(
    IOrderingService Orderer,
    ChannelMembers Members,
    IReadOnlyList<ChaincodeDefinition> Chaincodes,
    IReadOnlyDictionary<string, EndorsementPolicy> Policies,
    EndorsementPolicy DefaultPolicy,
    TimeSpan ExecuteTimeout,
    string OrdererAddress,
    Ledger.Internal.PrivateDataTransientStore Transient,
    Gateway.Internal.OrdererBroadcastClient? Broadcast = null);
