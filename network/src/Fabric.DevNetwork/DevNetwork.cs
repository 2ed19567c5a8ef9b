using System.Security.Cryptography.X509Certificates;
using Fabric.CryptoGen;
using Fabric.DevNetwork.Deliver.Internal;
using Fabric.DevNetwork.Hosting.Internal;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ordering;
using Fabric.DevNetwork.Peers.Internal;
using Fabric.DevNetwork.Policies;
using Fabric.DevNetwork.Policies.Internal;
using Hyperledger.Fabric.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.DevNetwork;

/// <summary>
/// A small Fabric network in one process, for development and tests (never production): one peer per
/// organisation, each with its own Gateway endpoint, one channel ordered and committed in-process, and
/// chaincodes run as services that the peers dial. Clients and chaincode talk to it over Fabric's own
/// protocols, so the same binaries work against a real Fabric network.
/// </summary>
/// <remarks>
/// As on Fabric, the orderer keeps its own copy of the chain and each peer its own ledger, which the
/// peer's committer fills from the orderer at its own pace: a peer can be behind another (see
/// <see cref="GetCommitFaults"/> to make one lag or pause), and a stopped peer catches up when it
/// starts again. Each peer endorses with its own identity, state and chaincode streams.
/// </remarks>
public sealed partial class DevNetwork : IAsyncDisposable
{
    private readonly OrderedChannel _channel;
    private readonly PeerRegistry _registry;
    private readonly Gateway.Internal.OrdererBroadcastClient? _broadcast;
    private readonly ILogger _logger;
    private int _disposed;

    private DevNetwork(DevNetworkOptions options, CryptoMaterial crypto, OrderedChannel channel, PeerRegistry registry, Gateway.Internal.OrdererBroadcastClient? broadcast, ILogger logger)
    {
        _broadcast = broadcast;
        Options = options;
        Crypto = crypto;
        _channel = channel;
        _registry = registry;
        _logger = logger;
    }

    /// <summary>The options the network was started with.</summary>
    public DevNetworkOptions Options { get; }

    /// <summary>The crypto material (MSP folders, users' certificates and keys) under the data folder.</summary>
    public CryptoMaterial Crypto { get; }

    /// <summary>The channel id.</summary>
    public string ChannelId => _channel.Ledger.ChannelId;

    /// <summary>The first peer's (Org1's) committed ledger (read-only use: blocks, tx index, state snapshots).</summary>
    public IChannelLedger Ledger => _channel.Ledger;

    /// <summary>Number of blocks the orderer has stored; a peer whose ledger is lower has not caught up.</summary>
    public ulong OrdererHeight => _channel.OrdererHeight;

    /// <summary>Peer <paramref name="peerName"/>'s own committed ledger.</summary>
    /// <exception cref="KeyNotFoundException">No peer has that name.</exception>
    public IChannelLedger GetPeerLedger(string peerName) => _channel.GetLedger(peerName);

    /// <summary>
    /// The fault hook of peer <paramref name="peerName"/>'s committer: set <see cref="PeerCommitFaults.Lag"/>
    /// to make it commit each block that long after the orderer stored it, or <see cref="PeerCommitFaults.Pause"/>
    /// it. Its endpoint keeps serving from its older state, as a Fabric peer that is behind does.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No peer has that name.</exception>
    public PeerCommitFaults GetCommitFaults(string peerName) => _channel.GetCommitFaults(peerName);

    /// <summary>
    /// The orderer's endpoint (Broadcast and Deliver over TLS, on the port below the first peer's when
    /// <see cref="DevNetworkOptions.BasePort"/> is set). Every peer takes its blocks from it over Deliver.
    /// </summary>
    public OrdererInfo Orderer
    {
        get
        {
            var org = Crypto.Organizations.First(o => o.IsOrdererOrg);
            var endpoint = _channel.OrdererEndpoint ?? throw new InvalidOperationException("the channel has no orderer endpoint");
            return new OrdererInfo(org.Nodes[0].CommonName, org.MspId, Options.Host, endpoint.Port, Options.UseTls, org.Nodes[0].TlsCaCertificatePath);
        }
    }

