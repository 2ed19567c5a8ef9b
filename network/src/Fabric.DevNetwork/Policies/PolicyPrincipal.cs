namespace Fabric.DevNetwork.Policies;

/// <summary>One principal of a signature policy: an MSP ID and the role an identity must have in it.</summary>
/// <param name="MspId">The organisation's MSP ID, for example <c>Org1MSP</c>.</param>
/// <param name="Role">The role the signer must have.</param>
public sealed record PolicyPrincipal(string MspId, PrincipalRole Role)
{
    /// <summary>Whether <paramref name="identity"/> satisfies this principal.</summary>
    public bool IsSatisfiedBy(PolicyIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return string.Equals(identity.MspId, MspId, StringComparison.Ordinal)
            && (Role == PrincipalRole.Member || identity.Roles.Contains(Role));
    }

    /// <summary>The principal in Fabric's policy language, for example <c>'Org1MSP.peer'</c>.</summary>
    public override string ToString() => $"'{MspId}.{Role.ToString().ToLowerInvariant()}'";
}
