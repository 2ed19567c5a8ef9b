using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;

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

        var principals = envelope.Identities.Select(ToLeaf).ToArray();
        return Convert(envelope.Rule, principals, depth: 0);
    }

    private static EndorsementPolicy Convert(SignaturePolicy rule, EndorsementPolicy?[] principals, int depth)
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

                // principals we cannot evaluate (OU, anonymity, an identity that does not decode) match nobody
                return principals[rule.SignedBy] ?? new OutOfPolicy(1, []);
            case SignaturePolicy.TypeOneofCase.NOutOf:
                var children = rule.NOutOf.Rules.Select(r => Convert(r, principals, depth + 1)).ToList();
                return new OutOfPolicy(rule.NOutOf.N, children);
            default:
                throw new FormatException("The signature policy has an empty rule.");
        }
    }

    private static EndorsementPolicy? ToLeaf(MSPPrincipal principal) => principal.PrincipalClassification switch
    {
        MSPPrincipal.Types.Classification.Role => new SignedByPolicy(ToPrincipal(principal)),
        MSPPrincipal.Types.Classification.Identity => ToIdentity(principal),
        _ => null,
    };

    // an IDENTITY principal is a serialized identity: the MSP ID and the PEM certificate a signer must present
    private static SignedByIdentityPolicy? ToIdentity(MSPPrincipal principal)
    {
        try
        {
            var identity = SerializedIdentity.Parser.ParseFrom(principal.Principal);
            using var certificate = X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
            return new SignedByIdentityPolicy(identity.Mspid, PolicyIdentity.CertificateHashOf(certificate));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static PolicyPrincipal ToPrincipal(MSPPrincipal principal)
    {

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
