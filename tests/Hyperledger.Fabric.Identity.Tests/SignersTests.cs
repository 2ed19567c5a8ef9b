using System.Security.Cryptography;
using TestSupport;

namespace Hyperledger.Fabric.Identity.Tests;

public sealed class SignersTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task FromPem_Pkcs8Key_SignsVerifiably()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = Signers.FromPem(key.ExportPkcs8PrivateKeyPem());
        var digest = Hashes.Sha256("x"u8);

        var signature = await signer.SignAsync(digest).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.True(EcdsaSignatures.VerifyDigest(key, digest, signature));
    }

    [Fact]
    public async Task FromPem_Sec1Key_SignsVerifiably()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var signer = Signers.FromPem(key.ExportECPrivateKeyPem());
        var digest = Hashes.Sha384("x"u8);

        var signature = await signer.SignAsync(digest).AsTask().WaitAsync(TestTimeouts.Short);

        Assert.True(EcdsaSignatures.VerifyDigest(key, digest, signature));
    }

    [Fact]
    public void FromPemFile_MalformedPem_ErrorNamesFile()
    {
        var path = Write("priv_sk", "-----BEGIN PRIVATE KEY-----\nnot base64 at all!!\n-----END PRIVATE KEY-----\n");

        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPemFile(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("malformed PEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPemFile_NoPemBlock_ErrorNamesFile()
    {
        var path = Write("key.pem", "just some text");

        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPemFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("no PEM block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPemFile_P521Key_ErrorNamesFileAndCurve()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        var path = Write("p521.pem", key.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPemFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("P-521", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPemFile_RsaKey_ErrorNamesFileAndAlgorithm()
    {
        using var key = RSA.Create(2048);
        var path = Write("rsa.pem", key.ExportPkcs8PrivateKeyPem());

        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPemFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("RSA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPemFile_MissingFile_ErrorNamesFile()
    {
        var path = Path.Combine(_directory.Path, "absent");

        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPemFile(path));

        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void FromPrivateKey_P521Key_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP521);

        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPrivateKey(key));

        Assert.Contains("P-384", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
