using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>Self-made CAs and leaf identities, for tests that need keys no network issued.</summary>
public static class TestIdentities
{
    /// <summary>A CA and one leaf certificate (with the given OU) it issued, P-256.</summary>
    public static (X509Certificate2 Ca, X509Certificate2 Leaf, ECDsa LeafKey) CreateCaAndLeaf(string organizationalUnit = "client", string commonName = "test-user")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=unknown-ca,O=Nowhere", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={commonName},OU={organizationalUnit},O=Nowhere", leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var leaf = leafRequest.Create(ca, now.AddDays(-1), now.AddMonths(6), serial);
        return (ca, leaf, leafKey);
    }

    /// <summary>A client identity and in-process signer from a self-made CA (for fake-server tests).</summary>
    public static (X509Identity Identity, ISigner Signer) CreateClient(string mspId = "Org1MSP")
    {
        var (_, leaf, key) = CreateCaAndLeaf();
        return (new X509Identity(mspId, leaf), Signers.FromPrivateKey(key));
    }

    /// <summary>A CA and a TLS certificate (server: SAN 127.0.0.1/localhost; client: clientAuth) with its key, usable by SslStream.</summary>
    public static (X509Certificate2 Ca, X509Certificate2 Server, X509Certificate2 Client) CreateTlsMaterial()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test-tls-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        X509Certificate2 Leaf(string name, string usageOid, bool withSan)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
            if (withSan)
            {
                var san = new SubjectAlternativeNameBuilder();
                san.AddDnsName("localhost");
                san.AddIpAddress(System.Net.IPAddress.Loopback);
                request.CertificateExtensions.Add(san.Build());
            }

            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            using var issued = request.Create(ca, now.AddDays(-1), now.AddMonths(6), serial);
            using var withKey = issued.CopyWithPrivateKey(key);
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }

        return (ca, Leaf("localhost", "1.3.6.1.5.5.7.3.1", withSan: true), Leaf("gateway-client", "1.3.6.1.5.5.7.3.2", withSan: false));
    }
}
