using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Ordering.Internal;
using Fabric.DevNetwork.Validation.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.DevNetwork.Ordering;

/// <summary>
/// One channel of the dev network: its ordering service and its committed ledger, wired together
/// (orderer cuts blocks -> validator marks each transaction -> block store appends and flushes ->
/// world state, history and tx index are updated -> waiters and block readers are told).
/// All peers of the process share this one ledger.
/// </summary>
public sealed class OrderedChannel : IAsyncDisposable
{
    private readonly BlockCutterService _orderer;
    private readonly ChannelLedger _ledger;

    private OrderedChannel(ChannelLedger ledger, BlockCutterService orderer)
    {
        _ledger = ledger;
        _orderer = orderer;
    }

    /// <summary>The committed ledger.</summary>
    public IChannelLedger Ledger => _ledger;

    /// <summary>The ordering service that accepts client-signed envelopes.</summary>
    public IOrderingService Orderer => _orderer;

    /// <summary>
    /// Opens the channel: recovers the ledger from its block store (verifying the hash chain,
    /// truncating a torn last block) or creates it with a config block 0, then starts ordering.
    /// </summary>
    /// <exception cref="LedgerCorruptedException">The block store is damaged before its last block.</exception>
    public static async Task<OrderedChannel> OpenAsync(OrderedChannelOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ChannelId);
        options.Batch.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var validator = new BlockValidator(options);
        var ledger = await ChannelLedger.OpenAsync(options, validator, loggerFactory.CreateLogger<ChannelLedger>(), cancellationToken).ConfigureAwait(false);
        var orderer = new BlockCutterService(options, ledger, loggerFactory.CreateLogger<BlockCutterService>());
        return new OrderedChannel(ledger, orderer);
    }

    /// <summary>Stops ordering (pending envelopes are cut into a last block first), then closes the ledger. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        await _orderer.DisposeAsync().ConfigureAwait(false);
        await _ledger.DisposeAsync().ConfigureAwait(false);
    }
}
