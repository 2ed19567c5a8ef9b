using System.Text.Json;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Protos.Common;
using TestSupport;
using Xunit.Abstractions;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// The official Node client (<c>@hyperledger/fabric-gateway</c> 1.11.0: <c>getBlockEvents</c>,
/// <c>getFilteredBlockEvents</c>) and our block events read the same blocks from the dev network's
/// Deliver service, across a restart of the peer: ours live through the restart (reconnecting), the
/// Node client's from the restarted peer afterwards.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class NodeBlockEventsInteropTests(NetworkFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task BlockEvents_NodeClientAndOurs_SameBlockNumbersAndTxIdsAcrossAPeerRestart()
    {
        using var org1 = Gateway.Connect(fixture.Options(fixture.Org1Peer) with { LoggerFactory = new TestOutputLoggerFactory(output) });
        using var org2 = fixture.Connect(fixture.Org2Peer);
        var start = (await ChaincodeEventsTests.SubmitEventsAsync(org1, 2))[0].Status.BlockNumber;
        var options = new BlockEventsOptions { StartBlock = start, Reconnect = true, ReconnectDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromSeconds(1) };
        var live = new System.Collections.Concurrent.ConcurrentQueue<BlockLine>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var block in org1.GetNetwork(fixture.Channel).GetBlockEventsAsync(options, stop.Token))
            {
                live.Enqueue(Describe(block));
            }
        });

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            await ChaincodeEventsTests.SubmitEventsAsync(org2, 2);
        }

        var last = (await ChaincodeEventsTests.SubmitEventsAsync(org1, 2))[^1].Status.BlockNumber;
        using (var wait = new CancellationTokenSource(TestTimeouts.Long))
        {
            while (!live.Any(b => b.BlockNumber == last) && !reader.IsCompleted)
            {
                await Task.Delay(50, wait.Token);
            }
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader).WithTimeout();
        var ours = live.TakeWhile(b => b.BlockNumber <= last).ToList();
        var oursFiltered = await OurFilteredAsync(org1, start, last);

        using var directory = new TemporaryDirectory();
        var config = WriteNodeConfig(directory.Path);
        var nodeBlocks = await NodeAsync(config, "full", start, last);
        var nodeFiltered = await NodeAsync(config, "filtered", start, last);

        Assert.Equal(Enumerable.Range((int)start, (int)(last - start + 1)).Select(n => (ulong)n), ours.Select(b => b.BlockNumber));
        Assert.Equal(Render(ours), Render(nodeBlocks));
        Assert.Equal(Render(oursFiltered), Render(nodeFiltered));
        Assert.Equal(Render(nodeBlocks), Render(nodeFiltered));
    }

    private async Task<List<BlockLine>> OurFilteredAsync(IGateway gateway, ulong start, ulong last)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Long);
        var lines = new List<BlockLine>();
        await foreach (var block in gateway.GetNetwork(fixture.Channel).GetFilteredBlockEventsAsync(new BlockEventsOptions { StartBlock = start }, cts.Token))
        {
            lines.Add(new BlockLine(block.Number, [.. block.FilteredTransactions.Select(t => t.Txid)], [.. block.FilteredTransactions.Select(t => (int)t.TxValidationCode)]));
            if (block.Number >= last)
            {
                break;
            }
        }

        return lines;
    }

    private static async Task<List<BlockLine>> NodeAsync(string config, string form, ulong start, ulong last)
    {
        var text = await NodeInterop.RunAsync("devnet/client.js", [config, "blocks", form, start.ToString(System.Globalization.CultureInfo.InvariantCulture), last.ToString(System.Globalization.CultureInfo.InvariantCulture)], TestTimeouts.Long);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var json = JsonDocument.Parse(line).RootElement;
            return new BlockLine(
                json.GetProperty("blockNumber").GetUInt64(),
                [.. json.GetProperty("txIds").EnumerateArray().Select(t => t.GetString()!)],
                [.. json.GetProperty("codes").EnumerateArray().Select(c => c.GetInt32())]);
        })];
    }

    private string WriteNodeConfig(string directory)
    {
        var peer = fixture.Org1Peer;
        var user = fixture.Network.Crypto.GetOrganization("Org1MSP").GetUser(NetworkFixture.DefaultUser);
        var path = Path.Combine(directory, "client.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["url"] = peer.Url,
            ["tlsCaPath"] = peer.TlsCaCertificatePath,
            ["hostOverride"] = peer.Name,
            ["mspId"] = "Org1MSP",
            ["certPath"] = user.SigningCertificatePath,
            ["keyPath"] = user.PrivateKeyPath,
            ["channel"] = fixture.Channel,
            ["chaincode"] = NetworkFixture.ChaincodeName,
        }));
        return path;
    }

    private static BlockLine Describe(Block block) => new(
        block.Header.Number,
        [.. block.Data.Data.Select(d => ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(d).Payload).Header.ChannelHeader).TxId)],
        [.. block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Select(b => (int)b)]);

    private static List<string> Render(IEnumerable<BlockLine> lines) =>
        [.. lines.Select(l => $"{l.BlockNumber}: {string.Join(",", l.TxIds)} [{string.Join(",", l.Codes)}]")];

    private sealed record BlockLine(ulong BlockNumber, IReadOnlyList<string> TxIds, IReadOnlyList<int> Codes);
}
