using System.Text;
using Fabric.Gateway.Tests.Support;
using Fabric.Grpc;
using TestSupport;

namespace Fabric.Gateway.Tests;

/// <summary>
/// Several endpoints: when one peer's gateway stops, the client carries on through the other. A stopping
/// peer sends GOAWAY (NO_ERROR) on the connection the client pooled, and whether a call meets it while
/// sending, while waiting or not at all is a race; each case therefore runs for several rounds.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class FailoverTests(NetworkFixture fixture)
{
    /// <summary>Rounds per case: enough that a failure one time in twenty shows in one run.</summary>
    public static TheoryData<int> Rounds => [.. Enumerable.Range(1, 20)];
    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task SubmitAndEvaluate_FirstPeerStopped_CarryOnThroughSecondPeer(int round)
    {
        using var gateway = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey($"failover-{round}");
        await contract.SubmitTransactionAsync("put", key, "before").WithTimeout();

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var written = await contract.SubmitTransactionAsync("put", key, "during").WithTimeout();
            var read = await contract.EvaluateTransactionAsync("get", key).WithTimeout();

            Assert.Equal("during", Encoding.UTF8.GetString(written.Span));
            Assert.Equal("during", Encoding.UTF8.GetString(read.Span));
        }
    }

    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task GetTransactionStatusAsync_FirstPeerStopped_AnsweredBySecondPeer(int round)
    {
        using var gateway = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var network = gateway.GetNetwork(fixture.Channel);
        var proposal = network.GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey($"fo-status-{round}"), "v"));
        await (await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout()).GetStatusAsync().WithTimeout();

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var status = await network.GetTransactionStatusAsync(proposal.TransactionId).WithTimeout();
            Assert.True(status.Successful);
        }
    }

    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task EvaluateTransactionAsync_OnlyPeerStopped_ThrowsUnavailable(int round)
    {
        using var gateway = fixture.Connect(fixture.Org1Peer);
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var error = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync("get", $"k-{round}").WithTimeout(TestTimeouts.Short));
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task SubmitAsync_PeerStoppedAfterEndorse_ThrowsSubmitExceptionThatDidNotCommitAndFailsOver(int round)
    {
        using var single = fixture.Connect(fixture.Org1Peer);
        using var both = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var proposal = single.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey($"fo-submit-{round}"), "v"));
        var transaction = await proposal.EndorseAsync().WithTimeout();

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var error = await Assert.ThrowsAsync<SubmitException>(() => transaction.SubmitAsync().WithTimeout(TestTimeouts.Short));
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.False(error.MayHaveCommitted);

            // The request never left, so the two-endpoint gateway may send the same transaction elsewhere.
            var submitted = await both.NewTransaction(transaction.Bytes).SubmitAsync().WithTimeout();
            Assert.True((await submitted.GetStatusAsync().WithTimeout()).Successful);
        }
    }

    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task GetChaincodeEventsAsync_FirstPeerStopped_OpensOnSecondPeer(int round)
    {
        using var gateway = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var count = 1 + (round % 3); // streams of one to three events
        var committed = await ChaincodeEventsTests.SubmitEventsAsync(gateway, count);

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var options = new ChaincodeEventsOptions { StartBlock = committed[0].Status.BlockNumber };
            var events = await ChaincodeEventsTests.ReadAsync(gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, options), committed, count);
            Assert.Equal(committed.Select(c => c.TransactionId), events.Select(e => e.TransactionId));
        }
    }
}
