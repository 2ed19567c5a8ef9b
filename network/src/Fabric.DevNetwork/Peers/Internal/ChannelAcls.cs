using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel's <c>ACLs</c> value, as our configtx.yaml's Application section sets it: Fabric's resource
/// names mapped to the policy each one is checked against. Resources not listed keep Fabric's defaults
/// (<c>peer/Propose</c>: Writers; the rest: Readers).
/// </summary>
internal static class ChannelAcls
{
    /// <summary>Gateway <c>CommitStatus</c>.</summary>
    public const string GatewayCommitStatus = "gateway/CommitStatus";

    /// <summary>Gateway <c>ChaincodeEvents</c>.</summary>
    public const string GatewayChaincodeEvents = "gateway/ChaincodeEvents";

    /// <summary>The peer's <c>Deliver</c> and <c>DeliverWithPrivateData</c>.</summary>
    public const string EventBlock = "event/Block";

    /// <summary>The peer's <c>DeliverFiltered</c>.</summary>
    public const string EventFilteredBlock = "event/FilteredBlock";

    /// <summary>The query system chaincode's height query.</summary>
    public const string QsccGetChainInfo = "qscc/GetChainInfo";

    /// <summary>The resources our configtx.yaml names, with their policies.</summary>
    public static IReadOnlyDictionary<string, ChannelAccess> Resources { get; } = new Dictionary<string, ChannelAccess>(StringComparer.Ordinal)
    {
        [GatewayCommitStatus] = ChannelAccess.StatusReaders,
        [EventFilteredBlock] = ChannelAccess.StatusReaders,
        [QsccGetChainInfo] = ChannelAccess.StatusReaders,
        [EventBlock] = ChannelAccess.Readers,
        [GatewayChaincodeEvents] = ChannelAccess.Readers,
        ["qscc/GetBlockByNumber"] = ChannelAccess.Readers,
        ["qscc/GetBlockByHash"] = ChannelAccess.Readers,
        ["qscc/GetTransactionByID"] = ChannelAccess.Readers,
        ["qscc/GetBlockByTxID"] = ChannelAccess.Readers,
    };

    /// <summary>The policy a resource is checked against.</summary>
    public static ChannelAccess PolicyOf(string resource) => Resources[resource];

    /// <summary>The config value configtxgen writes for the section.</summary>
    public static ACLs ToConfigValue()
    {
        var acls = new ACLs();
        foreach (var (resource, access) in Resources)
        {
            acls.Acls.Add(resource, new APIResource { PolicyRef = access.Path() });
        }

        return acls;
    }
}
