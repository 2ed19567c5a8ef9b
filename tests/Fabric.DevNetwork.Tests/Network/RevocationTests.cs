using Fabric.CryptoGen;
using Fabric.DevNetwork.Hosting.Internal;
using Fabric.DevNetwork.Tests.Network.Support;
using Grpc.Core;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>The dev network honours the revocation lists in its organisations' MSP folders (<c>msp/crls</c>), as Fabric's MSP does.</summary>
public sealed class RevocationTests : IAsyncLifetime, IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private readonly TemporaryDirectory _data = new();
    private DevNetwork? _network;

    public async Task InitializeAsync()
    {
        // Crypto material first, as the network would generate it; then Org1's CA revokes User1.
        var org1 = NetworkCrypto.Prepare(_data.Path, 2).GetOrganization("Org1MSP");
        using (var ca = CertificateAuthority.Load(org1.CaCertificatePath, org1.CaKeyPath))
        using (var user1 = X509Identity.FromPemFile(org1.MspId, org1.GetUser("User1").SigningCertificatePath).Certificate)
        {
            var crls = Path.Combine(org1.MspDirectory, "crls");
            Directory.CreateDirectory(crls);
            await File.WriteAllTextAsync(Path.Combine(crls, "crl.pem"), ca.CreateRevocationList([user1]));
        }

        // "anycc" is defined (Fabric's gateway answers an undefined chaincode before any creator check) but never
        // served, so a creator that passes the identity checks is refused only when the peer cannot reach it.
        _network = await DevNetwork.StartAsync(new DevNetworkOptions
        {
            DataDirectory = _data.Path,
            Chaincodes = [new ChaincodeDefinition { Name = "anycc", Version = "1.0", Address = "127.0.0.1:1" }],
        }).WithTimeout();
    }

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Evaluate_CreatorRevokedByMspCrl_AccessDenied()
    {
        using var client = new RawGatewayClient(_network!, Org1Peer, "User1");
        var (proposal, txId) = client.CreateProposal("anycc", "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("evaluate call to endorser returned error: error validating proposal: access denied: channel [healthchannel] creator org [Org1MSP]", error.Status.Detail);
    }

    [Fact]
    public async Task Evaluate_CreatorNotInCrl_PassesIdentityChecks()
    {
        using var client = new RawGatewayClient(_network!, Org1Peer, "Admin");
        var (proposal, txId) = client.CreateProposal("anycc", "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(proposal, txId)).WithTimeout();

        // Past the creator checks: refused only because nothing serves "anycc".
        Assert.DoesNotContain("access denied", error.Status.Detail, StringComparison.Ordinal);
    }
}
