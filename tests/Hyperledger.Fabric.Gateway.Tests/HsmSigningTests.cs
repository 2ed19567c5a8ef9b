using System.Text;
using Fabric.CryptoGen;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Signing inside a PKCS#11 token (SoftHSM2) through the dev network: the private key never leaves the token.</summary>
[Collection(NetworkCollection.Name)]
public sealed class HsmSigningTests(NetworkFixture fixture, SoftHsmFixture hsm) : IClassFixture<SoftHsmFixture>
{
    [Fact]
    public async Task SubmitTransactionAsync_KeyGeneratedInSoftHsmToken_Commits()
    {
        var org = fixture.Network.Crypto.GetOrganization("Org1MSP");
        using var ca = CertificateAuthority.Load(org.CaCertificatePath, org.CaKeyPath);
        using var enrolled = ca.Issue(new LeafCertificateOptions("hsm-user@org1.example.com") { OrganizationalUnits = ["client"], PublicKey = hsm.PublicKey });
        using var signer = await hsm.Factory.NewSignerAsync(new HsmSignerOptions { TokenLabel = SoftHsmFixture.TokenLabel, Pin = SoftHsmFixture.Pin, KeyLabel = SoftHsmFixture.KeyLabel }).WithTimeout(TestTimeouts.Short);
        using var gateway = Gateway.Connect(fixture.Options() with { Identity = X509Identity.FromPem("Org1MSP", enrolled.CertificatePem), Signer = signer });
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("hsm");

        await contract.SubmitTransactionAsync("put", key, "signed in the token").WithTimeout();

        Assert.Equal("P-256", signer.Curve);
        Assert.Null(enrolled.PrivateKeyPem);
        Assert.Equal((true, false), hsm.KeyFlags);
        Assert.Equal("signed in the token", Encoding.UTF8.GetString((await contract.EvaluateTransactionAsync("get", key).WithTimeout()).Span));
    }

    [Fact]
    public async Task NewSignerAsync_KeyById_SignsVerifiably()
    {
        using var signer = await hsm.Factory.NewSignerAsync(new HsmSignerOptions { Slot = null, TokenLabel = SoftHsmFixture.TokenLabel, Pin = SoftHsmFixture.Pin, KeyId = new byte[] { 0x01, 0x02 } }).WithTimeout(TestTimeouts.Short);
        var digest = Hashes.Sha256("by CKA_ID"u8);

        var signature = await signer.SignAsync(digest).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.True(EcdsaSignatures.VerifyDigest(hsm.PublicKey, digest, signature));
        Assert.True(EcdsaSignatures.IsLowS(signature, System.Security.Cryptography.ECCurve.NamedCurves.nistP256));
    }

    [Fact]
    public async Task NewSignerAsync_WrongPin_ThrowsHsmExceptionPinIncorrect()
    {
        var options = new HsmSignerOptions { TokenLabel = SoftHsmFixture.TokenLabel, Pin = "00000000", KeyLabel = "any", Timeout = TimeSpan.FromSeconds(10) };

        var error = await Assert.ThrowsAsync<HsmException>(() => hsm.Factory.NewSignerAsync(options)).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("CKR_PIN_INCORRECT", error.ReturnValue);
        Assert.Contains("the PIN is wrong", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewSignerAsync_MissingKey_ThrowsHsmExceptionNamingKey()
    {
        var options = new HsmSignerOptions { TokenLabel = SoftHsmFixture.TokenLabel, Pin = SoftHsmFixture.Pin, KeyId = new byte[] { 0xDE, 0xAD }, Timeout = TimeSpan.FromSeconds(10) };

        var error = await Assert.ThrowsAsync<HsmException>(() => hsm.Factory.NewSignerAsync(options)).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal($"no private key with CKA_ID dead in PKCS#11 token '{SoftHsmFixture.TokenLabel}'", error.Message);
    }

    [Fact]
    public async Task NewSignerAsync_UnknownToken_ThrowsHsmException()
    {
        var options = new HsmSignerOptions { TokenLabel = "no-such-token", Pin = SoftHsmFixture.Pin, KeyLabel = "k" };

        var error = await Assert.ThrowsAsync<HsmException>(() => hsm.Factory.NewSignerAsync(options)).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.StartsWith("no PKCS#11 token 'no-such-token'", error.Message, StringComparison.Ordinal);
    }
}
