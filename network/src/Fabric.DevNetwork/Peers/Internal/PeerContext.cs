using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Policies;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>What every peer of the process shares: the channel's ledger and orderer, its members and chaincodes.</summary>
internal sealed record PeerContext(
    IChannelLedger Ledger,
    IOrderingService Orderer,
    ChannelMembers Members,
    IReadOnlyList<ChaincodeDefinition> Chaincodes,
    IReadOnlyDictionary<string, EndorsementPolicy> Policies,
    EndorsementPolicy DefaultPolicy,
    TimeSpan ExecuteTimeout,
    string OrdererAddress);
