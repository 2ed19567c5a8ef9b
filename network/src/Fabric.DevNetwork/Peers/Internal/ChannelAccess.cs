using Fabric.DevNetwork.Policies;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel policies that guard the peer's and the orderer's services, as our configtx.yaml
/// defines them for every organisation: Writers (propose, broadcast) are admins and clients;
/// Readers (commit status, events, deliver) are admins, peers and clients.
/// </summary>
internal enum ChannelAccess
{
    /// <summary><c>/Channel/Application/Writers</c>.</summary>
    Writers,

    /// <summary><c>/Channel/Application/Readers</c>.</summary>
    Readers,
}

/// <summary>Which roles satisfy each channel policy.</summary>
internal static class ChannelAccessRoles
{
    public static bool Allows(this ChannelAccess access, IReadOnlySet<PrincipalRole> roles) => access switch
    {
        ChannelAccess.Writers => roles.Contains(PrincipalRole.Admin) || roles.Contains(PrincipalRole.Client),
        _ => roles.Contains(PrincipalRole.Admin) || roles.Contains(PrincipalRole.Peer) || roles.Contains(PrincipalRole.Client),
    };

    /// <summary>Fabric's text when no sub-policy is satisfied.</summary>
    public static string Refusal(this ChannelAccess access, string channelId) =>
        $"Failed evaluating policy on signed data during check policy on channel [{channelId}] with policy [/Channel/Application/{access}]: "
        + $"[implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the '{access}' sub-policies to be satisfied]";
}
