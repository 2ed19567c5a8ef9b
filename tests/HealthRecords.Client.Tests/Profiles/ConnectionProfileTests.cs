using HealthRecords.Client.Profiles;
using HealthRecords.Client.Tests.Network;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace HealthRecords.Client.Tests.Profiles;

/// <summary>Reading the <c>x-hrec</c> extension over the gateway's common profile, from the profile the dev network writes and from hand-written ones.</summary>
[Collection(HealthRecordsNetworkCollection.Name)]
public sealed class ConnectionProfileTests(HealthRecordsNetworkFixture fixture)
{
    [Fact]
    public void Load_DevNetworkProfile_ReadsChannelChaincodeCasAndIdentities()
    {
        var profile = ConnectionProfile.Load(fixture.ProfilePath);

        Assert.Equal(fixture.Network.ChannelId, profile.Channel);
        Assert.Equal("healthrecords", profile.Chaincode);
        Assert.Equal(["Org1MSP", "Org2MSP"], profile.MspCaCertificates.Keys.Order(StringComparer.Ordinal));
        Assert.All(profile.MspCaCertificates.Values, Assert.NotEmpty);
        Assert.Contains(profile.Identities.Values, i => i.MspId == "Org2MSP" && File.Exists(i.CertificatePath) && File.Exists(i.KeyPath));
        Assert.Same(profile.Common.Peers, profile.Peers);
    }

    [Fact]
    public void CreateGatewayOptions_NamedIdentity_PutsItsOwnPeerFirst()
    {
        var profile = ConnectionProfile.Load(fixture.ProfilePath);
        var identity = profile.Identities.Values.First(i => i.MspId == "Org2MSP" && i.Peer is not null && i.KeyPath is not null);

        var options = profile.CreateGatewayOptions(identity.Name);

        Assert.Equal("Org2MSP", options.Identity!.MspId);
        Assert.Equal(profile.Peers[identity.Peer!].Url, options.Endpoints[0].Address);
        Assert.Equal(profile.Peers.Count, options.Endpoints.Count);
    }

    [Fact]
    public void CreateVerifiedReadOptions_ProfileCas_TrustsEveryOrganization()
    {
        var profile = ConnectionProfile.Load(fixture.ProfilePath);

        var options = profile.CreateVerifiedReadOptions(minimumOrganizations: 2);

        Assert.Same(profile.MspCaCertificates, options.MspCaCertificates);
        Assert.Equal(2, options.MinimumOrganizations);
    }

    [Fact]
    public void Parse_NoExtension_ChannelFromCommonProfileAndNoIdentities()
    {
        const string json = """{ "peers": { "p0": { "url": "grpc://localhost:7051" } }, "channels": { "mychannel": { "peers": { "p0": {} } } } }""";

        var profile = ConnectionProfile.Parse(json, "/tmp");

        Assert.Equal("mychannel", profile.Channel);
        Assert.Null(profile.Chaincode);
        Assert.Empty(profile.Identities);
        Assert.Empty(profile.MspCaCertificates);
    }

    [Theory]
    [InlineData("""{ "x-hrec": { "identities": { "bob": { "mspid": "Org1MSP", "certPath": "c.pem" } } } }""", "x-hrec.identities.bob needs keyPath (a PEM key file) or hsm")]
    [InlineData("""{ "x-hrec": { "identities": { "bob": { "certPath": "c.pem", "keyPath": "k.pem" } } } }""", "x-hrec.identities.bob.mspid is required")]
    [InlineData("""{ "x-hrec": [] }""", "'x-hrec' must be an object")]
    [InlineData("""{ "x-hrec": { "identities": [] } }""", "'x-hrec.identities' must be an object")]
    [InlineData("""{ "x-hrec": { "organizations": { "Org1MSP": { "caCerts": ["missing-ca.pem"] } } } }""", "x-hrec.organizations.Org1MSP.caCerts: cannot read")]
    [InlineData("""{ "x-hrec": { "channel": 7 } }""", "'channel' must be a string")]
    public void Parse_InvalidExtension_ThrowsInvalidDataExceptionNamingField(string json, string expected)
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<InvalidDataException>(() => ConnectionProfile.Parse(json, directory.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateGatewayOptions_UnknownIdentity_ThrowsKeyNotFoundException()
    {
        var profile = ConnectionProfile.Load(fixture.ProfilePath);

        var error = Assert.Throws<KeyNotFoundException>(() => profile.CreateGatewayOptions("mallory"));

        Assert.Contains("mallory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateGatewayOptions_UnreadableKey_ThrowsCryptoMaterialException()
    {
        using var directory = new TemporaryDirectory();
        File.Copy(fixture.Profile.Identities["alice"].CertificatePath, Path.Combine(directory.Path, "cert.pem"));
        File.WriteAllText(Path.Combine(directory.Path, "key.pem"), "garbage");
        const string json = """{ "x-hrec": { "identities": { "u": { "mspid": "Org1MSP", "certPath": "cert.pem", "keyPath": "key.pem" } } } }""";

        var profile = ConnectionProfile.Parse(json, directory.Path);

        var error = Assert.Throws<CryptoMaterialException>(() => profile.CreateGatewayOptions("u"));
        Assert.Contains("key.pem", error.FilePath ?? error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_CommonProfileTheGatewayRead_ReadsTheSameExtension()
    {
        var common = CommonConnectionProfile.Load(fixture.ProfilePath);

        var profile = ConnectionProfile.From(common);

        Assert.Same(common, profile.Common);
        Assert.Equal(fixture.Profile.Identities.Keys.Order(StringComparer.Ordinal), profile.Identities.Keys.Order(StringComparer.Ordinal));
    }
}
