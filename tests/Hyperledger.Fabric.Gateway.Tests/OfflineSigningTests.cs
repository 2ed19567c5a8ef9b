using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// The offline-signing flow against the dev network: a gateway with no signer exposes each step's digest;
/// the signature is made elsewhere (here, by the user's key loaded separately) and attached, and every
/// step survives serialisation to bytes and back, even into another gateway instance.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class OfflineSigningTests(NetworkFixture fixture)
{
    [Fact]
    public async Task SubmitFlow_SignedOfflineAndRestoredFromBytes_Commits()
    {
        var offlineSigner = fixture.Signer();
        var key = NetworkFixture.NewKey("offline");

        // Each step runs in a fresh gateway that only has the bytes, as a service would across requests.
        byte[] proposalBytes, proposalSignature;
        using (var gateway = ConnectWithoutSigner())
        {
            var unsigned = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(key, "signed elsewhere"));
            proposalBytes = unsigned.Bytes.ToArray();
            proposalSignature = await offlineSigner.SignAsync(unsigned.Digest);
        }

        byte[] transactionBytes, transactionSignature;
        string transactionId;
        using (var gateway = ConnectWithoutSigner())
        {
            var proposal = gateway.NewSignedProposal(proposalBytes, proposalSignature);
            var transaction = await proposal.EndorseAsync().WithTimeout();
            Assert.Equal("signed elsewhere", Encoding.UTF8.GetString(transaction.Result.Span));
            transactionId = transaction.TransactionId;
            transactionBytes = transaction.Bytes.ToArray();
            transactionSignature = await offlineSigner.SignAsync(gateway.NewTransaction(transactionBytes).Digest);
        }

        byte[] commitBytes, commitSignature;
        using (var gateway = ConnectWithoutSigner())
        {
            var submitted = await gateway.NewSignedTransaction(transactionBytes, transactionSignature).SubmitAsync().WithTimeout();
            Assert.Equal(transactionId, submitted.TransactionId);
            commitBytes = submitted.Bytes.ToArray();
            commitSignature = await offlineSigner.SignAsync(submitted.Digest);
        }

        using (var gateway = ConnectWithoutSigner())
        {
            var status = await gateway.NewSignedCommit(commitBytes, commitSignature).GetStatusAsync().WithTimeout();
            Assert.True(status.Successful);
            Assert.Equal(transactionId, status.TransactionId);
        }

        using var reader = fixture.Connect();
        var stored = await reader.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).EvaluateTransactionAsync("get", key).WithTimeout();
        Assert.Equal("signed elsewhere", Encoding.UTF8.GetString(stored.Span));
    }

    [Fact]
    public async Task EvaluateAsync_SignedOffline_ReturnsResult()
    {
        using var writer = fixture.Connect();
        var key = NetworkFixture.NewKey("offline-read");
        await writer.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).SubmitTransactionAsync("put", key, "v1").WithTimeout();

        using var gateway = ConnectWithoutSigner();
        var unsigned = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("get", new ProposalOptions().WithArguments(key));
        var signed = gateway.NewSignedProposal(unsigned.Bytes, await fixture.Signer().SignAsync(unsigned.Digest));

        var result = await signed.EvaluateAsync().WithTimeout();

        Assert.Equal(unsigned.TransactionId, signed.TransactionId);
        Assert.Equal("v1", Encoding.UTF8.GetString(result.Span));
    }

    [Fact]
    public async Task ChaincodeEventsRequest_SignedOffline_DeliversEvents()
    {
        using var writer = fixture.Connect();
        var key = NetworkFixture.NewKey("offline-events");
        var contract = writer.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var proposal = contract.NewProposal("put", new ProposalOptions().WithArguments(key, "e"));
        var status = await (await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout()).GetStatusAsync().WithTimeout();

        using var gateway = ConnectWithoutSigner();
        var unsigned = gateway.GetNetwork(fixture.Channel).NewChaincodeEventsRequest(NetworkFixture.ChaincodeName, new ChaincodeEventsOptions { StartBlock = status.BlockNumber });
        var signed = gateway.NewSignedChaincodeEventsRequest(unsigned.Bytes, await fixture.Signer().SignAsync(unsigned.Digest));
        using var cts = new CancellationTokenSource(TestTimeouts.Long);

        ChaincodeEvent? found = null;
        await foreach (var e in signed.GetEventsAsync(cts.Token))
        {
            if (e.TransactionId == proposal.TransactionId)
            {
                found = e;
                break;
            }
        }

        Assert.NotNull(found);
        Assert.Equal("put", found.EventName);
        Assert.Equal($"{key}=e", Encoding.UTF8.GetString(found.Payload.Span));
        Assert.Equal(status.BlockNumber, found.BlockNumber);
    }

    [Fact]
    public async Task EndorseAsync_UnsignedWithoutSigner_ThrowsInvalidOperationException()
    {
        using var gateway = ConnectWithoutSigner();
        var proposal = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("get", new ProposalOptions().WithArguments("k"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => proposal.EndorseAsync().WithTimeout());
        Assert.Contains("NewSignedProposal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetChaincodeEventsAsync_WithoutSigner_ThrowsInvalidOperationException()
    {
        using var gateway = ConnectWithoutSigner();
        Assert.Throws<InvalidOperationException>(() => gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName));
    }

    [Fact]
    public void NewSignedProposal_GarbageBytes_ThrowsArgumentException()
    {
        using var gateway = ConnectWithoutSigner();
        Assert.Throws<ArgumentException>(() => gateway.NewSignedProposal(new byte[] { 1, 2, 3 }, new byte[] { 4 }));
        Assert.Throws<ArgumentException>(() => gateway.NewSignedTransaction(ReadOnlyMemory<byte>.Empty, new byte[] { 4 }));
    }

    [Fact]
    public async Task NewSignedProposal_WrongKey_IsRejectedByThePeer()
    {
        using var gateway = ConnectWithoutSigner();
        var unsigned = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("get", new ProposalOptions().WithArguments("k"));
        var (_, strangerSigner) = TestIdentities.CreateClient();
        var signed = gateway.NewSignedProposal(unsigned.Bytes, await strangerSigner.SignAsync(unsigned.Digest));

        var error = await Assert.ThrowsAsync<GatewayException>(() => signed.EvaluateAsync().WithTimeout());
        Assert.NotEqual(global::Grpc.Core.StatusCode.OK, error.StatusCode);
    }

    private IGateway ConnectWithoutSigner() => Gateway.Connect(fixture.Options() with { Signer = null });

    [Fact]
    public async Task NewCommitByTransactionId_SignedOffline_ReturnsStatus()
    {
        using var writer = fixture.Connect();
        var proposal = writer.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey("offline-status"), "v"));
        var expected = await (await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout()).GetStatusAsync().WithTimeout();

        using var gateway = ConnectWithoutSigner();
        var unsigned = gateway.GetNetwork(fixture.Channel).NewCommit(proposal.TransactionId);
        var status = await gateway.NewSignedCommit(unsigned.Bytes, await fixture.Signer().SignAsync(unsigned.Digest)).GetStatusAsync().WithTimeout();

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task NewCommitAndNewChaincodeEventsRequest_UnsignedBytesInSigningGateway_AreSignedThere()
    {
        using var writer = fixture.Connect();
        var proposal = writer.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey("restore"), "v"));
        var submitted = await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout();
        var block = (await submitted.GetStatusAsync().WithTimeout()).BlockNumber;

        byte[] commitBytes, eventsBytes;
        using (var offline = ConnectWithoutSigner())
        {
            commitBytes = offline.GetNetwork(fixture.Channel).NewCommit(proposal.TransactionId).Bytes.ToArray();
            eventsBytes = offline.GetNetwork(fixture.Channel).NewChaincodeEventsRequest(NetworkFixture.ChaincodeName, new ChaincodeEventsOptions { StartBlock = block }).Bytes.ToArray();
        }

        using var signing = fixture.Connect();
        var status = await signing.NewCommit(commitBytes).GetStatusAsync().WithTimeout();
        Assert.True(status.Successful);
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        await foreach (var e in signing.NewChaincodeEventsRequest(eventsBytes).GetEventsAsync(cts.Token))
        {
            if (e.TransactionId == proposal.TransactionId)
            {
                return;
            }
        }

        Assert.Fail("the event stream ended without the transaction's event");
    }
}
