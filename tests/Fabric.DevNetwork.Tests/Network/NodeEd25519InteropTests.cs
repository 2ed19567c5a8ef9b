using Fabric.CryptoGen;
using Fabric.DevNetwork.Tests.Network.Support;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// An Ed25519 identity (Fabric 3) issued by the crypto generator, used by the official Node
/// <c>@hyperledger/fabric-gateway</c> client's own Ed25519 signer (message unhashed): the dev network
/// verifies it and commits.
/// </summary>
[Collection(DevNetworkCollection.Name)]
public sealed class NodeEd25519InteropTests(DevNetworkFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Submit_Ed25519UserByNodeClient_CommitsValid()
    {
        var org = fixture.Network.Crypto.GetOrganization("Org1MSP");
        using var ca = CertificateAuthority.Load(org.CaCertificatePath, org.CaKeyPath);
        using var user = ca.Issue(new LeafCertificateOptions("ed25519-node@org1.example.com") { OrganizationalUnits = ["client"], KeyAlgorithm = KeyAlgorithm.Ed25519 });
        var certPath = Path.Combine(_directory.Path, "cert.pem");
        var keyPath = Path.Combine(_directory.Path, "priv_sk");
        await File.WriteAllTextAsync(certPath, user.CertificatePem);
        await File.WriteAllTextAsync(keyPath, user.PrivateKeyPem);
        using var client = new NodeGatewayClient(fixture.Network.Peers.First(p => p.MspId == "Org1MSP"), "Org1MSP", certPath, keyPath, fixture.Network.ChannelId, "devnetcc");

        var result = await client.RunAsync("submit", "put", "ed25519-node-key", "signed by node ed25519");

        Assert.Equal(0, result.GetProperty("code").GetInt32()); // VALID
        Assert.NotNull(fixture.Network.Ledger.FindTransaction(result.GetProperty("txId").GetString()!));
        Assert.Equal("signed by node ed25519", fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", "ed25519-node-key")!.Value.ToStringUtf8());
    }

    public void Dispose() => _directory.Dispose();
}
