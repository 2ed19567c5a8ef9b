using System.Diagnostics;
using System.Threading.Channels;
using Fabric.DevNetwork.Validation.Internal;
using Hyperledger.Fabric.Protos.Common;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// One peer's committer: takes blocks from the orderer from its ledger's height on (a restarted peer
/// catches up this way), over the orderer's Deliver when the channel has an orderer endpoint, and
/// commits them into its own ledger, at its own pace.
/// </summary>
/// <remarks>
/// Two stages joined by a small bounded queue, as Fabric's peer separates its deliver client from its
/// committer. The receiving stage reads block N+1 and runs the validation that needs no ledger state
/// (parsing, creator and endorsement signatures, in parallel over its transactions) while the
/// committing stage finishes validating block N in order (duplicates, policies, MVCC) and fsyncs it.
/// When several blocks are waiting, the committing stage takes them together: validated one after
/// the other, written with one fsync, then published in order (group commit).
/// </remarks>
internal sealed partial class PeerCommitter : IAsyncDisposable
{
    private const int QueuedBlocks = 8;

    /// <summary>At most this many waiting blocks share one fsync, so a peer catching up still publishes as it goes.</summary>
    private const int MaxGroup = 8;

    private readonly string _peerName;
    private readonly ChannelLedger _ledger;
    private readonly IOrdererBlockFeed _orderer;
    private readonly PeerCommitFaults _faults;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private CancellationTokenSource? _stopping;
    private ChannelReader<(PreparedBlock Block, long ReceivedAt, long PreparedAt)>? _queue;
    private Task _running = Task.CompletedTask;

    public PeerCommitter(string peerName, ChannelLedger ledger, IOrdererBlockFeed orderer, PeerCommitFaults faults, TimeProvider timeProvider, ILogger logger)
    {
        _peerName = peerName;
        _ledger = ledger;
        _orderer = orderer;
        _faults = faults;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public bool IsRunning => _stopping is not null;

    /// <summary>Blocks received and prepared but not yet taken for commit (tests of group commit wait on it).</summary>
    internal int WaitingBlocks => _queue?.Count ?? 0;

    /// <summary>Starts following the orderer from the ledger's height. Does nothing if running.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopping is not null)
            {
                return;
            }

            var stopping = new CancellationTokenSource();
            var queue = Channel.CreateBounded<(PreparedBlock Block, long ReceivedAt, long PreparedAt)>(new BoundedChannelOptions(QueuedBlocks) { SingleReader = true, SingleWriter = true });
            var receiving = Task.Run(() => ReceiveAsync(queue.Writer, stopping.Token), CancellationToken.None);
            var committing = Task.Run(() => CommitAsync(queue.Reader, stopping.Token), CancellationToken.None);
            _running = Task.WhenAll(receiving, committing);
            _queue = queue.Reader;
            _stopping = stopping;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops following; the block being committed finishes first. Blocks received but not committed are dropped (re-read on start).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stopping = _stopping;
            _stopping = null;
            if (stopping is null)
            {
                return;
            }

            await stopping.CancelAsync().ConfigureAwait(false);
            await _running.ConfigureAwait(false);
            stopping.Dispose();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _orderer.DisposeAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    private async Task ReceiveAsync(ChannelWriter<(PreparedBlock Block, long ReceivedAt, long PreparedAt)> writer, CancellationToken cancellationToken)
    {
        try
        {
            // The first block taken must chain to the last one this peer committed, after a restart too.
            var height = _ledger.Height;
            var lastHeaderHash = height == 0
                ? null
                : BlockHashing.HeaderHash((await _ledger.GetBlockAsync(height - 1, cancellationToken).ConfigureAwait(false)).Block.Header);
            await foreach (var block in _orderer.ReadBlocksAsync(height, lastHeaderHash, cancellationToken).ConfigureAwait(false))
            {
                var receivedAt = _timeProvider.GetTimestamp();
                var preparing = Stopwatch.GetTimestamp();
                DevNetworkMetrics.BlockReceived(block.Header.Number, preparing);
                var prepared = _ledger.Prepare(block);
                DevNetworkMetrics.Prepare.Record(DevNetworkMetrics.Since(preparing));
                await writer.WriteAsync((prepared, receivedAt, Stopwatch.GetTimestamp()), cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
#pragma warning disable CA1031 // the orderer stopped or a block could not be read: the peer stops committing and says why
        catch (Exception e)
#pragma warning restore CA1031
        {
            writer.TryComplete(e);
        }
    }

    private async Task CommitAsync(ChannelReader<(PreparedBlock Block, long ReceivedAt, long PreparedAt)> reader, CancellationToken cancellationToken)
    {
        try
        {
            var group = new List<PreparedBlock>(MaxGroup);
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.TryPeek(out var first))
                {
                    continue;
                }

                await _faults.WaitBeforeCommitAsync(first.ReceivedAt, _timeProvider, cancellationToken).ConfigureAwait(false);
                group.Clear();
                while (group.Count < MaxGroup
                    && reader.TryPeek(out var next)
                    && (group.Count == 0 || _faults.IsDue(next.ReceivedAt, _timeProvider))
                    && reader.TryRead(out next))
                {
                    group.Add(next.Block);
                }

                // once validation starts the group is committed in full, so a stop never leaves half a block
                var committing = Stopwatch.GetTimestamp();
                DevNetworkMetrics.CommitQueue.Record(Stopwatch.GetElapsedTime(first.PreparedAt, committing).TotalMilliseconds);
                await _ledger.CommitAsync(group, CancellationToken.None).ConfigureAwait(false);
                DevNetworkMetrics.Commit.Record(DevNetworkMetrics.Since(committing));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            // the ledger closed while stopping
        }
#pragma warning disable CA1031 // any failure to commit must stop this peer's commits and reach its waiters, never vanish
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogCommitterStopped(_logger, _peerName, _ledger.ChannelId, e);
            _ledger.Fail(e);
        }
    }

    [LoggerMessage(EventId = 6106, Level = LogLevel.Error, Message = "Peer {Peer}, channel {ChannelId}: committing stopped because a block could not be taken from the orderer or committed.")]
    private static partial void LogCommitterStopped(ILogger logger, string peer, string channelId, Exception exception);
}
