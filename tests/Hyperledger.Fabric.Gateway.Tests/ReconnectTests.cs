using Hyperledger.Fabric.Gateway.Tests.Support;
using TestSupport;
using Xunit.Abstractions;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>The opt-in reconnecting event stream: a peer restart mid-stream loses and repeats no event.</summary>
[Collection(NetworkCollection.Name)]
public sealed class ReconnectTests(NetworkFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task GetChaincodeEventsAsync_PeerRestartedMidStream_ResumesWithNoEventLostOrRepeated()
    {
        using var org1 = Gateway.Connect(fixture.Options(fixture.Org1Peer) with { LoggerFactory = new TestOutputLoggerFactory(output) });
        using var org2 = fixture.Connect(fixture.Org2Peer);
        var prefix = NetworkFixture.NewKey("restart");
        var start = await ChaincodeEventsTests.SubmitEventsAsync(org1, 1, prefix: prefix);
        var options = new ChaincodeEventsOptions
        {
            StartBlock = start[0].Status.BlockNumber,
            Reconnect = true,
            ReconnectDelay = TimeSpan.FromMilliseconds(200),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
        };
        await using var collector = new EventCollector(
            token => org1.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, options, token),
            e => IsMine(e, prefix));

        var expected = new List<string> { start[0].TransactionId };
        async Task SubmitAsync(IGateway gateway, int count) =>
            expected.AddRange((await ChaincodeEventsTests.SubmitEventsAsync(gateway, count, prefix: prefix)).Select(c => c.TransactionId));

        await SubmitAsync(org1, 2);
        await collector.WaitForCountAsync(3, TestTimeouts.Long);

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            await SubmitAsync(org2, 3); // committed while the stream's peer is down
        }

        await SubmitAsync(org1, 2);
        await collector.WaitForCountAsync(expected.Count, TestTimeouts.Long);
        await Task.Delay(500); // a repeated event would arrive now

        Assert.Equal(expected, collector.Events.Select(e => e.TransactionId));
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_FirstPeerStoppedWithTwoEndpoints_ContinuesOnSecond()
    {
        using var gateway = Gateway.Connect(fixture.Options(fixture.Org1Peer, fixture.Org2Peer) with { LoggerFactory = new TestOutputLoggerFactory(output) });
        using var org2 = fixture.Connect(fixture.Org2Peer);
        var prefix = NetworkFixture.NewKey("failover");
        var start = await ChaincodeEventsTests.SubmitEventsAsync(gateway, 1, prefix: prefix);
        var expected = new List<string> { start[0].TransactionId };
        var options = new ChaincodeEventsOptions { StartBlock = start[0].Status.BlockNumber, Reconnect = true, ReconnectDelay = TimeSpan.FromMilliseconds(100) };
        await using var collector = new EventCollector(
            token => gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, options, token),
            e => IsMine(e, prefix));
        await collector.WaitForCountAsync(1, TestTimeouts.Long);

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            expected.AddRange((await ChaincodeEventsTests.SubmitEventsAsync(org2, 3, prefix: prefix)).Select(c => c.TransactionId));

            await collector.WaitForCountAsync(expected.Count, TestTimeouts.Long);
        }

        Assert.Equal(expected, collector.Events.Select(e => e.TransactionId));
    }

    [Fact]
    public async Task GetChaincodeEventsAsync_WithoutReconnect_PeerStopped_ThrowsGatewayException()
    {
        using var gateway = fixture.Connect(fixture.Org1Peer);
        var start = await ChaincodeEventsTests.SubmitEventsAsync(gateway, 1);
        await using var collector = new EventCollector(
            token => gateway.GetNetwork(fixture.Channel).GetChaincodeEventsAsync(NetworkFixture.ChaincodeName, new ChaincodeEventsOptions { StartBlock = start[0].Status.BlockNumber }, token),
            e => e.TransactionId == start[0].TransactionId);
        await collector.WaitForCountAsync(1, TestTimeouts.Long);

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            await Assert.ThrowsAsync<GatewayException>(() => collector.Completion.WithTimeout(TestTimeouts.Short));
        }
    }

    private static bool IsMine(ChaincodeEvent e, string prefix) =>
        System.Text.Encoding.UTF8.GetString(e.Payload.Span).StartsWith(prefix, StringComparison.Ordinal);
}
