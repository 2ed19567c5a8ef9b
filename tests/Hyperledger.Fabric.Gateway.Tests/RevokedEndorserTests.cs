using System.Security.Cryptography;
using Fabric.CryptoGen;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Verified reads honour the endorsing organisations' revocation lists, as Fabric's MSP does.</summary>
[Collection(NetworkCollection.Name)]
public sealed class RevokedEndorserTests(NetworkFixture fixture)
{
    [Fact]
    public async Task EvaluateVerifiedAsync_EndorserInOrganizationCrl_ThrowsVerificationExceptionRevoked()
    {
        var key = NetworkFixture.NewKey("revoked-endorser");
        using (var writer = fixture.Connect())
        {
            await writer.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).SubmitTransactionAsync("put", key, "v").WithTimeout();
        }

        await fixture.SettleAsync(); // the verified reads endorse on Org2's peer too

        var org2 = fixture.Network.Crypto.GetOrganization("Org2MSP");
        using var ca = CertificateAuthority.Load(org2.CaCertificatePath, org2.CaKeyPath);
        using var peer = ca.Issue(new LeafCertificateOptions("peer7.org2.example.com") { OrganizationalUnits = ["peer"] });
        var crl = RevocationList.Parse(System.Text.Encoding.UTF8.GetBytes(ca.CreateRevocationList([peer.Certificate])));
        await using var proxy = await TamperingProxy.StartAsync(NetworkFixture.Endpoint(fixture.Org1Peer));
        proxy.TamperEndorse = r => P384Endorsements.Resign(r, "Org2MSP", peer, HashAlgorithmName.SHA256);
        using var gateway = Gateway.Connect(fixture.Options() with { Endpoints = [new GatewayEndpoint { Address = proxy.Address }] });
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var options = new VerifiedReadOptions
        {
            MspCaCertificates = fixture.MspCaCertificates(),
            RequiredOrganizations = ["Org1MSP", "Org2MSP"],
        };

        // Without the CRL the re-signed endorsement is trusted, so the refusal below is the CRL's doing.
        await contract.EvaluateVerifiedAsync("get", [key], options).WithTimeout();
        var error = await Assert.ThrowsAsync<VerificationException>(() => contract.EvaluateVerifiedAsync(
            "get", [key], options with { MspRevocationLists = new Dictionary<string, IReadOnlyList<RevocationList>> { ["Org2MSP"] = [crl] } })).WithTimeout();

        Assert.Contains("of Org2MSP is not trusted", error.Reason, StringComparison.Ordinal);
        Assert.Contains("has been revoked", error.Reason, StringComparison.Ordinal);
    }
}
