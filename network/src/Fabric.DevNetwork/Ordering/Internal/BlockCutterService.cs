using System.Diagnostics;
using System.Threading.Channels;
using Fabric.DevNetwork.Ledger.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ordering.Internal;

/// <summary>
/// The in-process orderer: one loop takes submitted envelopes in arrival order, cuts batches by
/// count, size and timeout, builds and signs each block and stores it in the orderer's block log.
/// Blocks cut from envelopes that are already queued are stored together with one fsync (at most
/// <see cref="MaxGroupedBlocks"/>), before any of them can be delivered. Peers take blocks from that
/// log and commit them themselves.
/// </summary>
internal sealed partial class BlockCutterService : IOrderingService, IAsyncDisposable
{
    /// <summary>Most blocks stored with one fsync: bounds how long the first of them waits for delivery.</summary>
    internal const int MaxGroupedBlocks = 16;

    private readonly OrderedChannelOptions _options;
    private readonly List<Block> _unstored = [];
    private readonly OrdererBlockLog _log;
    private readonly ILogger _logger;
    private readonly Channel<ByteString> _queue = Channel.CreateUnbounded<ByteString>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private ulong _nextNumber;
    private ByteString _previousHash;
    private int _disposed;
    private long _batchOpenedAt;

    public BlockCutterService(OrderedChannelOptions options, OrdererBlockLog log, ILogger logger)
    {
        _options = options;
        _log = log;
        _logger = logger;
        _nextNumber = log.Height;
        _previousHash = ByteString.CopyFrom(log.CurrentBlockHash.Span);
        _loop = Task.Run(RunAsync);
    }

    public Task SubmitAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = envelope.ToByteString();
        if (bytes.Length > _options.Batch.AbsoluteMaxBytes)
        {
            throw new OrdererRejectedException(Status.RequestEntityTooLarge,
                $"The envelope is {bytes.Length} bytes; the channel's AbsoluteMaxBytes is {_options.Batch.AbsoluteMaxBytes}.");
        }

        ChannelHeader channelHeader;
        try
        {
            var payload = Payload.Parser.ParseFrom(envelope.Payload);
            channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header?.ChannelHeader ?? ByteString.Empty);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OrdererRejectedException("The envelope's payload or channel header does not parse.", e);
        }

        if (channelHeader.ChannelId != _options.ChannelId)
        {
            throw new OrdererRejectedException(Status.NotFound, $"Channel '{channelHeader.ChannelId}' does not exist (this orderer serves '{_options.ChannelId}').");
        }

        if (channelHeader.Type != (int)HeaderType.EndorserTransaction)
        {
            throw new OrdererRejectedException($"Only ENDORSER_TRANSACTION envelopes can be submitted, not type {channelHeader.Type}.");
        }

        if (!_queue.Writer.TryWrite(bytes))
        {
            throw new OrdererRejectedException(Status.ServiceUnavailable, "The ordering service is shut down.");
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var cutter = new BlockCutter(_options.Batch);
        var reader = _queue.Reader;
        DateTimeOffset? deadline = null;
        try
        {
            while (true)
            {
                var ready = await WaitForEnvelopeAsync(reader, deadline).ConfigureAwait(false);
                if (ready is null)
                {
                    // batch timeout expired
                    await WriteBlockAsync(cutter.Cut(), "timeout").ConfigureAwait(false);
                    deadline = null;
                    continue;
                }

                if (ready == false)
                {
                    // shutting down: what is pending still gets a block
                    if (cutter.PendingCount > 0)
                    {
                        await WriteBlockAsync(cutter.Cut(), "shutdown").ConfigureAwait(false);
                    }

                    return;
                }

                while (reader.TryRead(out var envelope))
                {
                    var wasEmpty = cutter.PendingCount == 0;
                    if (wasEmpty && DevNetworkMetrics.BlockFill.Enabled)
                    {
                        _batchOpenedAt = Stopwatch.GetTimestamp();
                    }

                    var batches = cutter.Ordered(envelope);
                    foreach (var batch in batches)
                    {
                        await CutBlockAsync(batch, batch.Count >= _options.Batch.MaxMessageCount ? "count" : "size").ConfigureAwait(false);
                    }

                    if (_unstored.Count >= MaxGroupedBlocks)
                    {
                        await StoreCutBlocksAsync().ConfigureAwait(false);
                    }

                    if (cutter.PendingCount == 0)
                    {
                        deadline = null;
                    }
                    else if (wasEmpty || batches.Count > 0 || deadline is null)
                    {
                        // a new batch started: its timeout runs from its first envelope
                        deadline = _options.TimeProvider.GetUtcNow() + _options.Batch.BatchTimeout;
                    }
                }

                // the queue is drained for now: store what it gave with one fsync
                await StoreCutBlocksAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // any failure to commit must stop ordering and be reported to waiters, never vanish
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogOrderingStopped(_logger, _options.ChannelId, e);
            _queue.Writer.TryComplete(e);
            _log.Fail(e);
        }
    }

    /// <summary>True when an envelope can be read, false when the queue is closed, null when the deadline passed.</summary>
    private async Task<bool?> WaitForEnvelopeAsync(ChannelReader<ByteString> reader, DateTimeOffset? deadline)
    {
        if (deadline is null)
        {
            return await reader.WaitToReadAsync().ConfigureAwait(false);
        }

        var remaining = deadline.Value - _options.TimeProvider.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(remaining, _options.TimeProvider);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task WriteBlockAsync(IReadOnlyList<ByteString> batch, string reason)
    {
        await CutBlockAsync(batch, reason).ConfigureAwait(false);
        await StoreCutBlocksAsync().ConfigureAwait(false);
    }

    /// <summary>Builds and signs the next block; it is stored (and delivered) by <see cref="StoreCutBlocksAsync"/>.</summary>
    private async Task CutBlockAsync(IReadOnlyList<ByteString> batch, string reason)
    {
        if (batch.Count == 0)
        {
            return;
        }

        RecordCut(batch.Count, reason);

        var block = await BlockFactory.CreateBlockAsync(_nextNumber, _previousHash, batch, _options, CancellationToken.None).ConfigureAwait(false);
        _unstored.Add(block);
        _previousHash = ByteString.CopyFrom(BlockHashing.HeaderHash(block.Header));
        _nextNumber++;
    }

    private void RecordCut(int transactions, string reason)
    {
        DevNetworkMetrics.BlockTransactions.Record(transactions, new KeyValuePair<string, object?>("reason", reason));
        if (DevNetworkMetrics.BlockFill.Enabled && _batchOpenedAt != 0)
        {
            DevNetworkMetrics.BlockFill.Record(DevNetworkMetrics.Since(_batchOpenedAt));
        }

        // an envelope that overflowed a size cut opens the next batch at once
        _batchOpenedAt = reason == "size" ? Stopwatch.GetTimestamp() : 0;
    }

    private async Task StoreCutBlocksAsync()
    {
        if (_unstored.Count == 0)
        {
            return;
        }

        await _log.AppendRangeAsync(_unstored, CancellationToken.None).ConfigureAwait(false);
        _unstored.Clear();
    }

    [LoggerMessage(EventId = 6105, Level = LogLevel.Error, Message = "Channel {ChannelId}: ordering stopped because a block could not be stored.")]
    private static partial void LogOrderingStopped(ILogger logger, string channelId, Exception exception);
}
