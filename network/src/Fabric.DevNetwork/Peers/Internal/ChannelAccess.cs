namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel policies that guard the peer's and the orderer's services, evaluated from the channel's
/// config block (with our configtx.yaml: Writers are admins and clients, Readers admins, peers and clients).
/// </summary>
internal enum ChannelAccess
{
    /// <summary><c>/Channel/Application/Writers</c>: proposals.</summary>
    Writers,

    /// <summary><c>/Channel/Application/Readers</c>: commit status, chaincode events, the peer's Deliver.</summary>
    Readers,

    /// <summary><c>/Channel/Writers</c>: the orderer's Broadcast.</summary>
    ChannelWriters,
}

/// <summary>The policy path of each access and Fabric's refusal texts.</summary>
internal static class ChannelAccessRoles
{
    public static string Path(this ChannelAccess access) => access switch
    {
        ChannelAccess.Writers => "/Channel/Application/Writers",
        ChannelAccess.Readers => "/Channel/Application/Readers",
        _ => "/Channel/Writers",
    };

    /// <summary>Fabric's text when the policy is not satisfied; <paramref name="reason"/> is the policy's own error.</summary>
    public static string Refusal(this ChannelAccess access, string channelId, string reason) =>
        $"Failed evaluating policy on signed data during check policy on channel [{channelId}] with policy [{access.Path()}]: [{reason}]";
}
