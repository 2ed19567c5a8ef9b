using System.Collections.Concurrent;
using Fabric.DevNetwork.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// One peer's committed ledger of one channel. Blocks taken from the orderer are committed one at a
/// time by the peer's committer; readers see immutable snapshots and never block commits.
/// </summary>
internal sealed partial class ChannelLedger : IChannelLedger, IAsyncDisposable
{
    private const int CachedBlocks = 512;

    private readonly BlockValidator _validator;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, TransactionCommit> _transactions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TransactionCommit>> _waiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ulong, CommittedBlock> _recentBlocks = new();
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private BlockStore? _store;
    private volatile StateSnapshot _state = StateSnapshot.Empty;
    private volatile byte[] _currentHash = [];
    private volatile TaskCompletionSource _newBlock = NewSignal();
    private volatile Exception? _failure;
    private long _height;
    private int _disposed;

    private ChannelLedger(string channelId, BlockValidator validator, ILogger logger)
    {
        ChannelId = channelId;
        _validator = validator;
        _logger = logger;
    }

    public string ChannelId { get; }

    public ulong Height => (ulong)Volatile.Read(ref _height);

    public ReadOnlyMemory<byte> CurrentBlockHash => _currentHash.AsMemory();

    private BlockStore Store => _store ?? throw new InvalidOperationException("The ledger is not open.");

    /// <summary>
    /// Opens a peer's block store in <paramref name="directory"/>, rebuilding state from it. A new
    /// ledger is empty (height 0) until its peer commits config block 0 taken from the orderer.
    /// </summary>
    /// <param name="privateData">This peer's private data setting; null: the peer keeps no private data.</param>
    /// <param name="blockToLive">The collections' block-to-live; null: nothing expires.</param>
    public static ChannelLedger Open(
        string directory, string channelId, BlockValidator validator, TimeProvider timeProvider, ILogger logger, PrivateDataPeer? privateData = null, BlockToLive? blockToLive = null)
    {
        Directory.CreateDirectory(directory);
        var ledger = new ChannelLedger(channelId, validator, logger);
        ledger.OpenPrivateData(directory, privateData, blockToLive ?? BlockToLive.None);
        var path = Path.Combine(directory, "blocks.dat");
        var started = timeProvider.GetTimestamp();
        ledger._store = BlockStore.Open(path, logger, ledger.Recover);
        ledger._privateStore?.DropFrom(ledger.Height);
        ledger.TakeRecoveredMissing();
        if (ledger.Height > 0)
        {
            LogRecovered(logger, channelId, ledger.Height, ledger._transactions.Count, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }

        return ledger;
    }

    public async Task WaitForHeightAsync(ulong height, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // take the signal before looking at the height so a commit in between is not missed
            var signal = _newBlock.Task;
            if (Height >= height)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_failure is { } failure)
            {
                throw new InvalidOperationException("The channel stopped committing blocks: " + failure.Message, failure);
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ILedgerSnapshot GetSnapshot() => _state;

    public TransactionCommit? FindTransaction(string txId)
    {
        ArgumentNullException.ThrowIfNull(txId);
        return _transactions.TryGetValue(txId, out var commit) ? commit : null;
    }

    public async Task<TransactionCommit> WaitForCommitAsync(string txId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(txId);
        if (FindTransaction(txId) is { } committed)
        {
            return committed;
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_failure is { } failure)
        {
            throw new InvalidOperationException("The channel stopped committing blocks: " + failure.Message, failure);
        }

        var waiter = _waiters.GetOrAdd(txId, _ => new TaskCompletionSource<TransactionCommit>(TaskCreationOptions.RunContinuationsAsynchronously));

        // the commit may have landed between the first look and registering
        if (FindTransaction(txId) is { } raced)
        {
            waiter.TrySetResult(raced);
        }

        return await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ordering stopped for good: fail current and future waiters with the cause.</summary>
    public void Fail(Exception cause)
    {
        _failure = cause;
        foreach (var waiter in _waiters.Values)
        {
            waiter.TrySetException(new InvalidOperationException("The channel stopped committing blocks: " + cause.Message, cause));
        }

        _newBlock.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _commitGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _store?.Dispose();
        }
        finally
        {
            _commitGate.Release();
        }

        foreach (var waiter in _waiters.Values)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(ChannelLedger), "The channel was closed before the transaction committed."));
        }

        _newBlock.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information,
        Message = "Channel {ChannelId}: recovered {Height} blocks ({Transactions} transactions) from the block store in {Milliseconds:F0} ms; hash chain verified.")]
    private static partial void LogRecovered(ILogger logger, string channelId, ulong height, int transactions, double milliseconds);
}
