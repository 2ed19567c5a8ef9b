using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Ordering;

/// <summary>
/// The stage instruments the dev-network benchmark reads: a block cut by count says so with its size,
/// and the orderer's and the peer's stores, deliver, prepare and commit each record a duration.
/// </summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class DevNetworkMetricsTests(NetworkMaterial material)
{
    // A size no other test cuts, so that recordings from tests running at the same time cannot pass for this one's.
    private const int BlockSize = 7;

    [Fact]
    public async Task Listener_BlockCutByCount_RecordsItsSizeReasonAndEachStage()
    {
        var recorded = new ConcurrentQueue<(string Name, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DevNetworkMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => recorded.Enqueue((i.Name, value, tags.Length == 0 ? null : tags[0].Value as string)));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => recorded.Enqueue((i.Name, value, tags.Length == 0 ? null : tags[0].Value as string)));
        listener.Start();

        await using var harness = await ChannelHarness.StartAsync(material, maxMessageCount: BlockSize, batchTimeout: TimeSpan.FromSeconds(30));
        var envelopes = new List<(Envelope Envelope, string TxId)>();
        for (var i = 0; i < BlockSize; i++)
        {
            envelopes.Add(await harness.NewTransaction().Write($"k{i}", "v").BuildAsync());
        }

        foreach (var (envelope, _) in envelopes)
        {
            await harness.Channel.Orderer.SubmitAsync(envelope);
        }

        await Task.WhenAll(envelopes.Select(e => harness.Ledger.WaitForCommitAsync(e.TxId))).WithTimeout(TestTimeouts.Short);
        var all = recorded.ToArray();
        Assert.Contains(all, r => r is { Name: "orderer.block.transactions", Value: BlockSize, Tag: "count" });
        Assert.Contains(all, r => r.Name == "orderer.block.fill" && r.Value >= 0);
        Assert.Contains(all, r => r is { Name: "store.fsync", Tag: "orderer" } && r.Value > 0);
        Assert.Contains(all, r => r is { Name: "store.fsync", Tag: "peer" } && r.Value > 0);
        Assert.Contains(all, r => r is { Name: "store.group.blocks", Tag: "peer" } && r.Value >= 1);
        Assert.Contains(all, r => r.Name == "peer.deliver" && r.Value >= 0);
        Assert.Contains(all, r => r.Name == "peer.prepare" && r.Value > 0);
        Assert.Contains(all, r => r.Name == "peer.commit" && r.Value > 0);
    }
}
