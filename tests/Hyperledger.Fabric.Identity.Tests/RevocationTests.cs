using System.Security.Cryptography.X509Certificates;
using Fabric.CryptoGen;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

/// <summary>Certificate checks as Fabric's MSP does them: CRLs from <c>crls/</c>, and the expiry setting.</summary>
public sealed class RevocationTests : IDisposable
{
    private const string Config = """
        PeerOrgs:
          - Name: Org1
            Domain: org1.example.com
            EnableNodeOUs: true
            Template:
              Count: 1
            Users:
              Count: 2
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly OrganizationMaterial _org;

    public RevocationTests()
    {
        _org = CryptoGenerator.Generate(CryptoConfig.Parse(Config), _directory.Path).GetOrganization("Org1MSP");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Validate_UserListedInMspCrl_InvalidRevokedOthersValid()
    {
        var user1 = Identity("User1");
        using (var ca = CertificateAuthority.Load(_org.CaCertificatePath, _org.CaKeyPath))
        {
            WriteCrl(ca.CreateRevocationList([user1.Certificate]));
        }

        var msp = MspDirectory.Load(_org.MspDirectory, _org.MspId);
        var verifier = msp.CreateVerifier();

        var revoked = verifier.Validate(user1, DateTimeOffset.UtcNow);
        Assert.Single(msp.RevocationLists);
        Assert.False(revoked.IsValid);
        Assert.Equal($"certificate 'CN=User1@org1.example.com,OU=client,L=San Francisco,ST=California,C=US' has been revoked: serial {user1.Certificate.SerialNumber} is in the CRL of 'CN=ca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US'", revoked.Reason);
        Assert.True(verifier.Validate(Identity("User2"), DateTimeOffset.UtcNow).IsValid);
    }

    [Fact]
    public void CreateVerifier_CrlSignedByLookAlikeCa_IgnoredLikeFabric()
    {
        var user1 = Identity("User1");
        using (var lookAlike = CertificateAuthority.Create(new CertificateAuthorityOptions("ca.org1.example.com", "org1.example.com")))
        {
            WriteCrl(lookAlike.CreateRevocationList([user1.Certificate]));
        }

        var verifier = MspDirectory.Load(_org.MspDirectory, _org.MspId).CreateVerifier();

        Assert.Empty(verifier.RevocationLists);
        Assert.True(verifier.Validate(user1, DateTimeOffset.UtcNow).IsValid);
    }

    [Fact]
    public void Load_MalformedCrl_ErrorNamesFile()
    {
        WriteCrl("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");

        var error = Assert.Throws<CryptoMaterialException>(() => MspDirectory.Load(_org.MspDirectory, _org.MspId));

        Assert.Equal(Path.Combine(_org.MspDirectory, "crls", "crl.pem"), error.FilePath);
    }

    [Fact]
    public void Validate_ExpiredCertificate_RefusedByDefaultAcceptedWhenRejectExpiredIsOff()
    {
        using var ca = CertificateAuthority.Load(_org.CaCertificatePath, _org.CaKeyPath);
        using var expired = ca.Issue(new LeafCertificateOptions("old@org1.example.com")
        {
            OrganizationalUnits = ["client"],
            NotBefore = DateTimeOffset.UtcNow.AddMinutes(-3),
            NotAfter = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        var strict = MspDirectory.Load(_org.MspDirectory, _org.MspId).CreateVerifier();
        var asFabricsMsp = new MspVerifier(_org.MspId, LoadCa(), null, strict.NodeOUs) { RejectExpired = false };

        var refused = strict.Validate(expired.Certificate, DateTimeOffset.UtcNow);
        var accepted = asFabricsMsp.Validate(expired.Certificate, DateTimeOffset.UtcNow);

        Assert.False(refused.IsValid);
        Assert.Contains("expired at", refused.Reason!, StringComparison.Ordinal);
        Assert.True(accepted.IsValid, accepted.Reason);
    }

    private X509Certificate2[] LoadCa() => [X509CertificateLoader.LoadCertificateFromFile(_org.CaCertificatePath)];

    private X509Identity Identity(string user) => X509Identity.FromPemFile(_org.MspId, _org.GetUser(user).SigningCertificatePath);

    private void WriteCrl(string pem)
    {
        var folder = Path.Combine(_org.MspDirectory, "crls");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "crl.pem"), pem);
    }
}
