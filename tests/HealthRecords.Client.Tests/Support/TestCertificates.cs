using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Client.Tests.Support;

/// <summary>A throwaway CA and EC P-256 leaf certificates shaped like Fabric's client certificates (digitalSignature only).</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public TestCertificates(string caName = "ca.org1.example.com")
    {
        CaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={caName},O=org1.example.com", CaKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _owned.Add(CaKey);
        _owned.Add(Ca);
    }

    public ECDsa CaKey { get; }

    public X509Certificate2 Ca { get; }

    /// <summary>A leaf certificate with its private key attached, and the key itself.</summary>
    public (X509Certificate2 Certificate, ECDsa Key) Issue(string name, ECCurve? curve = null)
    {
        var key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name},OU=client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        // Inside the CA's own validity: a leaf whose notAfter passes the issuer's is refused, and "now + 1 year"
        // taken a second after the CA's would be.
        using var issued = request.Create(Ca, Ca.NotBefore.ToUniversalTime(), Ca.NotAfter.ToUniversalTime().AddDays(-1), serial);
        var withKey = issued.CopyWithPrivateKey(key);
        _owned.Add(key);
        _owned.Add(withKey);
        return (withKey, key);
    }

    public void Dispose()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }
}
