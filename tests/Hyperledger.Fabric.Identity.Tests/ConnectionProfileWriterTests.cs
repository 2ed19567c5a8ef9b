using System.Text.Json;
using Fabric.CryptoGen;

namespace Hyperledger.Fabric.Identity.Tests;

[Collection(GeneratedNetworkCollection.Name)]
public sealed class ConnectionProfileWriterTests(GeneratedNetworkFixture network)
{
    private static readonly Dictionary<string, string> s_urls = new()
    {
        ["peer0.org1.example.com"] = "grpcs://127.0.0.1:7051",
        ["peer0.org2.example.com"] = "grpcs://127.0.0.1:9051",
    };

    [Fact]
    public void Write_DefaultNetwork_WritesCommonProfileWithPeers()
    {
        var (root, directory) = WriteProfile("common");

        Assert.Equal("healthrecords-dev", root.GetProperty("name").GetString());
        Assert.Equal("Org1", root.GetProperty("client").GetProperty("organization").GetString());
        Assert.Equal("Org2MSP", root.GetProperty("organizations").GetProperty("Org2").GetProperty("mspid").GetString());
        var peer = root.GetProperty("peers").GetProperty("peer0.org2.example.com");
        Assert.Equal("grpcs://127.0.0.1:9051", peer.GetProperty("url").GetString());
        Assert.Equal("peer0.org2.example.com", peer.GetProperty("grpcOptions").GetProperty("ssl-target-name-override").GetString());
        Assert.Equal(
            File.ReadAllText(network.Material.GetOrganization("Org2MSP").TlsCaCertificatePath),
            peer.GetProperty("tlsCACerts").GetProperty("pem").GetString());
        Assert.True(root.GetProperty("channels").GetProperty("healthchannel").GetProperty("peers").TryGetProperty("peer0.org1.example.com", out _));
        Assert.True(Directory.Exists(directory));
    }

    [Fact]
    public void Write_DefaultNetwork_ExtensionListsEveryPeerOrgUserWithRelativePaths()
    {
        var (root, directory) = WriteProfile("extension");
        var extension = root.GetProperty("x-hrec");

        Assert.Equal("healthchannel", extension.GetProperty("channel").GetString());
        Assert.Equal("healthrecords", extension.GetProperty("chaincode").GetString());
        var identities = extension.GetProperty("identities");
        var names = identities.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(12, names.Length);
        Assert.Contains("alice", names);
        Assert.Contains("bob", names);
        Assert.Contains("Admin@org1.example.com", names);
        Assert.Contains("User1@org2.example.com", names);
        var alice = identities.GetProperty("alice");
        Assert.Equal("Org1MSP", alice.GetProperty("mspid").GetString());
        Assert.Equal("peer0.org1.example.com", alice.GetProperty("peer").GetString());
        var certPath = alice.GetProperty("certPath").GetString()!;
        Assert.False(Path.IsPathRooted(certPath));
        Assert.EndsWith("users/alice@org1.example.com/msp/signcerts/alice@org1.example.com-cert.pem", certPath, StringComparison.Ordinal);
        Assert.Equal(network.User("alice").SigningCertificatePath, Path.GetFullPath(Path.Combine(directory, certPath)));
        Assert.Equal(network.User("alice").PrivateKeyPath, Path.GetFullPath(Path.Combine(directory, alice.GetProperty("keyPath").GetString()!)));
        var caCert = extension.GetProperty("organizations").GetProperty("Org1MSP").GetProperty("caCerts")[0].GetString()!;
        Assert.True(File.Exists(Path.Combine(directory, caCert)));
    }

    [Fact]
    public void Write_PeerWithoutUrl_ThrowsNamingPeer()
    {
        var spec = new ConnectionProfileSpec(network.Material, new Dictionary<string, string> { ["peer0.org1.example.com"] = "grpcs://127.0.0.1:7051" });

        var error = Assert.Throws<ArgumentException>(() => ConnectionProfileWriter.Write(Path.Combine(network.Root, "bad.json"), spec));

        Assert.Contains("peer0.org2.example.com", error.Message, StringComparison.Ordinal);
    }

    private (JsonElement Root, string Directory) WriteProfile(string name)
    {
        var directory = Path.Combine(network.Root, "profiles-" + name);
        var path = Path.Combine(directory, "profile.json");
        ConnectionProfileWriter.Write(path, new ConnectionProfileSpec(network.Material, s_urls));
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return (document.RootElement.Clone(), directory);
    }
}
