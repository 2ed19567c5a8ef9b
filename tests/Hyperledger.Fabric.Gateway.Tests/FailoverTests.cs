using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Grpc.Core;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Several endpoints: when one peer's gateway stops, the client carries on through the other (each case 20 times).</summary>
[Collection(NetworkCollection.Name)]
public sealed class FailoverTests(NetworkFixture fixture)
{
    /// <summary>Every case runs 20 times in one test run: failover must not depend on how a stop races a call.</summary>
    public static TheoryData<int> Runs { get; } = [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task SubmitAndEvaluate_FirstPeerStopped_CarryOnThroughSecondPeer(int run)
    {
        using var gateway = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey($"failover{run}");
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
    [MemberData(nameof(Runs))]
    public async Task GetTransactionStatusAsync_FirstPeerStopped_AnsweredBySecondPeer(int run)
    {
        using var gateway = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var network = gateway.GetNetwork(fixture.Channel);
        var proposal = network.GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey($"fo-status{run}"), "v"));
        await (await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout()).GetStatusAsync().WithTimeout();

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var status = await network.GetTransactionStatusAsync(proposal.TransactionId).WithTimeout();
            Assert.True(status.Successful);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task EvaluateTransactionAsync_OnlyPeerStopped_ThrowsUnavailable(int run)
    {
        using var gateway = fixture.Connect(fixture.Org1Peer);
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var error = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync("get", $"k{run}").WithTimeout(TestTimeouts.Short));
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task SubmitAsync_PeerStoppedAfterEndorse_ThrowsSubmitExceptionThatDidNotCommitAndFailsOver(int run)
    {
        using var single = fixture.Connect(fixture.Org1Peer);
        using var both = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var proposal = single.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey($"fo-submit{run}"), "v"));
        var transaction = await proposal.EndorseAsync().WithTimeout();

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            // A call made in the instant the peer closes its connection may or may not have reached it; once the
            // client has seen the connection close (this evaluate fails), a submit certainly cannot reach it.
            var probe = await Assert.ThrowsAsync<GatewayException>(() => single.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).EvaluateTransactionAsync("get", "probe").WithTimeout(TestTimeouts.Short));
            Assert.Equal(StatusCode.Unavailable, probe.StatusCode);
            var error = await Assert.ThrowsAsync<SubmitException>(() => transaction.SubmitAsync().WithTimeout(TestTimeouts.Short));
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.False(error.MayHaveCommitted, error.InnerException?.ToString());

            // The request never left, so the two-endpoint gateway may send the same transaction elsewhere.
            var submitted = await both.NewTransaction(transaction.Bytes).SubmitAsync().WithTimeout();
            Assert.True((await submitted.GetStatusAsync().WithTimeout()).Successful);
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task GetChaincodeEventsAsync_FirstPeerStopped_OpensOnSecondPeer(int run)
    {
        Assert.InRange(run, 1, Runs.Count);
        using var gateway = fixture.Connect(fixture.Org1Peer, fixture.Org2Peer);
        var committed = await ChaincodeEventsTests.SubmitEventsAsync(gateway, 2);

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var options = new ChaincodeEventsOptions { StartBlock = committed[0].Status.BlockNumber };
            var events = await ChaincodeEventsTests.ReadAsync(gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, options), committed, 2);
            Assert.Equal(committed.Select(c => c.TransactionId), events.Select(e => e.TransactionId));
        }
    }
}
