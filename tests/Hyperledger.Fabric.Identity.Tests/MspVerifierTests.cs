using System.Security.Cryptography.X509Certificates;
using Fabric.CryptoGen;

namespace Hyperledger.Fabric.Identity.Tests;

[Collection(GeneratedNetworkCollection.Name)]
public sealed class MspVerifierTests(GeneratedNetworkFixture network)
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;

    [Fact]
    public void Validate_UserOfOwnMsp_IsValid()
    {
        var result = Org1Verifier().Validate(Identity("alice"), s_now, NodeOU.Client);

        Assert.True(result.IsValid, result.Reason);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Validate_PeerAndAdmin_HaveTheirOUs()
    {
        var org1 = network.Material.GetOrganization("Org1MSP");
        var peer = X509Identity.FromPemFile("Org1MSP", org1.Nodes[0].SigningCertificatePath);

        Assert.True(Org1Verifier().Validate(peer, s_now, NodeOU.Peer).IsValid);
        Assert.True(Org1Verifier().Validate(Identity("Admin@org1.example.com"), s_now, NodeOU.Admin).IsValid);
    }

    [Fact]
    public void Validate_CertificateFromAnotherOrgsCa_InvalidWithReason()
    {
        var bob = X509Identity.FromPemFile("Org1MSP", network.User("bob").SigningCertificatePath);

        var result = Org1Verifier().Validate(bob, s_now);

        Assert.False(result.IsValid);
        Assert.Contains("does not chain to a CA of MSP Org1MSP", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CertificateFromImpostorCaWithSameName_InvalidWithReason()
    {
        using var impostor = CertificateAuthority.Create(new CertificateAuthorityOptions("ca.org1.example.com", "org1.example.com"));
        using var forged = impostor.Issue(new LeafCertificateOptions("alice@org1.example.com") { OrganizationalUnits = ["client"] });

        var result = Org1Verifier().Validate(forged.Certificate, s_now, NodeOU.Client);

        Assert.False(result.IsValid);
        Assert.Contains("does not chain to a CA of MSP Org1MSP", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExpiredCertificate_InvalidWithReason()
    {
        using var ca = Org1Ca();
        using var expired = ca.Issue(new LeafCertificateOptions("old@org1.example.com")
        {
            OrganizationalUnits = ["client"],
            NotBefore = s_now.AddYears(-2),
            NotAfter = s_now.AddYears(-1),
        });

        var result = Org1Verifier().Validate(expired.Certificate, s_now, NodeOU.Client);

        Assert.False(result.IsValid);
        Assert.Contains("expired at", result.Reason, StringComparison.Ordinal);
        Assert.Contains("old@org1.example.com", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NotYetValidCertificate_InvalidWithReason()
    {
        using var ca = Org1Ca();
        using var future = ca.Issue(new LeafCertificateOptions("later@org1.example.com")
        {
            OrganizationalUnits = ["client"],
            NotBefore = s_now.AddDays(1),
            NotAfter = s_now.AddDays(2),
        });

        var result = Org1Verifier().Validate(future.Certificate, s_now);

        Assert.False(result.IsValid);
        Assert.Contains("not valid before", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongOU_InvalidWithReason()
    {
        var org1 = network.Material.GetOrganization("Org1MSP");
        var peer = X509Identity.FromPemFile("Org1MSP", org1.Nodes[0].SigningCertificatePath);

        var result = Org1Verifier().Validate(peer, s_now, NodeOU.Client);

        Assert.False(result.IsValid);
        Assert.Contains("has node OU 'peer' but 'client' is required", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoNodeOU_InvalidWithReason()
    {
        using var ca = Org1Ca();
        using var plain = ca.Issue(new LeafCertificateOptions("nobody@org1.example.com"));

        var result = Org1Verifier().Validate(plain.Certificate, s_now);

        Assert.False(result.IsValid);
        Assert.Contains("exactly one node OU", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IdentityOfOtherMspId_InvalidWithReason()
    {
        var alice = X509Identity.FromPemFile("Org2MSP", network.User("alice").SigningCertificatePath);

        var result = Org1Verifier().Validate(alice, s_now);

        Assert.False(result.IsValid);
        Assert.Contains("belongs to MSP 'Org2MSP', not 'Org1MSP'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CaCertificateAsIdentity_InvalidWithReason()
    {
        var org1 = network.Material.GetOrganization("Org1MSP");
        using var ca = X509Identity.FromPemFile("Org1MSP", org1.CaCertificatePath).Certificate;

        var result = Org1Verifier().Validate(ca, s_now);

        Assert.False(result.IsValid);
        Assert.Contains("is a CA certificate", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NodeOUsDisabled_AcceptsCertificateWithoutOU()
    {
        using var ca = Org1Ca();
        using var plain = ca.Issue(new LeafCertificateOptions("nobody@org1.example.com"));
        var verifier = new MspVerifier("Org1MSP", [ca.Certificate], nodeOUsEnabled: false);

        Assert.True(verifier.Validate(plain.Certificate, s_now).IsValid);
    }

    private MspVerifier Org1Verifier() =>
        MspDirectory.Load(network.Material.GetOrganization("Org1MSP").MspDirectory, "Org1MSP").CreateVerifier();

    private X509Identity Identity(string user) => X509Identity.FromPemFile("Org1MSP", network.User(user).SigningCertificatePath);

    private CertificateAuthority Org1Ca()
    {
        var org1 = network.Material.GetOrganization("Org1MSP");
        return CertificateAuthority.Load(org1.CaCertificatePath, org1.CaKeyPath);
    }
}
