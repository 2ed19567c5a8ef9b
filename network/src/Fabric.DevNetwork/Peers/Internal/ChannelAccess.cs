namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel policies that guard the peer's and the orderer's services, evaluated from the channel's
/// config block. With our configtx.yaml: Writers are admins and clients; Readers (whole blocks, chaincode
/// events, pulling blocks from the orderer) admins and peers; StatusReaders (commit status, filtered
/// blocks, chain height) admins, peers and clients. Clients therefore read ledger data only through the
/// chaincode, whose rules confine them to what their patient relation and consents allow (docs/security.md).
/// </summary>
internal enum ChannelAccess
{
    /// <summary><c>/Channel/Application/Writers</c>: proposals.</summary>
    Writers,

    /// <summary><c>/Channel/Application/Readers</c>: whole blocks and chaincode events (the peer's Deliver, ChaincodeEvents).</summary>
    Readers,

    /// <summary><c>/Channel/Application/StatusReaders</c>: what carries no ledger data (commit status, filtered blocks).</summary>
    StatusReaders,

    /// <summary><c>/Channel/Writers</c>: the orderer's Broadcast.</summary>
    ChannelWriters,

    /// <summary><c>/Channel/Readers</c>: the orderer's Deliver.</summary>
    ChannelReaders,
}

/// <summary>The policy path of each access and Fabric's refusal texts.</summary>
internal static class ChannelAccessRoles
{
    public static string Path(this ChannelAccess access) => access switch
    {
        ChannelAccess.Writers => "/Channel/Application/Writers",
        ChannelAccess.Readers => "/Channel/Application/Readers",
        ChannelAccess.StatusReaders => "/Channel/Application/StatusReaders",
        ChannelAccess.ChannelWriters => "/Channel/Writers",
        _ => "/Channel/Readers",
    };

    /// <summary>Fabric's text when a proposal's creator fails the policy (the endorser's check); <paramref name="reason"/> is the policy's own error.</summary>
    public static string Refusal(this ChannelAccess access, string channelId, string reason) =>
        $"Failed evaluating policy on signed data during check policy on channel [{channelId}] with policy [{access.Path()}]: [{reason}]";

    /// <summary>Fabric's text when a request fails a resource's ACL (the ACL provider's check).</summary>
    public static string AclRefusal(this ChannelAccess access, string reason) =>
        $"failed evaluating policy on signed data during check policy [{access.Path()}]: [{reason}]";

    /// <summary>An implicit-meta policy's own text when no organisation's sub-policy is satisfied.</summary>
    public static string NoSubPolicySatisfied(this ChannelAccess access) =>
        $"implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the '{access.Path()[(access.Path().LastIndexOf('/') + 1)..]}' sub-policies to be satisfied";
}
