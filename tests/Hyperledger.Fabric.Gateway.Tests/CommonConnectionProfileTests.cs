using System.Text;
using System.Text.Json;
using Hyperledger.Fabric.Gateway.Tests.Support;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Reading the common part of docs/connection-profile.md profiles, including the one the dev network writes, and connecting with it.</summary>
[Collection(NetworkCollection.Name)]
public sealed class CommonConnectionProfileTests(NetworkFixture fixture)
{
    [Fact]
    public void Load_DevNetworkProfile_ReadsPeersOrganizationsAndChannel()
    {
        using var directory = new TemporaryDirectory();

        var profile = CommonConnectionProfile.Load(WriteProfile(directory));

        Assert.Equal(fixture.Channel, profile.DefaultChannel);
        var peer = profile.Peers[fixture.Org1Peer.Name];
        Assert.Equal(fixture.Org1Peer.Url, peer.Url);
        Assert.Equal("Org1MSP", peer.MspId);
        Assert.Equal(fixture.Org1Peer.Name, peer.ServerNameOverride);
        Assert.NotEmpty(peer.TlsCaCertificates);
        Assert.Equal(directory.Path, profile.BaseDirectory);
    }

    [Fact]
    public async Task GetEndpoints_FirstPeerOfOrg2_ConnectsThereFirstAndSubmits()
    {
        using var directory = new TemporaryDirectory();
        var profile = CommonConnectionProfile.Load(WriteProfile(directory));

        var endpoints = profile.GetEndpoints(firstPeer: fixture.Org2Peer.Name);
        using var gateway = Gateway.Connect(fixture.Options() with { Endpoints = endpoints });
        var contract = gateway.GetNetwork(profile.DefaultChannel!).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("profile");
        await contract.SubmitTransactionAsync("put", key, "from profile").WithTimeout();

        Assert.Equal([fixture.Org2Peer.Url, fixture.Org1Peer.Url], endpoints.Select(e => e.Address));
        Assert.Equal("from profile", Encoding.UTF8.GetString((await contract.EvaluateTransactionAsync("get", key).WithTimeout()).Span));
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

        var profile = CommonConnectionProfile.Parse(json, directory.Path);

        Assert.Equal("mychannel", profile.DefaultChannel);
        Assert.Single(profile.Peers["p0"].TlsCaCertificates);
        var endpoint = Assert.Single(profile.GetEndpoints());
        Assert.Equal("grpcs://localhost:7051", endpoint.Address);
        Assert.Equal("peer0.org1.example.com", endpoint.ServerNameOverride);
    }

    [Fact]
    public void Parse_VendorExtensions_KeptUnreadForTheirOwner()
    {
        // An extension's content is the owner's to validate: a value the gateway could not use does not fail the parse.
        const string json = """
            { "peers": { "p0": { "url": "grpc://localhost:7051" } }, "x-acme": { "identities": 42 }, "x-other": [1, 2], "xylophone": {} }
            """;

        var profile = CommonConnectionProfile.Parse(json, "/tmp", "acme.json");

        Assert.Equal(["x-acme", "x-other"], profile.Extensions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(42, profile.Extensions["x-acme"].GetProperty("identities").GetInt32());
        Assert.Equal(JsonValueKind.Array, profile.Extensions["x-other"].ValueKind);
        Assert.Equal("acme.json", profile.Source);
    }

    [Theory]
    [InlineData("""{ "peers": { "p0": { } } }""", "peers.p0.url is required")]
    [InlineData("""{ "peers": { "p0": { "url": "http://x:1" } } }""", "must start with grpcs:// or grpc://")]
    [InlineData("""{ "organizations": { "Org1": { "peers": ["p0"] } } }""", "organizations.Org1.mspid is required")]
    [InlineData("""{ "peers": [] }""", "'peers' must be an object")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{ not json""", "not valid JSON")]
    public void Parse_InvalidProfile_ThrowsInvalidDataExceptionNamingField(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => CommonConnectionProfile.Parse(json, "/tmp"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => CommonConnectionProfile.Load("/nonexistent/profile.json"));
    }

    [Fact]
    public void GetEndpoints_UnknownFirstPeer_ThrowsKeyNotFoundExceptionNamingIt()
    {
        using var directory = new TemporaryDirectory();
        var profile = CommonConnectionProfile.Load(WriteProfile(directory));

        var error = Assert.Throws<KeyNotFoundException>(() => profile.GetEndpoints(firstPeer: "peer9.example.com"));

        Assert.Contains("peer9.example.com", error.Message, StringComparison.Ordinal);
    }

    private string WriteProfile(TemporaryDirectory directory)
    {
        var path = Path.Combine(directory.Path, "profile.json");
        fixture.Network.WriteConnectionProfile(path, NetworkFixture.ChaincodeName);
        return path;
    }
}
