using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Fabric.DevNetwork.Ordering.Internal;
using Fabric.DevNetwork.Policies.Internal;
using Fabric.DevNetwork.Validation.Internal;
using Hyperledger.Fabric.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.DevNetwork.Ordering;

/// <summary>
/// One channel of the dev network: its ordering service with the orderer's copy of the chain, and
/// each peer's own ledger. The orderer cuts blocks and stores them (flushed); each peer's committer
/// takes them from the orderer, validates them and commits them into its own block store and world
/// state at its own pace, so peers can be behind one another as on Fabric.
/// </summary>
public sealed class OrderedChannel : IAsyncDisposable
{
    /// <summary>The peer name used when <see cref="OrderedChannelOptions.Peers"/> is empty.</summary>
    public const string DefaultPeerName = "peer";

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly OrdererBlockLog _log;
    private readonly BlockCutterService _orderer;
    private readonly OrdererNode? _endpoint;
    private readonly IReadOnlyList<PeerCopy> _peers;
    private readonly PrivateDataReconciler _reconciler;
    private int _disposed;

    private OrderedChannel(
        OrdererBlockLog log, BlockCutterService orderer, OrdererNode? endpoint, IReadOnlyList<PeerCopy> peers, PrivateDataTransientStore transient,
        PrivateDataReconciler reconciler)
    {
        _log = log;
        _orderer = orderer;
        _endpoint = endpoint;
        _peers = peers;
        TransientStore = transient;
        _reconciler = reconciler;
    }

    /// <summary>The first peer's committed ledger (the only one without <see cref="OrderedChannelOptions.Peers"/>).</summary>
    public IChannelLedger Ledger => _peers[0].Ledger;

    /// <summary>The ordering service that accepts client-signed envelopes.</summary>
    public IOrderingService Orderer => _orderer;

    /// <summary>Number of blocks the orderer has stored; a peer whose ledger is lower is behind.</summary>
    public ulong OrdererHeight => _log.Height;

    /// <summary>The peers' names, in the order of the options.</summary>
    public IReadOnlyList<string> PeerNames => _peers.Select(p => p.Name).ToList();

    internal OrdererBlockLog OrdererBlocks => _log;

    /// <summary>The orderer's gRPC endpoint, or null when <see cref="OrderedChannelOptions.Endpoint"/> was not set.</summary>
    internal OrdererNode? OrdererEndpoint => _endpoint;

    /// <summary>Private write sets handed from endorsers to the member peers' committers.</summary>
    internal PrivateDataTransientStore TransientStore { get; }

