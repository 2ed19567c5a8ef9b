using System.Security.Cryptography;
using System.Text.Json;
using Fabric.CryptoGen;
using Hyperledger.Fabric.Identity.Internal;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

/// <summary>Our keys, signatures and identities checked by the official Node Fabric packages.</summary>
[Collection(GeneratedNetworkCollection.Name)]
public sealed class NodeInteropTests(GeneratedNetworkFixture network) : IDisposable
{
    private const string Script = "identity/identity-interop.js";
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task FabricGatewaySigningIdentity_WithOurGeneratedKey_SignatureVerifiesHere()
    {
        var alice = network.User("alice");
        var message = "a proposal signed in Node"u8.ToArray();

        var answer = await RunAsync(new
        {
            mode = "sign",
            keyPath = alice.PrivateKeyPath,
            certPath = alice.SigningCertificatePath,
            mspId = "Org1MSP",
            messageHex = Convert.ToHexString(message),
            hash = "sha256",
        });
        var signature = Convert.FromHexString(answer.GetProperty("signatureHex").GetString()!);

        var certificate = X509Identity.FromPemFile("Org1MSP", alice.SigningCertificatePath).Certificate;
        Assert.True(EcdsaSignatures.Verify(certificate, message, signature));
        Assert.True(EcdsaSignatures.IsLowS(signature, ECCurve.NamedCurves.nistP256));
    }

    [Fact]
    public async Task FabricGatewaySigningIdentity_Creator_IsByteIdenticalToOurSerializedIdentity()
    {
        var alice = network.User("alice");

        var answer = await RunAsync(new
        {
            mode = "sign",
            keyPath = alice.PrivateKeyPath,
            certPath = alice.SigningCertificatePath,
            mspId = "Org1MSP",
            messageHex = "00",
            hash = "sha256",
        });

        var ours = X509Identity.FromPemFile("Org1MSP", alice.SigningCertificatePath).ToSerializedIdentity();
        Assert.Equal(Convert.ToHexString(ours), answer.GetProperty("creatorHex").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task FabricGatewaySigningIdentity_WithOurP384KeyOverSha256_SignatureVerifiesHere()
    {
        using var ca = CertificateAuthority.Create(new CertificateAuthorityOptions("ca.p384.example.com", "p384.example.com") { Curve = ECCurve.NamedCurves.nistP384 });
        using var issued = ca.Issue(new LeafCertificateOptions("user@p384.example.com") { Curve = ECCurve.NamedCurves.nistP384, OrganizationalUnits = ["client"] });
        var keyPath = Path.Combine(_directory.Path, "priv_sk");
        var certPath = Path.Combine(_directory.Path, "cert.pem");
        await File.WriteAllTextAsync(keyPath, issued.PrivateKeyPem);
        await File.WriteAllTextAsync(certPath, issued.CertificatePem);
        var message = "P-384 message"u8.ToArray();

        var answer = await RunAsync(new { mode = "sign", keyPath, certPath, mspId = "P384MSP", messageHex = Convert.ToHexString(message), hash = "sha256" });
        var signature = Convert.FromHexString(answer.GetProperty("signatureHex").GetString()!);

        Assert.True(EcdsaSignatures.Verify(issued.Certificate, message, signature));
    }

    [Fact]
    public async Task OurSignatureAndIdentity_CheckedInNode_VerifyLowSAndParse()
    {
        var msp = MspDirectory.Load(network.User("bob").MspDirectory, "Org2MSP");
        var message = "a proposal signed in .NET"u8.ToArray();
        var signature = await msp.CreateSigner().SignAsync(Hashes.Sha256(message)).AsTask().WaitAsync(TestTimeouts.Short);

        var answer = await RunAsync(new
        {
            mode = "verify",
            certPem = File.ReadAllText(msp.SigningCertificatePath!),
            messageHex = Convert.ToHexString(message),
            signatureHex = Convert.ToHexString(signature),
            serializedIdentityHex = Convert.ToHexString(msp.Identity.ToSerializedIdentity()),
        });

        Assert.True(answer.GetProperty("nodeCryptoVerify").GetBoolean());
        Assert.True(answer.GetProperty("nobleLowSVerify").GetBoolean());
        Assert.True(answer.GetProperty("isLowS").GetBoolean());
        Assert.Equal("Org2MSP", answer.GetProperty("mspId").GetString());
        Assert.True(answer.GetProperty("credentialsAreCertificate").GetBoolean());
    }

    [Fact]
    public async Task HighSTwinOfOurSignature_CheckedInNode_FailsLowSRule()
    {
        var alice = network.User("alice");
        var message = "high-S probe"u8.ToArray();
        var signature = await Signers.FromPemFile(alice.PrivateKeyPath).SignAsync(Hashes.Sha256(message)).AsTask().WaitAsync(TestTimeouts.Short);
        var highS = EcdsaSignaturesTests.FlipS(signature, FabricCurve.P256.Order);

        var answer = await RunAsync(new
        {
            mode = "verify",
            certPem = File.ReadAllText(alice.SigningCertificatePath),
            messageHex = Convert.ToHexString(message),
            signatureHex = Convert.ToHexString(highS),
        });

        // Node's crypto accepts the twin; the low-S rule Fabric and fabric-gateway apply does not.
        Assert.True(answer.GetProperty("nodeCryptoVerify").GetBoolean());
        Assert.False(answer.GetProperty("nobleLowSVerify").GetBoolean());
        Assert.False(answer.GetProperty("isLowS").GetBoolean());
    }

    private static async Task<JsonElement> RunAsync(object request)
    {
        var output = await NodeInterop.RunAsync(Script, [], TestTimeouts.Long, JsonSerializer.Serialize(request));
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
