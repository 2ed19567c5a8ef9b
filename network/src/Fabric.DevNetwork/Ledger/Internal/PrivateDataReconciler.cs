using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// Fabric's private data reconciler, in-process instead of over gossip: every interval, each member peer
/// that committed blocks without some of its collections' private data asks the other peers for it, and
/// only a peer whose organisation is a member of that collection supplies it, from its private data store.
/// The receiving peer checks it against the block's hashes before keeping it.
/// </summary>
internal sealed partial class PrivateDataReconciler : IAsyncDisposable
{
    private readonly IReadOnlyList<(ChannelLedger Ledger, PrivateDataPeer Peer)> _peers;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    /// <param name="peers">The channel's peers that keep private data.</param>
    /// <param name="interval">Time between passes; <see cref="Timeout.InfiniteTimeSpan"/> for none (only <see cref="ReconcileAsync"/>).</param>
    public PrivateDataReconciler(IReadOnlyList<(ChannelLedger Ledger, PrivateDataPeer Peer)> peers, TimeSpan interval, TimeProvider timeProvider, ILogger logger)
    {
        _peers = peers;
        _interval = interval;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public void Start()
    {
        if (_interval != Timeout.InfiniteTimeSpan && _peers.Count > 1)
        {
            _running = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }
    }

    /// <summary>One pass over every peer; returns the number of write sets reconciled.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = 0;
            foreach (var (ledger, peer) in _peers)
            {
                total += await ledger.ReconcileAsync(missing => Fetch(peer, missing), cancellationToken).ConfigureAwait(false);
            }

            return total;
        }
        finally
        {
            _pass.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private CollectionPvtReadWriteSet? Fetch(PrivateDataPeer requester, MissingPrivateData missing)
    {
        if (!requester.IsMember(missing.Namespace, missing.Collection))
        {
            return null;
        }

        foreach (var (ledger, supplier) in _peers)
        {
            if (supplier != requester && supplier.IsMember(missing.Namespace, missing.Collection)
                && ledger.FindPrivateData(missing.BlockNumber, missing.TxIndex, missing.Namespace, missing.Collection) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await ReconcileAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    return; // a ledger closed: the channel is shutting down
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped
        }
#pragma warning disable CA1031 // a failed pass must be visible, and must not take the channel down
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogStopped(_logger, e);
        }
    }

    [LoggerMessage(EventId = 6133, Level = LogLevel.Error, Message = "Private data reconciliation stopped after a failure.")]
    private static partial void LogStopped(ILogger logger, Exception exception);
}
