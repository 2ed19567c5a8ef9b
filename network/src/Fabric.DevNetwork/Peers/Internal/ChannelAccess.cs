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

/// <summary>The policy path of each access.</summary>
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
}
