using System.Text;
using Fabric.CryptoGen;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// Ed25519 identities (Fabric 3) from the crypto generator, signed by our client over the message
/// itself (<see cref="Hashes.None"/>) and verified by the dev network.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class Ed25519SigningTests(NetworkFixture fixture)
{
    [Fact]
    public async Task SubmitTransactionAsync_Ed25519IdentityUnhashed_Commits()
    {
        using var user = Issue("ed25519-user@org1.example.com");
        using var gateway = Gateway.Connect(Options(user, Hashes.None));
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("ed25519");

        await contract.SubmitTransactionAsync("put", key, "signed with ed25519").WithTimeout();

        Assert.Equal("signed with ed25519", Encoding.UTF8.GetString((await contract.EvaluateTransactionAsync("get", key).WithTimeout()).Span));
    }

    [Fact]
    public async Task SubmitTransactionAsync_Ed25519IdentityOverSha256_ThrowsEndorseExceptionAccessDenied()
    {
        using var user = Issue("ed25519-hashed@org1.example.com");
        using var gateway = Gateway.Connect(Options(user, Hashes.Sha256));
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var error = await Assert.ThrowsAsync<EndorseException>(() => contract.SubmitTransactionAsync("put", NetworkFixture.NewKey("ed25519-bad"), "x")).WithTimeout();

        Assert.Contains(error.Details, d => d.Message.Contains("access denied", StringComparison.Ordinal));
    }

    private IssuedCertificate Issue(string commonName)
    {
        var org = fixture.Network.Crypto.GetOrganization("Org1MSP");
        using var ca = CertificateAuthority.Load(org.CaCertificatePath, org.CaKeyPath);
        return ca.Issue(new LeafCertificateOptions(commonName) { OrganizationalUnits = ["client"], KeyAlgorithm = KeyAlgorithm.Ed25519 });
    }

    private GatewayOptions Options(IssuedCertificate user, HashFunction hash) => fixture.Options() with
    {
        Identity = X509Identity.FromPem("Org1MSP", user.CertificatePem),
        Signer = Signers.FromPem(user.PrivateKeyPem!),
        Hash = hash,
    };
}
