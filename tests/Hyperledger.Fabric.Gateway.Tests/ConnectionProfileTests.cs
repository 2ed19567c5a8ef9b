using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Reading docs/connection-profile.md profiles, including the one the dev network writes, and connecting with them.</summary>
[Collection(NetworkCollection.Name)]
public sealed class ConnectionProfileTests(NetworkFixture fixture)
{
    [Fact]
    public void Load_DevNetworkProfile_ReadsPeersCasAndIdentities()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteProfile(directory);

        var profile = ConnectionProfile.Load(path);

        Assert.Equal(fixture.Channel, profile.Channel);
        Assert.Equal(NetworkFixture.ChaincodeName, profile.Chaincode);
        var peer = profile.Peers[fixture.Org1Peer.Name];
        Assert.Equal(fixture.Org1Peer.Url, peer.Url);
        Assert.Equal("Org1MSP", peer.MspId);
        Assert.Equal(fixture.Org1Peer.Name, peer.ServerNameOverride);
        Assert.NotEmpty(peer.TlsCaCertificates);
        Assert.Equal(["Org1MSP", "Org2MSP"], profile.MspCaCertificates.Keys.Order());
        Assert.Contains(profile.Identities.Values, i => i.MspId == "Org2MSP" && File.Exists(i.CertificatePath) && File.Exists(i.KeyPath));
    }

    [Fact]
    public async Task CreateGatewayOptions_NamedIdentity_ConnectsOwnPeerFirstAndSubmits()
    {
        using var directory = new TemporaryDirectory();
        var profile = ConnectionProfile.Load(WriteProfile(directory));
        var name = profile.Identities.Values.First(i => i.MspId == "Org2MSP").Name;

        var options = profile.CreateGatewayOptions(name);
        using var gateway = Gateway.Connect(options);
        var contract = gateway.GetNetwork(profile.Channel!).GetContract(profile.Chaincode!);
        var key = NetworkFixture.NewKey("profile");
        await contract.SubmitTransactionAsync("put", key, "from profile").WithTimeout();

        Assert.Equal("Org2MSP", options.Identity!.MspId);
        Assert.Equal(fixture.Org2Peer.Url, options.Endpoints[0].Address);
        Assert.Equal(2, options.Endpoints.Count);
        Assert.Equal("from profile", Encoding.UTF8.GetString((await contract.EvaluateTransactionAsync("get", key).WithTimeout()).Span));
    }

    [Fact]
    public async Task CreateVerifiedReadOptions_ProfileCas_VerifyEndorsements()
    {
        using var directory = new TemporaryDirectory();
        var profile = ConnectionProfile.Load(WriteProfile(directory));
        using var gateway = Gateway.Connect(profile.CreateGatewayOptions(profile.Identities.Values.First(i => i.MspId == "Org1MSP").Name));
        var contract = gateway.GetNetwork(profile.Channel!).GetContract(profile.Chaincode!);

        var result = await contract.EvaluateVerifiedAsync("get", ["k"], profile.CreateVerifiedReadOptions() with { RequiredOrganizations = ["Org1MSP", "Org2MSP"] }).WithTimeout();

        Assert.Equal(2, result.Organizations.Count);
    }

    [Fact]
    public void Parse_TlsCaByRelativePath_ResolvesAgainstBaseDirectory()
    {
        using var directory = new TemporaryDirectory();
        File.Copy(fixture.Org1Peer.TlsCaCertificatePath, Path.Combine(directory.Path, "tlsca.pem"));
        const string json = """
            { "name": "t", "peers": { "p0": { "url": "grpcs://localhost:7051", "tlsCACerts": { "path": "tlsca.pem" },
              "grpcOptions": { "ssl-target-name-override": "peer0.org1.example.com" } } },
              "organizations": { "Org1": { "mspid": "Org1MSP", "peers": ["p0"] } },
              "channels": { "mychannel": { "peers": { "p0": {} } } } }
            """;

        var profile = ConnectionProfile.Parse(json, directory.Path);

        Assert.Equal("mychannel", profile.Channel);
        Assert.Single(profile.Peers["p0"].TlsCaCertificates);
        var endpoint = Assert.Single(profile.GetEndpoints());
        Assert.Equal("grpcs://localhost:7051", endpoint.Address);
        Assert.Equal("peer0.org1.example.com", endpoint.ServerNameOverride);
    }

    [Theory]
    [InlineData("""{ "peers": { "p0": { } } }""", "peers.p0.url is required")]
    [InlineData("""{ "peers": { "p0": { "url": "http://x:1" } } }""", "must start with grpcs:// or grpc://")]
    [InlineData("""{ "x-hrec": { "identities": { "bob": { "mspid": "Org1MSP", "certPath": "c.pem" } } } }""", "x-hrec.identities.bob needs keyPath (a PEM key file) or hsm")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{ not json""", "not valid JSON")]
    public void Parse_InvalidProfile_ThrowsInvalidDataExceptionNamingField(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => ConnectionProfile.Parse(json, "/tmp"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => ConnectionProfile.Load("/nonexistent/profile.json"));
    }

    [Fact]
    public void CreateGatewayOptions_UnknownIdentity_ThrowsKeyNotFoundException()
    {
        using var directory = new TemporaryDirectory();
        var profile = ConnectionProfile.Load(WriteProfile(directory));
        var error = Assert.Throws<KeyNotFoundException>(() => profile.CreateGatewayOptions("mallory"));
        Assert.Contains("mallory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateGatewayOptions_UnreadableKey_ThrowsCryptoMaterialException()
    {
        using var directory = new TemporaryDirectory();
        var certificate = Path.Combine(directory.Path, "cert.pem");
        File.Copy(fixture.Network.Crypto.GetOrganization("Org1MSP").GetUser("User1").SigningCertificatePath, certificate);
        File.WriteAllText(Path.Combine(directory.Path, "key.pem"), "garbage");
        const string json = """{ "x-hrec": { "identities": { "u": { "mspid": "Org1MSP", "certPath": "cert.pem", "keyPath": "key.pem" } } } }""";

        var profile = ConnectionProfile.Parse(json, directory.Path);

        var error = Assert.Throws<Hyperledger.Fabric.Identity.CryptoMaterialException>(() => profile.CreateGatewayOptions("u"));
        Assert.Contains("key.pem", error.FilePath ?? error.Message, StringComparison.Ordinal);
    }

    private string WriteProfile(TemporaryDirectory directory)
    {
        var path = Path.Combine(directory.Path, "profile.json");
        fixture.Network.WriteConnectionProfile(path, NetworkFixture.ChaincodeName);
        return path;
    }
}