    /// <summary>The orderer's endpoint itself, for fault hooks in tests (breaking its Deliver streams).</summary>
    internal Ordering.Internal.OrdererNode OrdererEndpoint => _channel.OrdererEndpoint ?? throw new InvalidOperationException("the channel has no orderer endpoint");

    /// <summary>Block <paramref name="number"/> as the orderer stored it (for tests comparing copies).</summary>
    internal Task<Hyperledger.Fabric.Protos.Common.Block> GetOrdererBlockAsync(ulong number, CancellationToken cancellationToken = default) =>
        _channel.OrdererBlocks.GetBlockAsync(number, cancellationToken);

    /// <summary>The peers, in organisation order, with their endpoints and whether they are running.</summary>
    public IReadOnlyList<PeerInfo> Peers => _registry.All.Select(ToInfo).ToList();

    /// <summary>
    /// Starts the network: prepares crypto material (generated on first use of the data folder), opens
    /// and recovers the channel's ledger, and starts every peer's Gateway endpoint.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data folder was created for another number of organisations.</exception>
    public static async Task<DevNetwork> StartAsync(DevNetworkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var existing = NetworkCrypto.ExistingOrganizationCount(options.DataDirectory);
        if (existing is { } count && count != options.OrganizationCount)
        {
            throw new InvalidOperationException($"the data folder {options.DataDirectory} holds a network of {count} organisations, not {options.OrganizationCount}");
        }

        Directory.CreateDirectory(options.DataDirectory);
        var oldLedger = Path.Combine(options.DataDirectory, "ledger", options.ChannelId, "blocks.dat");
        if (File.Exists(oldLedger))
        {
            // before each peer had its own ledger, one shared block store lived here; its blocks are not migrated
            throw new InvalidOperationException($"the data folder {options.DataDirectory} holds a shared ledger of an older dev network ({oldLedger}); delete its ledger folder to start the channel again");
        }

        var crypto = NetworkCrypto.Prepare(options.DataDirectory, options.OrganizationCount);
        var peerOrgs = crypto.PeerOrganizations.ToList();
        var ordererOrg = crypto.Organizations.First(o => o.IsOrdererOrg);
        var orderer = MspDirectory.Load(ordererOrg.Nodes[0].MspDirectory, ordererOrg.MspId);
        var verifiers = peerOrgs.Select(o => MspDirectory.Load(o.MspDirectory, o.MspId).CreateVerifier()).ToList();
        var policies = options.Chaincodes.Where(c => c.EndorsementPolicy is not null)
            .ToDictionary(c => c.Name, c => EndorsementPolicy.Parse(c.EndorsementPolicy!), StringComparer.Ordinal);
        // The config block is the one source of the channel's policies: ACLs and the default endorsement policy are read from it.
        var channelConfig = Configuration.ChannelConfigBuilder.Build(crypto, options.Batch, options.ApplicationPolicies, options.OrganizationPolicies);
        var channelPolicies = ChannelPolicyTree.FromConfig(channelConfig);
        var defaultPolicy = new ChannelPolicyReference(channelPolicies, "/Channel/Application/Endorsement");
        var peerMsps = peerOrgs.Select(o => MspDirectory.Load(o.Nodes[0].MspDirectory, o.MspId)).ToList();
        var peerLedgers = peerOrgs.Select((o, i) => new PeerLedgerOptions
        {
            Name = o.Nodes[0].CommonName,
            DataDirectory = Path.Combine(options.DataDirectory, "peers", o.Nodes[0].CommonName, "ledger", options.ChannelId),
            CommitLag = options.PeerCommitLags.TryGetValue(o.Nodes[0].CommonName, out var lag) ? lag : TimeSpan.Zero,
            MspId = o.MspId,
            DeliverIdentity = peerMsps[i].Identity,
            DeliverSigner = peerMsps[i].CreateSigner(),
        }).ToList();

        // Fabric's test network puts the orderer one port below the first peer (7050, 7051)
        var ordererNode = ordererOrg.Nodes[0];
        var endpoint = new OrdererEndpointOptions
        {
            Host = options.Host,
            Port = options.BasePort > 0 ? options.BasePort - 1 : 0,
            TlsCertificate = options.UseTls ? LoadTlsCertificate(ordererNode) : null,
            TlsRootCertificate = options.UseTls ? X509CertificateLoader.LoadCertificateFromFile(ordererNode.TlsCaCertificatePath) : null,
            OrdererOrganization = MspDirectory.Load(ordererOrg.MspDirectory, ordererOrg.MspId).CreateVerifier(),
        };
        var channel = await OrderedChannel.OpenAsync(new OrderedChannelOptions
        {
            DataDirectory = Path.Combine(options.DataDirectory, "orderer", "chains", options.ChannelId),
            OrdererDirectory = Path.Combine(options.DataDirectory, "orderer", "chains", options.ChannelId),
            Peers = peerLedgers,
            ChannelId = options.ChannelId,
            Organizations = verifiers,
            SignatureHashFamily = options.SignatureHashFamily,
            OrdererIdentity = orderer.Identity,
            OrdererSigner = orderer.CreateSigner(),
            EndorsementPolicies = policies,
            ChannelConfig = channelConfig,
            DefaultEndorsementPolicy = defaultPolicy,
            Batch = options.Batch,
            Chaincodes = options.Chaincodes,
            Endpoint = endpoint,
            PrivateDataReconcileInterval = options.PrivateDataReconcileInterval,
            LoggerFactory = loggerFactory,
        }, cancellationToken).ConfigureAwait(false);

        // block 0 is written on first start only: policies and ACLs given later must be the block's, or the
        // dev network would enforce rules its config block does not hold; the peers read their ACLs from it
        var stored = Configuration.StoredChannelConfig.FromBlock(await channel.OrdererBlocks.GetBlockAsync(0, cancellationToken).ConfigureAwait(false));
        if (Configuration.StoredChannelConfig.FirstPolicyDifference(stored, channelConfig) is { } changed)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"the data folder {options.DataDirectory} holds a channel whose config block has another policy {changed}; channel policies are fixed once the data folder exists");
        }

        var registry = new PeerRegistry();

        // the gateways submit over the orderer's Broadcast, trusting its TLS CA as the peers' Deliver clients do
        var broadcast = channel.OrdererEndpoint is { } ordererEndpoint
            ? new Gateway.Internal.OrdererBroadcastClient(ordererEndpoint.Address, endpoint.TlsCertificate is null ? null : endpoint.TlsRootCertificate, options.BroadcastTimeout)
            : null;
        var context = new PeerContext(
            channel.Orderer, new ChannelMembers(verifiers, options.SignatureHashFamily, channelPolicies, TimeProvider.System) { Acls = ChannelAcls.FromConfig(stored) }, options.Chaincodes,
            policies, defaultPolicy, options.ChaincodeExecuteTimeout, $"{ordererOrg.Nodes[0].Hostname}.{ordererOrg.Domain}:7050",
            channel.TransientStore, broadcast);
        for (var i = 0; i < peerOrgs.Count; i++)
        {
            var org = peerOrgs[i];
            var node = org.Nodes[0];
            var msp = peerMsps[i];
            var tls = options.UseTls ? LoadTlsCertificate(node) : null;
            var port = options.BasePort > 0 ? options.BasePort + (2000 * i) : 0;
            var peerName = node.CommonName;
            registry.Add(new PeerNode(peerName, org.MspId, options.Host, port, msp.Identity, msp.CreateSigner(), tls, context, channel, registry, loggerFactory)
            {
                PrivateData = new EligiblePrivateData(blockNumber => channel.GetBlockPrivateData(peerName, blockNumber), options.Chaincodes, context.Members),
            });
        }

        var network = new DevNetwork(options, crypto, channel, registry, broadcast, loggerFactory.CreateLogger<DevNetwork>());
        try
        {
            foreach (var peer in registry.All)
            {
                await peer.StartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return network;
    }

    /// <summary>
    /// Runs one private data reconciliation pass now (besides the periodic ones every
    /// <see cref="DevNetworkOptions.PrivateDataReconcileInterval"/>): each member peer fetches the private
    /// data it committed without from another member peer of the collection. Returns the number of
    /// collection write sets reconciled.
    /// </summary>
    public Task<int> ReconcilePrivateDataAsync(CancellationToken cancellationToken = default) => _channel.ReconcilePrivateDataAsync(cancellationToken);

    /// <summary>Stops one peer's Gateway endpoint, its chaincode streams and its committer; the peer no longer endorses or commits.</summary>
    /// <exception cref="KeyNotFoundException">No peer has that name.</exception>
    public Task StopPeerAsync(string name, CancellationToken cancellationToken = default) => GetPeer(name).StopAsync(cancellationToken);

    /// <summary>Starts a stopped peer again, on the port it had before; its committer catches up with the orderer.</summary>
    /// <exception cref="KeyNotFoundException">No peer has that name.</exception>
    public Task StartPeerAsync(string name, CancellationToken cancellationToken = default) => GetPeer(name).StartAsync(cancellationToken);

    /// <summary>
    /// Writes a connection profile (docs/connection-profile.md) naming every peer's endpoint, the TLS CA
    /// certificates, the channel, <paramref name="chaincode"/> and the user identities.
    /// </summary>
    public void WriteConnectionProfile(string path, string? chaincode = null, string? clientOrganization = null)
    {
        var urls = _registry.All.ToDictionary(p => p.Name, p => ToInfo(p).Url, StringComparer.Ordinal);
        ConnectionProfileWriter.Write(path, new ConnectionProfileSpec(Crypto, urls)
        {
            Channel = ChannelId,
            Chaincode = chaincode ?? Options.Chaincodes.FirstOrDefault()?.Name ?? "healthrecords",
            ClientOrganization = clientOrganization,
        });
    }

    /// <summary>
    /// Has every running peer dial every chaincode now rather than on its first transaction, so that a
    /// caller told "ready" finds the chaincodes registered (used by <c>up</c> for the chaincodes it started).
    /// </summary>
    internal async Task ConnectChaincodesAsync(CancellationToken cancellationToken)
    {
        foreach (var peer in _registry.All)
        {
            if (peer.Endorser is { } endorser)
            {
                await endorser.ConnectChaincodesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops every peer, then the orderer (pending transactions are cut into a last block) and the ledger. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var peer in _registry.All)
        {
            await peer.DisposeAsync().ConfigureAwait(false);
        }

        _broadcast?.Dispose();
        await _channel.DisposeAsync().ConfigureAwait(false);
        LogStopped(_logger, ChannelId);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Dev network of channel {ChannelId} stopped")]
    private static partial void LogStopped(ILogger logger, string channelId);

    internal PeerNode GetPeer(string name) => _registry.Find(name) ?? throw new KeyNotFoundException($"no peer named '{name}'");

    private PeerInfo ToInfo(PeerNode peer)
    {
        var org = Crypto.GetOrganization(peer.MspId);
        return new PeerInfo(peer.Name, peer.MspId, Options.Host, peer.Port, peer.UsesTls, org.Nodes[0].TlsCaCertificatePath, peer.IsRunning);
    }

    private static X509Certificate2 LoadTlsCertificate(NodeMaterial node)
    {
        using var pem = X509Certificate2.CreateFromPemFile(node.TlsCertificatePath, node.TlsKeyPath);
        // A PKCS#12 round trip gives the key a form SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
