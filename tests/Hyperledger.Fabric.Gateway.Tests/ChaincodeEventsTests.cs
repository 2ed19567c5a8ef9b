using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Chaincode event streams against the dev network: start positions, checkpoints across restarts, closing.</summary>
[Collection(NetworkCollection.Name)]
public sealed class ChaincodeEventsTests(NetworkFixture fixture)
{
    [Fact]
    public async Task GetChaincodeEventsAsync_StartBlock_DeliversCommittedEventsInLedgerOrder()
    {
        using var gateway = fixture.Connect();
        var network = gateway.GetNetwork(fixture.Channel);
        var committed = await SubmitEventsAsync(gateway, 3);

        var events = await ReadAsync(network.GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, new ChaincodeEventsOptions { StartBlock = committed[0].Status.BlockNumber }), committed, 3);

        Assert.Equal(committed.Select(c => c.TransactionId), events.Select(e => e.TransactionId));
        Assert.All(events, e => Assert.Equal(NetworkFixture.ChaincodeName, e.ChaincodeName));
        Assert.Equal(committed.Select(c => c.Status.BlockNumber), events.Select(e => e.BlockNumber));
        Assert.Equal($"{committed[1].Key}=v", Encoding.UTF8.GetString(events[1].Payload.Span));
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_ClientRoleIdentity_PermissionDeniedByTheChannelAcl()
    {
        using var gateway = Gateway.Connect(fixture.Options() with { Identity = fixture.Identity(user: "User1"), Signer = fixture.Signer(user: "User1") });
        var events = gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, new ChaincodeEventsOptions { StartBlock = 0 });

        var error = await Assert.ThrowsAsync<GatewayException>(async () =>
        {
            await foreach (var unused in events)
            {
                break;
            }
        }).WithTimeout();

        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("[/Channel/Application/Readers]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_AfterTransactionId_SkipsThatTransactionAndEarlier()
    {
        using var gateway = fixture.Connect();
        var committed = await SubmitEventsAsync(gateway, 3);
        var options = new ChaincodeEventsOptions { StartBlock = committed[0].Status.BlockNumber, AfterTransactionId = committed[0].TransactionId };

        var events = await ReadAsync(gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, options), committed, 2);

        Assert.Equal(committed.Skip(1).Select(c => c.TransactionId), events.Select(e => e.TransactionId));
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_FileCheckpointerAfterClientRestart_ResumesAfterLastProcessedEventExactlyOnce()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "events.checkpoint");
        using var writer = fixture.Connect();
        // Submitted concurrently so that several events share a block: the resume point is inside a block.
        var committed = await SubmitEventsAsync(writer, 6, concurrently: true);
        var ordered = committed.OrderBy(c => c.Status.BlockNumber).ThenBy(c => fixture.Network.Ledger.FindTransaction(c.TransactionId)!.TransactionIndex).ToList();
        var first = ordered[0].Status.BlockNumber;

        var processed = new List<string>();
        using (var gateway = fixture.Connect())
        {
            var checkpointer = FileCheckpointer.Open(path);
            var options = new ChaincodeEventsOptions { StartBlock = first, Checkpointer = checkpointer };
            using var cts = new CancellationTokenSource(TestTimeouts.Long);
            await foreach (var e in gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, options, cts.Token))
            {
                await checkpointer.CheckpointChaincodeEventAsync(e);
                if (committed.Any(c => c.TransactionId == e.TransactionId))
                {
                    processed.Add(e.TransactionId);
                    if (processed.Count == 3)
                    {
                        break;
                    }
                }
            }
        }

        // "Restart": a new gateway and a checkpointer reopened from the file; the start block given is ignored.
        using (var gateway = fixture.Connect(fixture.Org2Peer))
        {
            var checkpointer = FileCheckpointer.Open(path);
            Assert.Equal(ordered[2].TransactionId, checkpointer.TransactionId);
            var options = new ChaincodeEventsOptions { StartBlock = 0, Checkpointer = checkpointer };
            var resumed = await ReadAsync(gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, options), committed, 3);
            processed.AddRange(resumed.Select(e => e.TransactionId));
        }

        Assert.Equal(ordered.Select(c => c.TransactionId), processed);
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_InMemoryCheckpointer_ResumesWithinProcess()
    {
        using var gateway = fixture.Connect();
        var committed = await SubmitEventsAsync(gateway, 2);
        var checkpointer = new InMemoryCheckpointer();
        await checkpointer.CheckpointTransactionAsync(committed[0].Status.BlockNumber, committed[0].TransactionId);

        var events = await ReadAsync(
            gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, new ChaincodeEventsOptions { Checkpointer = checkpointer }), committed, 1);

        Assert.Equal(committed[1].TransactionId, Assert.Single(events).TransactionId);
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_NoStart_DeliversOnlyNewCommits()
    {
        using var gateway = fixture.Connect();
        var before = await SubmitEventsAsync(gateway, 1);
        await using var collector = new EventCollector(
            token => gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, null, token), _ => true);

        // When the stream is open on the peer is not observable from here (a loaded machine can take longer than
        // any fixed pause), so commit until it delivers: every event it delivers must be one committed after it opened.
        var after = new List<string>();
        using (var deadline = new CancellationTokenSource(TestTimeouts.Long))
        {
            while (collector.Events.Count == 0)
            {
                Assert.False(collector.Completion.IsCompleted, "the stream ended before delivering an event");
                after.AddRange((await SubmitEventsAsync(gateway, 1)).Select(c => c.TransactionId));
                await Task.Delay(100, deadline.Token); // polling interval
            }
        }

        Assert.DoesNotContain(collector.Events, e => e.TransactionId == before[0].TransactionId);
        Assert.All(collector.Events, e => Assert.Contains(e.TransactionId, after));
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        using var gateway = fixture.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stream = gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, null, cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in stream.WithCancellation(cts.Token))
            {
            }
        }).WithTimeout(TestTimeouts.Short);
    }

    internal static async Task<List<Committed>> SubmitEventsAsync(IGateway gateway, int count, bool concurrently = false, string prefix = "event")
    {
        var contract = gateway.GetNetwork("healthchannel").GetContract(NetworkFixture.ChaincodeName);
        async Task<Committed> One()
        {
            var key = NetworkFixture.NewKey(prefix);
            var proposal = contract.NewProposal("put", new ProposalOptions().WithArguments(key, "v"));
            var submitted = await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout();
            return new Committed(key, proposal.TransactionId, await submitted.GetStatusAsync().WithTimeout());
        }

        if (concurrently)
        {
            return [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => One()))];
        }

        var result = new List<Committed>();
        for (var i = 0; i < count; i++)
        {
            result.Add(await One());
        }

        return result;
    }

    internal static async Task<List<ChaincodeEvent>> ReadAsync(IAsyncEnumerable<ChaincodeEvent> stream, IReadOnlyList<Committed> mine, int count)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        var events = new List<ChaincodeEvent>();
        await foreach (var e in stream.WithCancellation(cts.Token))
        {
            if (mine.Any(c => c.TransactionId == e.TransactionId))
            {
                events.Add(e);
                if (events.Count == count)
                {
                    break;
                }
            }
        }

        return events;
    }

    internal sealed record Committed(string Key, string TransactionId, CommitStatus Status);
}
