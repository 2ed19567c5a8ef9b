using System.Security.Cryptography.X509Certificates;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// One NodeOU entry of an MSP's <c>config.yaml</c>: the OU value that marks the role and, optionally,
/// the CA certificate that must have issued identities with that OU.
/// </summary>
/// <param name="OrganizationalUnitIdentifier">The OU value, e.g. <c>client</c>.</param>
/// <param name="Certificate">The CA (root or intermediate) that must be in the identity's chain, or null for any of the MSP's CAs.</param>
public sealed record NodeOUIdentifier(string OrganizationalUnitIdentifier, X509Certificate2? Certificate = null);
