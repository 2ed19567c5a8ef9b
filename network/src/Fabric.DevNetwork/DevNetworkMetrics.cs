using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fabric.DevNetwork;

/// <summary>
/// Stage timings of the transaction path, as <see cref="System.Diagnostics.Metrics"/> instruments on
/// the meter named <see cref="MeterName"/> (after Fabric's own orderer and ledger metrics). Nothing is
/// timed unless a <see cref="MeterListener"/> (a benchmark, dotnet-counters) enables an instrument.
/// Durations are in milliseconds. The instruments are listed in docs/dev-network.md, Stage timings.
/// </summary>
public static class DevNetworkMetrics
{
    /// <summary>The meter's name, for a <see cref="MeterListener"/> to subscribe to.</summary>
    public const string MeterName = "Fabric.DevNetwork";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Envelopes per block the orderer cut, tagged with why it cut (count, size, timeout, shutdown).</summary>
    internal static readonly Histogram<int> BlockTransactions = Meter.CreateHistogram<int>("orderer.block.transactions");

    /// <summary>Time a block's batch was open: from its first envelope taken off the orderer's queue to the cut.</summary>
    internal static readonly Histogram<double> BlockFill = Meter.CreateHistogram<double>("orderer.block.fill", "ms");

    /// <summary>Write and fsync of one group of blocks, tagged with the store (orderer or peer).</summary>
    internal static readonly Histogram<double> StoreFsync = Meter.CreateHistogram<double>("store.fsync", "ms");

    /// <summary>Blocks written with one fsync, tagged with the store (orderer or peer).</summary>
    internal static readonly Histogram<int> StoreGroupBlocks = Meter.CreateHistogram<int>("store.group.blocks");

    /// <summary>From the orderer storing a block to a peer's committer receiving it over Deliver.</summary>
    internal static readonly Histogram<double> Deliver = Meter.CreateHistogram<double>("peer.deliver", "ms");

    /// <summary>A peer's validation that needs no state (parsing, signatures) of one block.</summary>
    internal static readonly Histogram<double> Prepare = Meter.CreateHistogram<double>("peer.prepare", "ms");

    /// <summary>A peer's commit of one group: in-order validation, write and fsync, publish.</summary>
    internal static readonly Histogram<double> Commit = Meter.CreateHistogram<double>("peer.commit", "ms");

    /// <summary>From a peer having prepared a block to its commit starting (waiting behind the blocks before it).</summary>
    internal static readonly Histogram<double> CommitQueue = Meter.CreateHistogram<double>("peer.commit.queue", "ms");

    /// <summary>
    /// ECDSA signatures that passed the form rules, one per check, tagged with how the curve check was answered:
    /// "verified" (computed) or "remembered" (the same key, digest and signature verified before in this process).
    /// </summary>
    internal static readonly Counter<int> SignatureChecks = Meter.CreateCounter<int>("signature.checks");

    private static readonly Dictionary<ulong, long> StoredAt = [];

    /// <summary>Milliseconds since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    internal static double Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    /// <summary>Notes when the orderer stored block <paramref name="number"/>, for <see cref="Deliver"/> (only while it is enabled).</summary>
    internal static void BlockStored(ulong number, long timestamp)
    {
        if (!Deliver.Enabled)
        {
            return;
        }

        lock (StoredAt)
        {
            StoredAt[number] = timestamp;
            StoredAt.Remove(number - Math.Min(number, 256));
        }
    }

    /// <summary>Records <see cref="Deliver"/> for a block a peer received, if the orderer's store time is known.</summary>
    internal static void BlockReceived(ulong number, long timestamp)
    {
        if (!Deliver.Enabled)
        {
            return;
        }

        long stored;
        lock (StoredAt)
        {
            if (!StoredAt.TryGetValue(number, out stored))
            {
                return;
            }
        }

        Deliver.Record(Stopwatch.GetElapsedTime(stored, timestamp).TotalMilliseconds);
    }
}
