using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hyperledger.Fabric.Gateway.Tests.Interop;

/// <summary>A self-signed CA and certificates it issues, made in memory for TLS tests.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca) => Ca = ca;

    public X509Certificate2 Ca { get; }

    public X509Certificate2Collection Roots => [Ca];

    public static TestCertificates CreateCa(string name = "Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Fabric.HealthRecords tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return new TestCertificates(Reload(ca));
    }

    /// <summary>A server certificate for <paramref name="dnsName"/> (and, when asked, 127.0.0.1).</summary>
    public X509Certificate2 IssueServer(string dnsName, bool includeLoopbackIp = true) =>
        Issue(dnsName, serverAuth: true, san =>
        {
            san.AddDnsName(dnsName);
            if (includeLoopbackIp)
            {
                san.AddIpAddress(IPAddress.Loopback);
            }
        });

    public X509Certificate2 IssueClient(string name) => Issue(name, serverAuth: false, san => san.AddDnsName(name));

    public void Dispose() => Ca.Dispose();

    private X509Certificate2 Issue(string commonName, bool serverAuth, Action<SubjectAlternativeNameBuilder> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(Ca, now.AddDays(-1), now.AddDays(10), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // a PKCS#12 round trip gives the key a form every TLS stack on every OS accepts
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);

    public static string ToPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string KeyToPem(X509Certificate2 certificate) =>
        certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();
}
