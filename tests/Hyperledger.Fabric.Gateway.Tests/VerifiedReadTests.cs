using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// Verifiable reads on the dev network: the result comes back endorsed by both organisations and the
/// client checks it; a man in the middle that tampers with the endorsements is caught.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class VerifiedReadTests(NetworkFixture fixture)
{
    [Fact]
    public async Task EvaluateVerifiedAsync_BothOrganizationsEndorse_ReturnsResultAndEndorsers()
    {
        var key = await WriteAsync("verified", "trusted value");
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var result = await contract.EvaluateVerifiedAsync("get", [key], Options()).WithTimeout();

        Assert.Equal("trusted value", Encoding.UTF8.GetString(result.Result.Span));
        Assert.Equal(["Org1MSP", "Org2MSP"], result.Organizations.Order());
        Assert.All(result.Endorsers, e => Assert.Contains("peer0", e.Identity.Certificate.Subject, StringComparison.Ordinal));
        Assert.Matches("^[0-9a-f]{64}$", result.TransactionId);
    }

    /// <summary>
    /// Why the writes above wait for both peers: the policy lets Org1's peer alone endorse the write, so Org2's peer
    /// may not have its block when the read is endorsed on both; the gateway then refuses the differing answers.
    /// </summary>
    [Fact]
    public async Task EvaluateVerifiedAsync_Org2PeerWithoutTheWritesBlock_ThrowsPayloadMismatchUntilItCatchesUp()
    {
        var faults = fixture.Network.GetCommitFaults(fixture.Org2Peer.Name);
        await fixture.SettleAsync();
        faults.Pause();
        try
        {
            var key = NetworkFixture.NewKey("behind");
            using var gateway = fixture.Connect();
            var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
            await contract.SubmitTransactionAsync("put", key, "new").WithTimeout();

            var error = await Assert.ThrowsAsync<EndorseException>(() => contract.EvaluateVerifiedAsync("get", [key], Options()).WithTimeout());

            Assert.Equal(Grpc.Core.StatusCode.Aborted, error.StatusCode);
            Assert.Contains(error.Details, d => d.MspId == "Org2MSP" && d.Message == "ProposalResponsePayloads do not match");
            Assert.True(GatewayRetryPredicates.IsEndorsementMismatch(error));
            faults.Resume();
            await fixture.SettleAsync();
            var result = await contract.EvaluateVerifiedAsync("get", [key], Options()).WithTimeout();
            Assert.Equal("new", Encoding.UTF8.GetString(result.Result.Span));
        }
        finally
        {
            faults.Resume();
        }
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_WriteFunction_IsNeverSubmitted()
    {
        var key = NetworkFixture.NewKey("never-submitted");
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var result = await contract.EvaluateVerifiedAsync("incr", [key], Options()).WithTimeout();
        await Task.Delay(1000); // longer than a block takes to cut

        Assert.Equal("1", Encoding.UTF8.GetString(result.Result.Span));
        Assert.Null(fixture.Network.Ledger.FindTransaction(result.TransactionId));
        Assert.Equal(string.Empty, Encoding.UTF8.GetString((await contract.EvaluateTransactionAsync("get", key).WithTimeout()).Span));
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_TamperedResult_ThrowsVerificationException()
    {
        var key = await WriteAsync("tampered", "real");
        var error = await ReadThroughProxyAsync(key, r => EndorsementTampering.ChangeResult(r, "forged"));
        Assert.Contains("signature", error.Reason, StringComparison.Ordinal);
        Assert.Contains("does not verify", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_EndorserFromUnknownCa_ThrowsVerificationException()
    {
        var key = await WriteAsync("unknown-ca", "real");
        var error = await ReadThroughProxyAsync(key, r => EndorsementTampering.ForgeWithUnknownCa(r, "Org2MSP"));
        Assert.Contains("Org2MSP is not trusted", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_ResponseToAnotherProposal_ThrowsVerificationException()
    {
        var key = await WriteAsync("replayed", "real");
        var error = await ReadThroughProxyAsync(key, EndorsementTampering.ChangeProposalHash);
        Assert.Contains("proposal hash", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_RequiredOrganizationMissing_ThrowsVerificationException()
    {
        var key = await WriteAsync("dropped", "real");
        var error = await ReadThroughProxyAsync(key, r => EndorsementTampering.DropOrganization(r, "Org2MSP"));
        Assert.Contains("Org2MSP did not endorse", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_FewerOrganizationsThanMinimum_ThrowsVerificationException()
    {
        var key = await WriteAsync("minimum", "real");
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var error = await Assert.ThrowsAsync<VerificationException>(() => contract.EvaluateVerifiedAsync("get", [key], Options() with { MinimumOrganizations = 3 }).WithTimeout());

        Assert.Contains("3 required", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateVerifiedAsync_NoTrustedCas_ThrowsArgumentException()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        await Assert.ThrowsAsync<ArgumentException>(() => contract.EvaluateVerifiedAsync("get", ["k"], new VerifiedReadOptions()).WithTimeout());
    }

    private VerifiedReadOptions Options() => new()
    {
        MspCaCertificates = fixture.MspCaCertificates(),
        RequiredOrganizations = ["Org1MSP", "Org2MSP"],
        MinimumOrganizations = 2,
    };

    private async Task<VerificationException> ReadThroughProxyAsync(string key, Func<Hyperledger.Fabric.Protos.Gateway.EndorseResponse, Hyperledger.Fabric.Protos.Gateway.EndorseResponse> tamper)
    {
        await using var proxy = await TamperingProxy.StartAsync(NetworkFixture.Endpoint(fixture.Org1Peer));
        using var gateway = Gateway.Connect(fixture.Options() with { Endpoints = [new GatewayEndpoint { Address = proxy.Address }] });
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        // Sanity: through the honest proxy the read verifies, so the failure below is the tampering's doing.
        await contract.EvaluateVerifiedAsync("get", [key], Options()).WithTimeout();
        proxy.TamperEndorse = tamper;
        return await Assert.ThrowsAsync<VerificationException>(() => contract.EvaluateVerifiedAsync("get", [key], Options()).WithTimeout());
    }

    /// <summary>Writes through Org1's peer and waits until Org2's peer has the block too: the reads endorse on both.</summary>
    private async Task<string> WriteAsync(string prefix, string value)
    {
        var key = NetworkFixture.NewKey(prefix);
        using var gateway = fixture.Connect();
        await gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).SubmitTransactionAsync("put", key, value).WithTimeout();
        await fixture.SettleAsync();
        return key;
    }
}
