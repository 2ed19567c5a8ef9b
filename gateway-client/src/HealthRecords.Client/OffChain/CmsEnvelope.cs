using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HealthRecords.Client.Internal.Cms;

namespace HealthRecords.Client.OffChain;

/// <summary>
/// Encrypts off-chain content for the certificates of one or more recipients as a standard CMS message:
/// <c>AuthEnvelopedData</c> (RFC 5083) with AES-256-GCM (RFC 5084), each recipient a
/// <c>KeyAgreeRecipientInfo</c> (RFC 5753: ephemeral-static ECDH, X9.63 KDF with SHA-256, AES-256 key wrap).
/// </summary>
/// <remarks>
/// Fabric identities have EC (P-256) keys. .NET's <c>EnvelopedCms</c> cannot encrypt to EC certificates
/// (it supports only RSA key transport; on Linux it cannot decrypt key agreement either, checked with
/// System.Security.Cryptography.Pkcs 10), so this class writes and reads the CMS structures itself. The
/// output is interoperable: <c>openssl cms -decrypt</c> (OpenSSL 3) opens it, and envelopes from
/// <c>openssl cms -encrypt -aes-256-gcm</c> open here. GCM authenticates the content, so a changed byte
/// anywhere in the ciphertext or tag fails decryption. See docs/off-chain.md.
/// </remarks>
public static class CmsEnvelope
{
    /// <summary>Encrypts <paramref name="content"/> so that each recipient, and only they, can decrypt it.</summary>
    /// <param name="content">The plaintext.</param>
    /// <param name="recipients">The recipients' certificates (EC public keys; no private key needed).</param>
    /// <returns>The DER-encoded CMS <c>ContentInfo</c>.</returns>
    /// <exception cref="ArgumentException">No recipients.</exception>
    /// <exception cref="NotSupportedException">A recipient's key is not an EC key.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> content, IEnumerable<X509Certificate2> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var list = recipients.ToList();
        if (list.Count == 0 || list.Any(r => r is null))
        {
            throw new ArgumentException("Give at least one recipient certificate (and no nulls).", nameof(recipients));
        }

        return AuthEnvelopedWriter.Write(content, list);
    }

    /// <summary>Decrypts an envelope with the recipient's certificate and its private key (EC, as ECDsa or ECDiffieHellman).</summary>
    /// <param name="envelope">The DER (or BER) CMS message.</param>
    /// <param name="certificate">The recipient's certificate, which names the recipient in the envelope.</param>
    /// <param name="privateKey">The certificate's EC private key (<see cref="ECDsa"/>, as a Fabric MSP key loads, or <see cref="ECDiffieHellman"/>).</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="CryptographicException">The envelope is malformed, not for this recipient, or tampered with.</exception>
    public static byte[] Decrypt(ReadOnlyMemory<byte> envelope, X509Certificate2 certificate, AsymmetricAlgorithm privateKey)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(privateKey);
        switch (privateKey)
        {
            case ECDiffieHellman ecdh:
                return AuthEnvelopedReader.Read(envelope, certificate, ecdh);
            case ECDsa ecdsa:
                using (var converted = ECDiffieHellman.Create(ecdsa.ExportParameters(includePrivateParameters: true)))
                {
                    return AuthEnvelopedReader.Read(envelope, certificate, converted);
                }

            default:
                throw new NotSupportedException($"Only EC private keys are supported, not {privateKey.GetType().Name}.");
        }
    }

    /// <summary>Decrypts an envelope with a certificate that carries its EC private key.</summary>
    /// <param name="envelope">The DER (or BER) CMS message.</param>
    /// <param name="certificateWithKey">The recipient's certificate with its private key.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="ArgumentException">The certificate has no EC private key.</exception>
    /// <exception cref="CryptographicException">The envelope is malformed, not for this recipient, or tampered with.</exception>
    public static byte[] Decrypt(ReadOnlyMemory<byte> envelope, X509Certificate2 certificateWithKey)
    {
        ArgumentNullException.ThrowIfNull(certificateWithKey);
        using var key = (AsymmetricAlgorithm?)certificateWithKey.GetECDsaPrivateKey()
            ?? throw new ArgumentException($"'{certificateWithKey.Subject}' has no EC private key.", nameof(certificateWithKey));
        return Decrypt(envelope, certificateWithKey, key);
    }
}
