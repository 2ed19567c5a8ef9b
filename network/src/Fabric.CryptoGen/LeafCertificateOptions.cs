using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.CryptoGen;

/// <summary>How to issue an end-entity certificate.</summary>
/// <param name="CommonName">The CN, e.g. <c>peer0.org1.example.com</c> or <c>alice@org1.example.com</c>.</param>
public sealed record LeafCertificateOptions(string CommonName)
{
    /// <summary>OUs after the CA's own OU, e.g. the node OU <c>client</c>.</summary>
    public IReadOnlyList<string> OrganizationalUnits { get; init; } = [];

    /// <summary>Subject alternative names: IP addresses become IP SANs, anything else DNS SANs.</summary>
    public IReadOnlyList<string> SubjectAlternativeNames { get; init; } = [];

    /// <summary>Fabric CA attributes (extension 1.2.3.4.5.6.7.8.1); no extension when empty.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Key usage; default digital signature (an MSP signing certificate).</summary>
    public X509KeyUsageFlags KeyUsage { get; init; } = X509KeyUsageFlags.DigitalSignature;

    /// <summary>Extended key usage OIDs; none by default. TLS certificates get server and client auth.</summary>
    public IReadOnlyList<string> ExtendedKeyUsages { get; init; } = [];

    /// <summary>Start of validity; default as cryptogen (now rounded to the minute, minus 5 minutes).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>End of validity; default NotBefore + 3650 days.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The key's curve; default P-256.</summary>
    public ECCurve? Curve { get; init; }

    /// <summary>The key's algorithm. Default <see cref="KeyAlgorithm.Ecdsa"/>; with <see cref="KeyAlgorithm.Ed25519"/>, <see cref="Curve"/> is ignored.</summary>
    public KeyAlgorithm KeyAlgorithm { get; init; } = KeyAlgorithm.Ecdsa;

    /// <summary>A key to certify instead of generating one (its public part is used; the caller keeps ownership).</summary>
    public ECDsa? PublicKey { get; init; }
}
