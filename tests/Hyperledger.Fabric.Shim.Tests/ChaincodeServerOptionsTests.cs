using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TestSupport;

namespace Hyperledger.Fabric.Shim.Tests;

public sealed class ChaincodeServerOptionsTests
{
    [Fact]
    public void FromEnvironment_IdAndAddress_ReadsThem()
    {
        var env = new Dictionary<string, string> { ["CHAINCODE_ID"] = "hr:abc", ["CHAINCODE_SERVER_ADDRESS"] = "0.0.0.0:9999" };

        var options = ChaincodeServerOptions.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal("hr:abc", options.ChaincodeId);
        Assert.Equal(("0.0.0.0", 9999), options.ParseAddress());
        Assert.Null(options.TlsCertificate);
    }

    [Theory]
    [InlineData("CHAINCODE_ID")]
    [InlineData("CHAINCODE_SERVER_ADDRESS")]
    public void FromEnvironment_MissingVariable_NamesIt(string missing)
    {
        var env = new Dictionary<string, string> { ["CHAINCODE_ID"] = "hr:abc", ["CHAINCODE_SERVER_ADDRESS"] = "0.0.0.0:9999" };
        env.Remove(missing);

        var error = Assert.Throws<InvalidOperationException>(() => ChaincodeServerOptions.FromEnvironment(env.GetValueOrDefault));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_TlsFiles_LoadsCertificateKeyAndClientRoots()
    {
        using var dir = new TemporaryDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = new CertificateRequest("CN=chaincode", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = Path.Combine(dir.Path, "cert.pem");
        var keyFile = Path.Combine(dir.Path, "key.pem");
        File.WriteAllText(certFile, cert.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        var env = new Dictionary<string, string>
        {
            ["CHAINCODE_ID"] = "hr:abc",
            ["CHAINCODE_SERVER_ADDRESS"] = "[::]:7052",
            ["CHAINCODE_TLS_CERT_FILE"] = certFile,
            ["CHAINCODE_TLS_KEY_FILE"] = keyFile,
            ["CHAINCODE_TLS_CLIENT_CA_CERT_FILE"] = certFile,
        };

        var options = ChaincodeServerOptions.FromEnvironment(env.GetValueOrDefault);

        Assert.True(options.TlsCertificate!.HasPrivateKey);
        Assert.Single(options.ClientCaCertificates!);
        Assert.Equal(("::", 7052), options.ParseAddress());
    }

    [Fact]
    public void FromEnvironment_CertificateWithoutKey_Throws()
    {
        var env = new Dictionary<string, string> { ["CHAINCODE_ID"] = "x", ["CHAINCODE_SERVER_ADDRESS"] = ":1", ["CHAINCODE_TLS_CERT_FILE"] = "/nope.pem" };

        var error = Assert.Throws<InvalidOperationException>(() => ChaincodeServerOptions.FromEnvironment(env.GetValueOrDefault));

        Assert.Contains("CHAINCODE_TLS_KEY_FILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadAddress_Throws()
    {
        var chaincode = new Infrastructure.DelegateChaincode((_, _) => Task.FromResult(ChaincodeResponse.Success()));

        Assert.Throws<ArgumentException>(() => new ChaincodeServer(chaincode, new ChaincodeServerOptions { ChaincodeId = "x", Address = "no-port" }));
        Assert.Throws<ArgumentException>(() => new ChaincodeServer(chaincode, new ChaincodeServerOptions { Address = "127.0.0.1:0" }));
    }
}
