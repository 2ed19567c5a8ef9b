using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

[Collection(GeneratedNetworkCollection.Name)]
public sealed class MspDirectoryTests(GeneratedNetworkFixture network) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Load_GeneratedUserMsp_SignsWithItsIdentity()
    {
        var msp = MspDirectory.Load(network.User("alice").MspDirectory, "Org1MSP");
        var message = "proposal"u8.ToArray();

        var signature = await msp.CreateSigner().SignAsync(Hashes.Sha256(message)).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.True(msp.HasPrivateKey);
        Assert.True(EcdsaSignatures.Verify(msp.Identity.Certificate, message, signature));
        Assert.Equal("Org1MSP", msp.Identity.MspId);
        Assert.Single(msp.CaCertificates);
        Assert.Single(msp.TlsCaCertificates);
        Assert.Empty(msp.IntermediateCertificates);
    }

    [Fact]
    public void Load_GeneratedMsp_ReadsNodeOUsFromConfigYaml()
    {
        var msp = MspDirectory.Load(network.User("alice").MspDirectory, "Org1MSP");

        Assert.True(msp.NodeOUs.Enable);
        Assert.Equal("client", msp.NodeOUs.Client!.OrganizationalUnitIdentifier);
        Assert.Equal("orderer", msp.NodeOUs.Orderer!.OrganizationalUnitIdentifier);
        Assert.Equal(msp.CaCertificates[0].RawData, msp.NodeOUs.Client.Certificate!.RawData);
    }

    [Fact]
    public void Load_OrganizationMsp_HasNoSigningIdentity()
    {
        var msp = MspDirectory.Load(network.Material.GetOrganization("Org1MSP").MspDirectory, "Org1MSP");

        Assert.Null(msp.SigningCertificate);
        Assert.False(msp.HasPrivateKey);
        Assert.Throws<InvalidOperationException>(() => msp.Identity);
        Assert.Throws<InvalidOperationException>(() => msp.CreateSigner());
    }

    [Fact]
    public void Load_KeyNotMatchingCertificate_ErrorNamesKeyFile()
    {
        var copy = CopyMsp("alice");
        File.Copy(network.User("bob").PrivateKeyPath, Path.Combine(copy, "keystore", "priv_sk"), overwrite: true);

        var error = Assert.Throws<CryptoMaterialException>(() => MspDirectory.Load(copy, "Org1MSP"));

        Assert.Equal(Path.Combine(copy, "keystore", "priv_sk"), error.FilePath);
        Assert.Contains("does not match the signing certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedCertificatePem_ErrorNamesFile()
    {
        var copy = CopyMsp("alice");
        var signcert = Directory.GetFiles(Path.Combine(copy, "signcerts"))[0];
        File.WriteAllText(signcert, "-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n");

        var error = Assert.Throws<CryptoMaterialException>(() => MspDirectory.Load(copy, "Org1MSP"));

        Assert.Equal(signcert, error.FilePath);
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedKeyPem_ErrorNamesFile()
    {
        var copy = CopyMsp("alice");
        var key = Path.Combine(copy, "keystore", "priv_sk");
        File.WriteAllText(key, "garbage");

        var error = Assert.Throws<CryptoMaterialException>(() => MspDirectory.Load(copy, "Org1MSP"));

        Assert.Equal(key, error.FilePath);
    }

    [Fact]
    public void Load_P521SigningCertificate_ErrorNamesFileAndCurve()
    {
        var copy = CopyMsp("alice");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var certificate = new CertificateRequest("CN=p521", key, HashAlgorithmName.SHA512)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var signcert = Directory.GetFiles(Path.Combine(copy, "signcerts"))[0];
        File.WriteAllText(signcert, certificate.ExportCertificatePem());

        var error = Assert.Throws<CryptoMaterialException>(() => MspDirectory.Load(copy, "Org1MSP"));

        Assert.Equal(signcert, error.FilePath);
        Assert.Contains("P-521", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RsaSigningCertificate_ErrorNamesFile()
    {
        var copy = CopyMsp("alice");
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=rsa", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var signcert = Directory.GetFiles(Path.Combine(copy, "signcerts"))[0];
        File.WriteAllText(signcert, certificate.ExportCertificatePem());

        var error = Assert.Throws<CryptoMaterialException>(() => MspDirectory.Load(copy, "Org1MSP"));

        Assert.Equal(signcert, error.FilePath);
        Assert.Contains("not ECDSA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoCaCertificates_ErrorNamesFolder()
    {
        var copy = CopyMsp("alice");
        foreach (var file in Directory.GetFiles(Path.Combine(copy, "cacerts")))
        {
            File.Delete(file);
        }

        var error = Assert.Throws<CryptoMaterialException>(() => MspDirectory.Load(copy, "Org1MSP"));

        Assert.Equal(Path.Combine(copy, "cacerts"), error.FilePath);
    }

    private string CopyMsp(string user)
    {
        var source = network.User(user).MspDirectory;
        var target = Path.Combine(_directory.Path, user + "-msp");
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(source, target, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
        }

        return target;
    }
}
