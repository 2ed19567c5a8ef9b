using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using Google.Protobuf;

namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>
/// Writes a parsed signature policy as Fabric's <c>SignaturePolicyEnvelope</c>, the way configtxgen and
/// the peer CLI compile <c>OR('Org1MSP.admin', ...)</c>: one MSP role principal per occurrence, in the
/// order they appear, and <c>n_out_of</c> / <c>signed_by</c> rules over their indexes.
/// </summary>
internal static class SignaturePolicyWriter
{
    /// <exception cref="FormatException"><paramref name="policy"/> is not a signature policy (an implicit-meta shorthand or a reference).</exception>
    public static SignaturePolicyEnvelope Write(EndorsementPolicy policy)
    {
        var envelope = new SignaturePolicyEnvelope { Version = 0 };
        envelope.Rule = Rule(policy, envelope);
        return envelope;
    }

    private static SignaturePolicy Rule(EndorsementPolicy policy, SignaturePolicyEnvelope envelope)
    {
        switch (policy)
        {
            case SignedByPolicy signedBy:
                envelope.Identities.Add(new MSPPrincipal
                {
                    PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                    Principal = new MSPRole { MspIdentifier = signedBy.Principal.MspId, Role = Role(signedBy.Principal.Role) }.ToByteString(),
                });
                return new SignaturePolicy { SignedBy = envelope.Identities.Count - 1 };
            case OutOfPolicy outOf:
                var rule = new SignaturePolicy.Types.NOutOf { N = outOf.Required };
                foreach (var child in outOf.Children)
                {
                    rule.Rules.Add(Rule(child, envelope));
                }

                return new SignaturePolicy { NOutOf = rule };
            default:
                throw new FormatException($"\"{policy}\" is not a signature policy (expected AND, OR or OutOf over principals).");
        }
    }

    private static MSPRole.Types.MSPRoleType Role(PrincipalRole role) => role switch
    {
        PrincipalRole.Admin => MSPRole.Types.MSPRoleType.Admin,
        PrincipalRole.Client => MSPRole.Types.MSPRoleType.Client,
        PrincipalRole.Peer => MSPRole.Types.MSPRoleType.Peer,
        PrincipalRole.Orderer => MSPRole.Types.MSPRoleType.Orderer,
        _ => MSPRole.Types.MSPRoleType.Member,
    };
}
