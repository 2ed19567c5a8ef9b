using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabric.CryptoGen;
using Hyperledger.Fabric.Protos.Msp;

namespace Hyperledger.Fabric.Identity.Tests;

[Collection(GeneratedNetworkCollection.Name)]
public sealed class X509IdentityTests(GeneratedNetworkFixture network)
{
    [Fact]
    public void ToSerializedIdentity_FromSerializedIdentity_RoundTrips()
    {
        var alice = network.User("alice");
        var identity = X509Identity.FromPemFile("Org1MSP", alice.SigningCertificatePath);

        var bytes = identity.ToSerializedIdentity();
        var parsed = X509Identity.FromSerializedIdentity(bytes);

        Assert.Equal("Org1MSP", parsed.MspId);
        Assert.Equal(identity.Certificate.RawData, parsed.Certificate.RawData);
        Assert.Equal(File.ReadAllBytes(alice.SigningCertificatePath), parsed.Credentials.ToArray());
        Assert.Equal(bytes, parsed.ToSerializedIdentity());
    }

    [Fact]
    public void ToSerializedIdentity_Always_IsMspSerializedIdentityWithPem()
    {
        var identity = X509Identity.FromPemFile("Org1MSP", network.User("alice").SigningCertificatePath);

        var message = SerializedIdentity.Parser.ParseFrom(identity.ToSerializedIdentity());

        Assert.Equal("Org1MSP", message.Mspid);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", message.IdBytes.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FromCertificate_WritesGoStylePem()
    {
        var certificate = X509Identity.FromPemFile("Org1MSP", network.User("alice").SigningCertificatePath).Certificate;

        var identity = new X509Identity("Org1MSP", certificate);

        // Byte-identical to what Go's pem.Encode (and so cryptogen) writes.
        Assert.Equal(File.ReadAllBytes(network.User("alice").SigningCertificatePath), identity.Credentials.ToArray());
    }

    [Fact]
    public void Id_GeneratedUser_IsFabricClientIdentityForm()
    {
        var identity = X509Identity.FromPemFile("Org1MSP", network.User("alice").SigningCertificatePath);

        const string expected = "x509::CN=alice@org1.example.com,OU=client,L=San Francisco,ST=California,C=US"
            + "::CN=ca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US";
        Assert.Equal(expected, identity.Id);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(expected)), identity.EncodedId);
    }

    [Fact]
    public void Id_MultipleOUsAndSpecialCharacters_FormattedLikeGo()
    {
        using var ca = CertificateAuthority.Create(new CertificateAuthorityOptions("ca.test", "Test, Inc."));
        using var issued = ca.Issue(new LeafCertificateOptions("#user+1 ") { OrganizationalUnits = ["client", "dept;2"] });

        var identity = new X509Identity("TestMSP", issued.Certificate);

        // Go joins values of one attribute type with '+' in encoded order (DER sorts the SET, so the
        // UTF8String "dept;2" precedes the PrintableString "client"), escapes , + " \ < > ; and a
        // leading '#' or space and a trailing space.
        Assert.Equal("CN=\\#user\\+1\\ ,OU=dept\\;2+OU=client,L=San Francisco,ST=California,C=US", identity.SubjectDistinguishedName);
        Assert.Equal("CN=ca.test,O=Test\\, Inc.,L=San Francisco,ST=California,C=US", identity.IssuerDistinguishedName);
    }

    [Fact]
    public void Id_UnknownAttributeType_IsOmittedLikeGo()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("US");
        name.AddEmailAddress("alice@example.com");
        name.AddCommonName("alice");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var identity = new X509Identity("TestMSP", certificate);

        Assert.Equal("x509::CN=alice,C=US::CN=alice,C=US", identity.Id);
    }

    [Fact]
    public void FromSerializedIdentity_NotAProtobufIdentity_ThrowsClearError()
    {
        var error = Assert.Throws<CryptoMaterialException>(() => X509Identity.FromSerializedIdentity([0x0A, 0x05, 0x4F]));

        Assert.Contains("SerializedIdentity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_NoCertificate_ThrowsClearError()
    {
        var error = Assert.Throws<CryptoMaterialException>(() => X509Identity.FromPem("Org1MSP", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));

        Assert.Contains("CERTIFICATE", error.Message, StringComparison.Ordinal);
    }
}
