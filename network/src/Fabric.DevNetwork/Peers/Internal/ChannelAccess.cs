using Fabric.DevNetwork.Policies;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// The channel policies that guard the peer's and the orderer's services, as our configtx.yaml
/// defines them for every organisation: Writers (propose, broadcast) are admins and clients;
/// Readers (whole blocks, chaincode events, pulling blocks from the orderer) are admins and peers;
/// StatusReaders (commit status, filtered blocks, chain height) are admins, peers and clients.
/// Clients therefore read ledger data only through the chaincode, whose rules confine them to
/// what their patient relation and consents allow (docs/security.md).
/// </summary>
internal enum ChannelAccess
{
    /// <summary><c>/Channel/Application/Writers</c>.</summary>
    Writers,

    /// <summary><c>/Channel/Application/Readers</c>.</summary>
    Readers,

    /// <summary><c>/Channel/Application/StatusReaders</c>, our configtx.yaml's policy for what carries no ledger data.</summary>
    StatusReaders,
}

/// <summary>Which roles satisfy each channel policy, and Fabric's texts when none does.</summary>
internal static class ChannelAccessRoles
{
    public static bool Allows(this ChannelAccess access, IReadOnlySet<PrincipalRole> roles) => access switch
    {
        ChannelAccess.Writers => roles.Contains(PrincipalRole.Admin) || roles.Contains(PrincipalRole.Client),
        ChannelAccess.Readers => roles.Contains(PrincipalRole.Admin) || roles.Contains(PrincipalRole.Peer),
        _ => roles.Contains(PrincipalRole.Admin) || roles.Contains(PrincipalRole.Peer) || roles.Contains(PrincipalRole.Client),
    };

    /// <summary>The policy's path in the channel configuration.</summary>
    public static string PolicyPath(this ChannelAccess access) => "/Channel/Application/" + access;

    /// <summary>The implicit-meta policy's own text when no organisation's sub-policy is satisfied.</summary>
    public static string Unsatisfied(this ChannelAccess access) =>
        $"implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the '{access}' sub-policies to be satisfied";

    /// <summary>Fabric's text when a proposal's creator fails the policy (the endorser's check).</summary>
    public static string Refusal(this ChannelAccess access, string channelId) =>
        $"Failed evaluating policy on signed data during check policy on channel [{channelId}] with policy [{access.PolicyPath()}]: [{access.Unsatisfied()}]";

    /// <summary>Fabric's text when a request fails a resource's ACL (the ACL provider's check).</summary>
    public static string AclRefusal(this ChannelAccess access) =>
        $"failed evaluating policy on signed data during check policy [{access.PolicyPath()}]: [{access.Unsatisfied()}]";
}
