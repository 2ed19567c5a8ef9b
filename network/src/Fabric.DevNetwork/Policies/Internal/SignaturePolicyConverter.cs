using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;

namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>Turns Fabric's binary signature policy (used by state-based endorsement) into our model.</summary>
internal static class SignaturePolicyConverter
{
    public static EndorsementPolicy Convert(SignaturePolicyEnvelope envelope)
    {
        if (envelope.Rule is null)
        {
            throw new FormatException("The signature policy has no rule.");
        }

        var principals = envelope.Identities.Select(ToPrincipal).ToArray();
        return Convert(envelope.Rule, principals, depth: 0);
    }

    private static EndorsementPolicy Convert(SignaturePolicy rule, PolicyPrincipal?[] principals, int depth)
    {
        if (depth > 32)
        {
            throw new FormatException("The signature policy is nested too deeply.");
        }

        switch (rule.TypeCase)
        {
            case SignaturePolicy.TypeOneofCase.SignedBy:
                if (rule.SignedBy < 0 || rule.SignedBy >= principals.Length)
                {
                    throw new FormatException($"The signature policy refers to identity {rule.SignedBy}, which it does not list.");
                }

                // principals we cannot evaluate (OU, identity, anonymity) match nobody
                return principals[rule.SignedBy] is { } principal ? new SignedByPolicy(principal) : new OutOfPolicy(1, []);
            case SignaturePolicy.TypeOneofCase.NOutOf:
                var children = rule.NOutOf.Rules.Select(r => Convert(r, principals, depth + 1)).ToList();
                return new OutOfPolicy(rule.NOutOf.N, children);
            default:
                throw new FormatException("The signature policy has an empty rule.");
        }
    }

    private static PolicyPrincipal? ToPrincipal(MSPPrincipal principal)
    {
        if (principal.PrincipalClassification != MSPPrincipal.Types.Classification.Role)
        {
            return null;
        }

        MSPRole role;
        try
        {
            role = MSPRole.Parser.ParseFrom(principal.Principal);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FormatException("A policy principal is not a valid MSPRole.", e);
        }

        return new PolicyPrincipal(role.MspIdentifier, role.Role switch
        {
            MSPRole.Types.MSPRoleType.Admin => PrincipalRole.Admin,
            MSPRole.Types.MSPRoleType.Client => PrincipalRole.Client,
            MSPRole.Types.MSPRoleType.Peer => PrincipalRole.Peer,
            MSPRole.Types.MSPRoleType.Orderer => PrincipalRole.Orderer,
            _ => PrincipalRole.Member,
        });
    }
}
