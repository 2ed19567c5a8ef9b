using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.CryptoGen;

/// <summary>A certificate and its private key, as PEM text ready to write in cryptogen's formats.</summary>
public sealed class IssuedCertificate : IDisposable
{
    internal IssuedCertificate(X509Certificate2 certificate, ECDsa? privateKey, string? privateKeyPem = null)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
        CertificatePem = new string(PemEncoding.Write("CERTIFICATE", certificate.RawData)) + "\n";
        PrivateKeyPem = privateKeyPem ?? (privateKey is null ? null : privateKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>The certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The ECDSA private key, or null when the caller supplied the public key or the key is Ed25519 (see <see cref="PrivateKeyPem"/>). Owned by this object.</summary>
    public ECDsa? PrivateKey { get; }

    /// <summary>The certificate as PEM (64-column base64, trailing newline, like Go's pem.Encode).</summary>
    public string CertificatePem { get; }

    /// <summary>The private key (ECDSA or Ed25519) as unencrypted PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>), as cryptogen writes <c>priv_sk</c>; null when the caller supplied the public key.</summary>
    public string? PrivateKeyPem { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        PrivateKey?.Dispose();
        Certificate.Dispose();
    }
}
