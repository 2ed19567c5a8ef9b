using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity;

namespace Fabric.DevNetwork.Policies.Internal;

/// <summary>The NodeOU roles a validated certificate holds under its MSP's NodeOU identifiers.</summary>
internal static class NodeOURoles
{
    private static readonly (NodeOU OU, PrincipalRole Role)[] s_roles =
        [(NodeOU.Client, PrincipalRole.Client), (NodeOU.Peer, PrincipalRole.Peer), (NodeOU.Admin, PrincipalRole.Admin), (NodeOU.Orderer, PrincipalRole.Orderer)];

    public static HashSet<PrincipalRole> Of(X509Certificate2 certificate, MspVerifier verifier)
    {
        var roles = new HashSet<PrincipalRole> { PrincipalRole.Member };
        var ous = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.11")
            .Select(rdn => rdn.GetSingleElementValue())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (ou, role) in s_roles)
        {
            var identifier = verifier.NodeOUs.For(ou)?.OrganizationalUnitIdentifier ?? NodeOUSettings.DefaultIdentifier(ou);
            if (ous.Contains(identifier))
            {
                roles.Add(role);
            }
        }

        return roles;
    }
}
