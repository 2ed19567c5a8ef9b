namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>A leaf: one signer that satisfies the principal.</summary>
internal sealed class SignedByPolicy(PolicyPrincipal principal) : EndorsementPolicy
{
    public PolicyPrincipal Principal { get; } = principal;

    public override string ToString() => Principal.ToString();

    private protected override bool Evaluate(PolicyIdentity[] signers, bool[] used, IReadOnlyCollection<string> channelMspIds)
    {
        for (var i = 0; i < signers.Length; i++)
        {
            if (!used[i] && Principal.IsSatisfiedBy(signers[i]))
            {
                used[i] = true;
                return true;
            }
        }

        return false;
    }
}
