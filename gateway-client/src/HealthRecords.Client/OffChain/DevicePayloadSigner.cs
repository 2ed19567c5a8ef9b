using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Client.OffChain;

/// <summary>
/// Signs and verifies device payloads (a wearable's readings) as CMS <c>SignedData</c> (RFC 5652) with the
/// device's EC identity, using .NET's <see cref="SignedCms"/>: SHA-256, the signer's certificate included,
/// a signing-time attribute. The content is encapsulated, so the signed message is self-contained.
/// </summary>
public static class DevicePayloadSigner
{
    /// <summary>Signs <paramref name="content"/>.</summary>
    /// <param name="content">The payload.</param>
    /// <param name="certificate">The device's certificate.</param>
    /// <param name="privateKey">Its private key (EC as Fabric issues them, or RSA).</param>
    /// <returns>The DER-encoded CMS <c>SignedData</c>.</returns>
    public static byte[] Sign(ReadOnlySpan<byte> content, X509Certificate2 certificate, AsymmetricAlgorithm privateKey)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(privateKey);
        var signed = new SignedCms(new ContentInfo(content.ToArray()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate, privateKey)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        signed.ComputeSignature(signer, silent: true);
        return signed.Encode();
    }

    /// <summary>
    /// Verifies a signed payload: the signature must verify with the included certificate, and, when
    /// <paramref name="trustedRoots"/> is given, that certificate must chain to one of them (custom root trust,
    /// no revocation check). With <paramref name="expectedSigner"/>, the signer must be exactly that certificate.
    /// </summary>
    /// <param name="signedData">The CMS message from <see cref="Sign"/>.</param>
    /// <param name="trustedRoots">The CA certificates device identities must chain to; null to check the signature only.</param>
    /// <param name="expectedSigner">The one certificate allowed to sign; null for any that chains.</param>
    /// <returns>The content and its signer.</returns>
    /// <exception cref="CryptographicException">Malformed, not exactly one signer, a bad signature, an untrusted or unexpected signer.</exception>
    public static SignedPayload Verify(ReadOnlySpan<byte> signedData, IEnumerable<X509Certificate2>? trustedRoots = null, X509Certificate2? expectedSigner = null)
    {
        var signed = new SignedCms();
        signed.Decode(signedData);
        if (signed.SignerInfos.Count != 1)
        {
            throw new CryptographicException($"Expected one signer, found {signed.SignerInfos.Count}.");
        }

        var info = signed.SignerInfos[0];
        info.CheckSignature(verifySignatureOnly: true);
        var certificate = info.Certificate ?? throw new CryptographicException("The signer's certificate is not included.");
        if (expectedSigner is not null && !certificate.RawDataMemory.Span.SequenceEqual(expectedSigner.RawDataMemory.Span))
        {
            throw new CryptographicException($"Signed by '{certificate.Subject}', not by the expected '{expectedSigner.Subject}'.");
        }

        if (trustedRoots is not null)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trustedRoots.ToArray());
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ExtraStore.AddRange(signed.Certificates);
            if (!chain.Build(certificate))
            {
                var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status));
                throw new CryptographicException($"The signer '{certificate.Subject}' does not chain to a trusted root ({status}).");
            }
        }

        DateTimeOffset? time = info.SignedAttributes.OfType<CryptographicAttributeObject>()
            .SelectMany(a => a.Values.OfType<AsnEncodedData>())
            .OfType<Pkcs9SigningTime>()
            .Select(t => (DateTimeOffset?)new DateTimeOffset(t.SigningTime, TimeSpan.Zero))
            .FirstOrDefault();
        return new SignedPayload(signed.ContentInfo.Content, certificate, time);
    }
}
