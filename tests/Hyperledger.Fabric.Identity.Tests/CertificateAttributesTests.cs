using System.Text;
using Fabric.CryptoGen;

namespace Hyperledger.Fabric.Identity.Tests;

[Collection(GeneratedNetworkCollection.Name)]
public sealed class CertificateAttributesTests(GeneratedNetworkFixture network)
{
    [Theory]
    [InlineData("alice", "patient", "pt-alice")]
    [InlineData("alice-watch", "device", "pt-alice")]
    [InlineData("bob", "patient", "pt-bob")]
    public void Read_GeneratedPatientOrDevice_ReturnsRoleAndPatient(string user, string role, string patient)
    {
        var attributes = CertificateAttributes.Read(Certificate(user));

        Assert.Equal(role, attributes["hrec.role"]);
        Assert.Equal(patient, attributes["hrec.patient"]);
        Assert.Equal(user, attributes["hf.EnrollmentID"]);
        Assert.Equal("client", attributes["hf.Type"]);
    }

    [Theory]
    [InlineData("hospital-doctor", "provider")]
    [InlineData("er-physician", "emergency")]
    [InlineData("auditor", "auditor")]
    [InlineData("clinic-doctor", "provider")]
    [InlineData("researcher", "researcher")]
    [InlineData("Admin@org1.example.com", "admin")]
    public void Read_GeneratedUser_ReturnsConfiguredRole(string user, string role)
    {
        var attributes = CertificateAttributes.Read(Certificate(user));

        Assert.Equal(role, attributes["hrec.role"]);
        Assert.False(attributes.ContainsKey("hrec.patient"));
    }

    [Fact]
    public void Read_TemplateUser_ReturnsEmpty()
    {
        Assert.Empty(CertificateAttributes.Read(Certificate("User1@org1.example.com")));
    }

    [Fact]
    public void Extension_GeneratedCertificate_IsRawJsonLikeFabricCa()
    {
        var extension = Certificate("alice").Extensions[CertificateAttributes.ExtensionOid];

        Assert.NotNull(extension);
        Assert.False(extension.Critical);
        Assert.Equal(
            """{"attrs":{"hf.Affiliation":"","hf.EnrollmentID":"alice","hf.Type":"client","hrec.patient":"pt-alice","hrec.role":"patient"}}""",
            Encoding.UTF8.GetString(extension.RawData));
    }

    [Fact]
    public void Parse_AttrsNotStrings_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => CertificateAttributes.Parse("""{"attrs":{"hrec.role":7}}"""u8));

        Assert.Contains("hrec.role", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => CertificateAttributes.Parse([0x04, 0x02, 0x7B, 0x7D]));
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate(string user) =>
        X509Identity.FromPemFile("any", network.User(user).SigningCertificatePath).Certificate;
}
