using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// Fabric's MSP rule on the dev network: messages are hashed with the MSP's hash family (SHA-256 by
/// default) whatever the key's curve, so P-384 identities sign SHA-256 digests.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class P384SigningTests(NetworkFixture fixture)
{
    [Fact]
    public async Task SubmitTransactionAsync_P384IdentitySignsSha256_Commits()
    {
        using var user = P384Endorsements.Issue(fixture.Network, "Org1MSP", "client", "p384-sha256@org1.example.com");
        using var gateway = Gateway.Connect(Options(user, Hashes.Sha256));
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("p384");

        await contract.SubmitTransactionAsync("put", key, "signed over sha-256").WithTimeout();

        Assert.Equal("signed over sha-256", Encoding.UTF8.GetString((await contract.EvaluateTransactionAsync("get", key).WithTimeout()).Span));
    }

    [Fact]
    public async Task SubmitTransactionAsync_P384IdentitySignsSha384_ThrowsEndorseExceptionAccessDenied()
    {
        using var user = P384Endorsements.Issue(fixture.Network, "Org1MSP", "client", "p384-sha384@org1.example.com");
        using var gateway = Gateway.Connect(Options(user, Hashes.Sha384));
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var error = await Assert.ThrowsAsync<EndorseException>(() => contract.SubmitTransactionAsync("put", NetworkFixture.NewKey("p384-bad"), "x")).WithTimeout();

        Assert.Contains(error.Details, d => d.Message.Contains("access denied", StringComparison.Ordinal) && d.Message.Contains("creator org [Org1MSP]", StringComparison.Ordinal));
        Assert.Null(fixture.Network.Ledger.FindTransaction(error.TransactionId));
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_P384EndorserSignsSha256_Verifies()
    {
        var key = await WriteAsync("p384-endorser", "endorsed");
        using var peer = P384Endorsements.Issue(fixture.Network, "Org2MSP", "peer", "peer1.org2.example.com");
        await using var proxy = await TamperingProxy.StartAsync(NetworkFixture.Endpoint(fixture.Org1Peer));
        proxy.TamperEndorse = r => P384Endorsements.Resign(r, "Org2MSP", peer, HashAlgorithmName.SHA256);
        using var gateway = Gateway.Connect(fixture.Options() with { Endpoints = [new GatewayEndpoint { Address = proxy.Address }] });
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var result = await contract.EvaluateVerifiedAsync("get", [key], ReadOptions()).WithTimeout();

        Assert.Equal("endorsed", Encoding.UTF8.GetString(result.Result.Span));
        var org2 = Assert.Single(result.Endorsers, e => e.MspId == "Org2MSP");
        using var endorserKey = org2.Identity.Certificate.GetECDsaPublicKey();
        Assert.Equal(384, endorserKey!.KeySize);
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_P384EndorserSignsSha384_ThrowsVerificationExceptionNamingHashRule()
    {
        var key = await WriteAsync("p384-endorser-384", "endorsed");
        using var peer = P384Endorsements.Issue(fixture.Network, "Org2MSP", "peer", "peer2.org2.example.com");
        await using var proxy = await TamperingProxy.StartAsync(NetworkFixture.Endpoint(fixture.Org1Peer));
        proxy.TamperEndorse = r => P384Endorsements.Resign(r, "Org2MSP", peer, HashAlgorithmName.SHA384);
        using var gateway = Gateway.Connect(fixture.Options() with { Endpoints = [new GatewayEndpoint { Address = proxy.Address }] });
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var error = await Assert.ThrowsAsync<VerificationException>(() => contract.EvaluateVerifiedAsync("get", [key], ReadOptions())).WithTimeout();

        Assert.Contains("does not verify over SHA-256", error.Reason, StringComparison.Ordinal);
        Assert.Contains("whatever the key's curve", error.Reason, StringComparison.Ordinal);
    }

    private GatewayOptions Options(global::Fabric.CryptoGen.IssuedCertificate user, HashFunction hash) => fixture.Options() with
    {
        Identity = X509Identity.FromPem("Org1MSP", user.CertificatePem),
        Signer = Signers.FromPrivateKey(user.PrivateKey!),
        Hash = hash,
    };

    private VerifiedReadOptions ReadOptions() => new()
    {
        MspCaCertificates = fixture.MspCaCertificates(),
        RequiredOrganizations = ["Org1MSP", "Org2MSP"],
        MinimumOrganizations = 2,
    };

    private async Task<string> WriteAsync(string prefix, string value)
    {
        var key = NetworkFixture.NewKey(prefix);
        using var gateway = fixture.Connect();
        await gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).SubmitTransactionAsync("put", key, value).WithTimeout();
        await fixture.SettleAsync(); // the verified reads endorse on Org2's peer too
        return key;
    }
}
