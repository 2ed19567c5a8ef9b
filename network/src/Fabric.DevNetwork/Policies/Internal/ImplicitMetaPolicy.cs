namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>
/// ANY / ALL / MAJORITY of the channel's organisations, each satisfied by one of its peers (the
/// organisations' own Endorsement policy in Fabric's test network is <c>OR('OrgX.peer')</c>).
/// </summary>
internal sealed class ImplicitMetaPolicy(ImplicitMetaRule rule) : EndorsementPolicy
{
    public ImplicitMetaRule Rule { get; } = rule;

    public override string ToString() => $"{Rule.ToString().ToUpperInvariant()} Endorsement";

    private protected override bool Evaluate(PolicyIdentity[] signers, bool[] used, IReadOnlyCollection<string> channelMspIds)
    {
        var count = channelMspIds.Count;
        var required = Rule switch
        {
            ImplicitMetaRule.Any => 1,
            ImplicitMetaRule.All => count,
            _ => (count / 2) + 1,
        };
        var children = channelMspIds
            .Select(m => (EndorsementPolicy)new SignedByPolicy(new PolicyPrincipal(m, PrincipalRole.Peer)))
            .ToList();
        return EvaluateChild(new OutOfPolicy(required, children), signers, used, channelMspIds);
    }
}
