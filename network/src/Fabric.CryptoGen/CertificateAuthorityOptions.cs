using System.Security.Cryptography;

namespace Fabric.CryptoGen;

/// <summary>How to create a self-signed CA.</summary>
/// <param name="CommonName">The CA's CN, e.g. <c>ca.org1.example.com</c>.</param>
/// <param name="Organization">The CA's O, e.g. <c>org1.example.com</c>.</param>
public sealed record CertificateAuthorityOptions(string CommonName, string Organization)
{
    /// <summary>Subject fields; default cryptogen's.</summary>
    public CertificateSubjectOptions Subject { get; init; } = CertificateSubjectOptions.Default;

    /// <summary>Start of validity; default now rounded to the minute, minus 5 minutes (as cryptogen).</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Validity length; default 3650 days (as cryptogen).</summary>
    public TimeSpan? Validity { get; init; }

    /// <summary>The key's curve; default P-256.</summary>
    public ECCurve? Curve { get; init; }

    /// <summary>The key's algorithm. Default <see cref="KeyAlgorithm.Ecdsa"/>; with <see cref="KeyAlgorithm.Ed25519"/>, <see cref="Curve"/> is ignored.</summary>
    public KeyAlgorithm KeyAlgorithm { get; init; } = KeyAlgorithm.Ecdsa;
}
