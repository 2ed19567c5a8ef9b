using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Hyperledger.Fabric.Protos.Common;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ordering.Internal;

/// <summary>
/// The ordering service's own copy of the chain, as Fabric's orderer keeps it: blocks exactly as they
/// were cut (empty TRANSACTIONS_FILTER, no commit hash), appended and flushed before any peer can
/// read them. Peers take blocks from here (the in-process form of the orderer's Deliver stream).
/// </summary>
internal sealed partial class OrdererBlockLog : IAsyncDisposable
{
    /// <summary>Blocks kept in memory after they are cut: peers following the orderer read them from here, not from disk.</summary>
    private const int RecentBlocks = 32;

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ulong, Block> _recent = new();
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private BlockStore? _store;
    private volatile byte[] _currentHash = [];
    private volatile TaskCompletionSource _newBlock = NewSignal();
    private volatile Exception? _failure;
    private long _height;
    private int _disposed;

    private OrdererBlockLog(string channelId, ILogger logger)
    {
        ChannelId = channelId;
        _logger = logger;
    }

    public string ChannelId { get; }

    /// <summary>Number of blocks stored (= number of the next block).</summary>
    public ulong Height => (ulong)Volatile.Read(ref _height);

    /// <summary>Header hash of the last stored block, the next block's previous_hash.</summary>
    public ReadOnlyMemory<byte> CurrentBlockHash => _currentHash.AsMemory();

    private BlockStore Store => _store ?? throw new InvalidOperationException("The orderer's block store is not open.");

    /// <summary>Opens the orderer's block store (hash chain verified, torn tail cut) or creates it with config block 0.</summary>
    public static async Task<OrdererBlockLog> OpenAsync(string directory, OrderedChannelOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var log = new OrdererBlockLog(options.ChannelId, logger);
        var path = Path.Combine(directory, "blocks.dat");
        log._store = BlockStore.Open(path, logger, log.Recover);
        if (log.Height == 0)
        {
            try
            {
                var genesis = await BlockFactory.CreateConfigBlockAsync(options, cancellationToken).ConfigureAwait(false);
                await log.AppendAsync(genesis, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                log._store.Dispose();
                throw;
            }

            LogCreated(logger, options.ChannelId, path);
        }
        else
        {
            LogRecovered(logger, options.ChannelId, log.Height, path);
        }

        return log;
    }

    /// <summary>Fsyncs of the orderer's block file since it opened (one per append call, however many blocks it held).</summary>
    internal long StoreFlushes => Store.Flushes;

    /// <summary>Appends a block that extends the chain and flushes it to disk, then wakes the readers.</summary>
    public Task AppendAsync(Block block, CancellationToken cancellationToken) => AppendRangeAsync([block], cancellationToken);

    /// <summary>
    /// Appends blocks that extend the chain in order with one fsync for all of them, then wakes the
    /// readers: no block of the group can be read (delivered) before every block of it is durable.
    /// </summary>
    public async Task AppendRangeAsync(IReadOnlyList<Block> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            return;
        }

        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var number = Height;
            var previousHash = _currentHash;
            foreach (var block in blocks)
            {
                if (block.Header.Number != number || !block.Header.PreviousHash.Span.SequenceEqual(previousHash))
                {
                    throw new InvalidOperationException($"Block {block.Header.Number} does not extend the orderer's chain (height {number}).");
                }

                previousHash = BlockHashing.HeaderHash(block.Header);
                number++;
            }

            var started = Stopwatch.GetTimestamp();
            Store.AppendRange(blocks);
            var stored = Stopwatch.GetTimestamp();
            RecordStore(blocks, started, stored);
            foreach (var block in blocks)
            {
                _recent[block.Header.Number] = block.Clone();
                _recent.TryRemove(block.Header.Number - Math.Min(block.Header.Number, RecentBlocks), out _);
                Advance(block);
            }
        }
        finally
        {
            _appendGate.Release();
        }
    }

    private static void RecordStore(IReadOnlyList<Block> blocks, long started, long stored)
    {
        var orderer = new KeyValuePair<string, object?>("store", "orderer");
        DevNetworkMetrics.StoreFsync.Record(Stopwatch.GetElapsedTime(started, stored).TotalMilliseconds, orderer);
        DevNetworkMetrics.StoreGroupBlocks.Record(blocks.Count, orderer);
        foreach (var block in blocks)
        {
            DevNetworkMetrics.BlockStored(block.Header.Number, stored);
        }
    }

    /// <summary>Reads stored block <paramref name="number"/> (a fresh copy the caller may change).</summary>
    public Task<Block> GetBlockAsync(ulong number, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, Height);
        return _recent.TryGetValue(number, out var recent) ? Task.FromResult(recent.Clone()) : Store.ReadAsync(number, cancellationToken);
    }

    /// <summary>
    /// Blocks from <paramref name="startBlock"/> on, then each new one as it is stored. Ends when the
    /// log closes; throws <see cref="InvalidOperationException"/> when ordering stopped on an error.
    /// </summary>
    public async IAsyncEnumerable<Block> ReadBlocksAsync(ulong startBlock, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = startBlock;
        while (true)
        {
            // take the signal before looking at the height so an append in between is not missed
            var signal = _newBlock.Task;
            while (next < Height)
            {
                yield return await GetBlockAsync(next, cancellationToken).ConfigureAwait(false);
                next++;
            }

            if (Volatile.Read(ref _disposed) != 0)
            {
                yield break;
            }

            if (_failure is { } failure)
            {
                throw new InvalidOperationException("The ordering service stopped: " + failure.Message, failure);
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ordering stopped for good: readers fail with the cause once they have read what is stored.</summary>
    public void Fail(Exception cause)
    {
        _failure = cause;
        _newBlock.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _appendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _store?.Dispose();
        }
        finally
        {
            _appendGate.Release();
        }

        _newBlock.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Recover(Block block)
    {
        var expected = Height;
        if (block.Header is null || block.Data is null || block.Header.Number != expected)
        {
            throw new LedgerCorruptedException($"The orderer's block store holds block {block.Header?.Number} where block {expected} belongs.");
        }

        if (!block.Header.PreviousHash.Span.SequenceEqual(_currentHash))
        {
            throw new LedgerCorruptedException($"The orderer's hash chain is broken at block {expected}.");
        }

        if (!block.Header.DataHash.Span.SequenceEqual(BlockHashing.DataHash(block.Data)))
        {
            throw new LedgerCorruptedException($"Orderer block {expected}: data_hash does not match its transactions.");
        }

        Advance(block);
    }

    private void Advance(Block block)
    {
        _currentHash = BlockHashing.HeaderHash(block.Header);
        Volatile.Write(ref _height, (long)block.Header.Number + 1);
        var signal = _newBlock;
        _newBlock = NewSignal();
        signal.TrySetResult();
    }

    [LoggerMessage(EventId = 6110, Level = LogLevel.Information, Message = "Channel {ChannelId}: the orderer created its chain at {Path} with config block 0.")]
    private static partial void LogCreated(ILogger logger, string channelId, string path);

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "Channel {ChannelId}: the orderer recovered {Height} blocks from {Path}; hash chain verified.")]
    private static partial void LogRecovered(ILogger logger, string channelId, ulong height, string path);
}
