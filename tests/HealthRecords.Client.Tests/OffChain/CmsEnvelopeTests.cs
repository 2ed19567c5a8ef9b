using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HealthRecords.Client.OffChain;
using HealthRecords.Client.Tests.Support;

namespace HealthRecords.Client.Tests.OffChain;

public sealed class CmsEnvelopeTests : IDisposable
{
    private static readonly byte[] Document = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"valueQuantity\":{\"value\":7.2}}"u8.ToArray();
    private readonly TestCertificates _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void Encrypt_TwoRecipients_EachDecrypts()
    {
        var (hospital, hospitalKey) = _pki.Issue("dr-house@org1.example.com");
        var (clinic, clinicKey) = _pki.Issue("dr-who@org2.example.com");

        var envelope = CmsEnvelope.Encrypt(Document, [Public(hospital), Public(clinic)]);

        Assert.Equal(Document, CmsEnvelope.Decrypt(envelope, Public(hospital), hospitalKey));
        Assert.Equal(Document, CmsEnvelope.Decrypt(envelope, clinic));
        Assert.Equal(Document, CmsEnvelope.Decrypt(envelope, Public(clinic), clinicKey));
    }

    [Fact]
    public void Decrypt_ThirdPartyNotARecipient_ThrowsCryptographic()
    {
        var (hospital, _) = _pki.Issue("dr-house@org1.example.com");
        var (clinic, _) = _pki.Issue("dr-who@org2.example.com");
        var (outsider, outsiderKey) = _pki.Issue("mallory@org3.example.com");
        var envelope = CmsEnvelope.Encrypt(Document, [hospital, clinic]);

        var e = Assert.Throws<CryptographicException>(() => CmsEnvelope.Decrypt(envelope, outsider, outsiderKey));
        Assert.Contains("no key-agreement recipient", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_RecipientCertificateWithWrongKey_ThrowsCryptographic()
    {
        var (hospital, _) = _pki.Issue("dr-house@org1.example.com");
        var (_, otherKey) = _pki.Issue("mallory@org3.example.com");
        var envelope = CmsEnvelope.Encrypt(Document, [hospital]);

        // Claiming to be the recipient without its key: the key does not unwrap.
        Assert.ThrowsAny<CryptographicException>(() => CmsEnvelope.Decrypt(envelope, hospital, otherKey));
    }

    [Fact]
    public void Decrypt_TamperedCiphertext_ThrowsCryptographic()
    {
        var (hospital, key) = _pki.Issue("dr-house@org1.example.com");
        var envelope = CmsEnvelope.Encrypt(Document, [hospital]);

        // The ciphertext is the bytes just before the 16-byte tag's OCTET STRING header (2 bytes) and the tag.
        var tampered = (byte[])envelope.Clone();
        tampered[^(16 + 2 + 5)] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => CmsEnvelope.Decrypt(tampered, hospital, key));

        var tamperedTag = (byte[])envelope.Clone();
        tamperedTag[^1] ^= 0x80;
        Assert.ThrowsAny<CryptographicException>(() => CmsEnvelope.Decrypt(tamperedTag, hospital, key));
    }

    [Fact]
    public void Decrypt_EveryByteFlipped_NeverReturnsWrongPlaintext()
    {
        var (hospital, key) = _pki.Issue("dr-house@org1.example.com");
        var envelope = CmsEnvelope.Encrypt(Document, [hospital]);

        for (var i = 0; i < envelope.Length; i++)
        {
            var tampered = (byte[])envelope.Clone();
            tampered[i] ^= 0x01;
            try
            {
                var plaintext = CmsEnvelope.Decrypt(tampered, hospital, key);
                Assert.Equal(Document, plaintext); // only bytes that do not matter (e.g. an unused recipient field) may survive
            }
            catch (CryptographicException)
            {
                // Detected: the outcome wanted for every byte that matters.
            }
        }
    }

    [Fact]
    public void Encrypt_EmptyContentAndP384Recipient_RoundTrips()
    {
        var (recipient, key) = _pki.Issue("lab@org2.example.com", ECCurve.NamedCurves.nistP384);

        var envelope = CmsEnvelope.Encrypt([], [recipient]);

        Assert.Empty(CmsEnvelope.Decrypt(envelope, recipient, key));
    }

    [Fact]
    public void Encrypt_RsaRecipient_ThrowsNotSupported()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=rsa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Throws<NotSupportedException>(() => CmsEnvelope.Encrypt(Document, [certificate]));
    }

    [Fact]
    public void Encrypt_NoRecipients_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() => CmsEnvelope.Encrypt(Document, []));
    }

    [Fact]
    public void Decrypt_NotCms_ThrowsCryptographic()
    {
        var (hospital, key) = _pki.Issue("dr-house@org1.example.com");

        Assert.ThrowsAny<CryptographicException>(() => CmsEnvelope.Decrypt(Document, hospital, key));
    }

    private static X509Certificate2 Public(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