    /// <summary>
    /// Opens the channel: recovers the orderer's chain (or creates it with config block 0) and each
    /// peer's ledger from its block store (hash chain verified, torn last block truncated), starts
    /// ordering and the orderer's endpoint (when <see cref="OrderedChannelOptions.Endpoint"/> is set), and
    /// starts every peer's committer, which catches up from the orderer (over its Deliver with an
    /// endpoint). Returns once every peer holds block 0 at least.
    /// </summary>
    /// <exception cref="LedgerCorruptedException">A block store is damaged before its last block.</exception>
    public static async Task<OrderedChannel> OpenAsync(OrderedChannelOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ChannelId);
        options.Batch.Validate();
        var peerOptions = options.Peers.Count > 0 ? options.Peers : [new PeerLedgerOptions { Name = DefaultPeerName, DataDirectory = options.DataDirectory }];
        if (peerOptions.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != peerOptions.Count)
        {
            throw new ArgumentException("Every peer of the channel needs its own name.", nameof(options));
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var ordererDirectory = options.OrdererDirectory ?? Path.Combine(options.DataDirectory, "orderer");
        var log = await OrdererBlockLog.OpenAsync(ordererDirectory, options, loggerFactory.CreateLogger<OrdererBlockLog>(), cancellationToken).ConfigureAwait(false);
        var peers = new List<PeerCopy>();
        var transient = new PrivateDataTransientStore(peerOptions.Count, options.Chaincodes);
        var mspIds = options.Organizations.Select(o => o.MspId).ToList();
        var blockToLive = BlockToLive.From(options.Chaincodes);
        var privatePeers = new List<(ChannelLedger, PrivateDataPeer)>();
        BlockCutterService? orderer = null;
        OrdererNode? endpoint = null;
        try
        {
            orderer = new BlockCutterService(options, log, loggerFactory.CreateLogger<BlockCutterService>());
            if (options.Endpoint is { } endpointOptions)
            {
                endpoint = await OrdererNode.StartAsync(endpointOptions, options, log, orderer, loggerFactory, cancellationToken).ConfigureAwait(false);
            }

            foreach (var peer in peerOptions)
            {
                var privateData = peer.MspId is null ? null : new PrivateDataPeer(peer.Name, peer.MspId, options.Chaincodes, mspIds, transient);
                var ledger = ChannelLedger.Open(
                    peer.DataDirectory, options.ChannelId, new BlockValidator(options), options.TimeProvider, loggerFactory.CreateLogger<ChannelLedger>(), privateData, blockToLive);
                if (privateData is not null)
                {
                    privatePeers.Add((ledger, privateData));
                }

                var faults = new PeerCommitFaults { Lag = peer.CommitLag };
                var committer = new PeerCommitter(peer.Name, ledger, Feed(peer, options, log, endpoint, loggerFactory), faults, options.TimeProvider, loggerFactory.CreateLogger<PeerCommitter>());
                peers.Add(new PeerCopy(peer.Name, ledger, faults, committer));
                if (privateData is not null)
                {
                    // a stopped or paused peer does not acknowledge a dissemination
                    transient.AddRecipient(privateData, () => committer.IsRunning && !faults.IsPaused);
                }
            }

            foreach (var peer in peers)
            {
                await peer.Committer.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var peer in peers)
            {
                await peer.Ledger.WaitForHeightAsync(1, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            if (orderer is not null)
            {
                await orderer.DisposeAsync().ConfigureAwait(false);
            }

            await CloseAsync(peers, endpoint, log).ConfigureAwait(false);
            throw;
        }

        var reconciler = new PrivateDataReconciler(privatePeers, options.PrivateDataReconcileInterval, options.TimeProvider, loggerFactory.CreateLogger<PrivateDataReconciler>());
        reconciler.Start();
        return new OrderedChannel(log, orderer, endpoint, peers, transient, reconciler);
    }

    /// <summary>The ledger of peer <paramref name="peerName"/>.</summary>
    /// <exception cref="KeyNotFoundException">No peer has that name.</exception>
    public IChannelLedger GetLedger(string peerName) => Find(peerName).Ledger;

    /// <summary>
    /// The private write sets <paramref name="peerName"/> committed for block <paramref name="blockNumber"/>,
    /// by transaction index (what DeliverWithPrivateData sends as <c>private_data_map</c>, before the requester's eligibility).
    /// </summary>
    internal IReadOnlyDictionary<ulong, Hyperledger.Fabric.Protos.Ledger.Rwset.TxPvtReadWriteSet> GetBlockPrivateData(string peerName, ulong blockNumber) =>
        Find(peerName).Ledger.GetBlockPrivateData(blockNumber);

    /// <summary>The private write sets peer <paramref name="peerName"/> committed blocks without and has not reconciled yet.</summary>
    internal IReadOnlyList<MissingPrivateData> GetMissingPrivateData(string peerName) => Find(peerName).Ledger.MissingPrivateData;

    /// <summary>One reconciliation pass over every peer now (besides the periodic ones); returns the number of write sets reconciled.</summary>
    public Task<int> ReconcilePrivateDataAsync(CancellationToken cancellationToken = default) => _reconciler.ReconcileAsync(cancellationToken);

    /// <summary>The fault hook of peer <paramref name="peerName"/>'s committer (lag, pause).</summary>
    /// <exception cref="KeyNotFoundException">No peer has that name.</exception>
    public PeerCommitFaults GetCommitFaults(string peerName) => Find(peerName).Faults;

    /// <summary>Blocks a peer has received and prepared but not yet started committing.</summary>
    internal int GetWaitingBlocks(string peerName) => Find(peerName).Committer.WaitingBlocks;

    /// <summary>Stops peer <paramref name="peerName"/> committing (the peer is down); its ledger keeps what it has.</summary>
    public Task StopCommittingAsync(string peerName, CancellationToken cancellationToken = default) => Find(peerName).Committer.StopAsync(cancellationToken);

    /// <summary>Starts peer <paramref name="peerName"/> committing again: it catches up from the orderer.</summary>
    public Task StartCommittingAsync(string peerName, CancellationToken cancellationToken = default) => Find(peerName).Committer.StartAsync(cancellationToken);

    /// <summary>
    /// Stops ordering (pending envelopes are cut into a last block first), lets every running,
    /// unpaused peer commit what the orderer stored, then closes the ledgers. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _orderer.DisposeAsync().ConfigureAwait(false);
        await _reconciler.DisposeAsync().ConfigureAwait(false);
        foreach (var peer in _peers)
        {
            if (peer.Committer.IsRunning && !peer.Faults.IsPaused)
            {
                using var drain = new CancellationTokenSource(DrainTimeout);
                try
                {
                    await peer.Ledger.WaitForHeightAsync(_log.Height, drain.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
                {
                    // a peer that cannot catch up now does so from the orderer on the next start
                }
            }
        }

        await CloseAsync(_peers, _endpoint, _log).ConfigureAwait(false);
    }

    /// <summary>A peer's source of blocks: a Deliver client of the orderer's endpoint, or the orderer's log in process.</summary>
    private static IOrdererBlockFeed Feed(PeerLedgerOptions peer, OrderedChannelOptions options, OrdererBlockLog log, OrdererNode? endpoint, ILoggerFactory loggerFactory)
    {
        if (endpoint is null)
        {
            return new InProcessBlockFeed(log);
        }

        var settings = options.Endpoint!;
        if (peer.DeliverIdentity is null || peer.DeliverSigner is null)
        {
            throw new ArgumentException($"Peer {peer.Name} needs a DeliverIdentity and a DeliverSigner to take blocks from the orderer's endpoint.", nameof(options));
        }

        if (settings.TlsCertificate is not null && settings.TlsRootCertificate is null)
        {
            throw new ArgumentException("An orderer endpoint with TLS needs the TlsRootCertificate its peers trust.", nameof(options));
        }

        return new OrdererDeliverClient(
            peer.Name, options.ChannelId, endpoint.Address, settings.TlsCertificate is null ? null : settings.TlsRootCertificate, peer.DeliverIdentity, peer.DeliverSigner,
            options.SignatureHashFamily, settings.ReconnectDelay, settings.MaxReconnectDelay, options.TimeProvider, loggerFactory.CreateLogger<OrdererDeliverClient>(),
            BlockVerifier(options, settings));
    }

    /// <summary>
    /// The peers' check of delivered blocks, against the config block's BlockValidation policy with the
    /// orderer organisation's MSP beside the application ones. A channel opened without a config block
    /// has no such policy to check against, so its blocks are taken as the orderer sends them.
    /// </summary>
    private static BlockSignatureVerifier? BlockVerifier(OrderedChannelOptions options, OrdererEndpointOptions settings)
    {
        if (options.ChannelConfig is null)
        {
            return null;
        }

        var policies = ChannelPolicyTree.FromConfig(options.ChannelConfig);
        if (!policies.Contains(BlockSignatureVerifier.PolicyPath))
        {
            return null;
        }

        IEnumerable<MspVerifier> msps = settings.OrdererOrganization is { } ordererOrg ? [.. options.Organizations, ordererOrg] : options.Organizations;
        return new BlockSignatureVerifier(
            options.ChannelId, msps, options.SignatureHashFamily, policies, options.TimeProvider, BftConsenters.FromConfig(options.ChannelConfig));
    }

    private static async Task CloseAsync(IEnumerable<PeerCopy> peers, OrdererNode? endpoint, OrdererBlockLog log)
    {
        // the peers stop following first, so the endpoint's closing does not look like a lost orderer to them
        foreach (var peer in peers)
        {
            await peer.Committer.DisposeAsync().ConfigureAwait(false);
            await peer.Ledger.DisposeAsync().ConfigureAwait(false);
        }

        if (endpoint is not null)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }

        await log.DisposeAsync().ConfigureAwait(false);
    }

    private PeerCopy Find(string peerName) =>
        _peers.FirstOrDefault(p => string.Equals(p.Name, peerName, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no peer named '{peerName}' on channel {_log.ChannelId}");

    private sealed record PeerCopy(string Name, ChannelLedger Ledger, PeerCommitFaults Faults, PeerCommitter Committer);
}
