using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Deliver.Internal;
using Fabric.DevNetwork.Gateway.Internal;
using Fabric.DevNetwork.Hosting.Internal;
using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ordering;
using Hyperledger.Fabric.Identity;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// One peer: an identity, its own ledger and committer, an endorser with its own chaincode streams,
/// and a Gateway endpoint. Stopping the peer stops its endpoint and its committer; starting it again
/// serves on the same port and catches up with the orderer from its ledger's height.
/// </summary>
internal sealed partial class PeerNode : IAsyncDisposable
{
    private readonly PeerContext _context;
    private readonly OrderedChannel _channel;
    private readonly PeerRegistry _registry;
    private readonly X509Identity _identity;
    private readonly ISigner _signer;
    private readonly X509Certificate2? _tlsCertificate;
    private readonly string _host;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private GrpcHost? _server;
    private CancellationTokenSource? _stopping;
    private PeerEndorser? _endorser;

    public PeerNode(
        string name, string mspId, string host, int port, X509Identity identity, ISigner signer, X509Certificate2? tlsCertificate,
        PeerContext context, OrderedChannel channel, PeerRegistry registry, ILoggerFactory loggerFactory)
    {
        _channel = channel;
        Name = name;
        MspId = mspId;
        _host = host;
        Port = port;
        _identity = identity;
        _signer = signer;
        _tlsCertificate = tlsCertificate;
        _context = context;
        _registry = registry;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<PeerNode>();
    }

    public string Name { get; }

    public string MspId { get; }

    /// <summary>This peer's own ledger of the channel.</summary>
    public IChannelLedger Ledger => _channel.GetLedger(Name);

    /// <summary>The Gateway port; fixed after the first start so a restarted peer comes back where it was.</summary>
    public int Port { get; private set; }

    public bool IsRunning => _server is not null;

    public bool UsesTls => _tlsCertificate is not null;

    /// <summary>The endpoint as Fabric's gateway names peers in ErrorDetail.address.</summary>
    public string Endpoint => $"{_host}:{Port}";

    /// <summary>The private data DeliverWithPrivateData attaches to blocks: the peer's own store, filtered by the requester's eligibility.</summary>
    public IBlockPrivateDataSource PrivateData { get; init; } = NoPrivateData.Instance;

    /// <summary>The running endorser, or null while the peer is stopped.</summary>
    public PeerEndorser? Endorser => _endorser;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_server is not null)
            {
                return;
            }

            await _channel.StartCommittingAsync(Name, cancellationToken).ConfigureAwait(false);
            var endorser = new PeerEndorser(_context, Name, Ledger, _identity, _signer, _loggerFactory);
            var stopping = new CancellationTokenSource();
            var service = new GatewayService(this, _registry, _context, _loggerFactory.CreateLogger<GatewayService>(), stopping.Token);
            var deliver = new PeerDeliverService(
                new DeliverHandler(_context.Members, TimeProvider.System, _loggerFactory.CreateLogger<DeliverHandler>()), _context.Members.Acls, Ledger, PrivateData, stopping.Token);
            GrpcHost server;
            try
            {
                server = await GrpcHost.StartAsync(service, deliver, _host, Port, _tlsCertificate, _loggerFactory, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                stopping.Dispose();
                await endorser.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _stopping = stopping;

            Port = server.Port;
            _endorser = endorser;
            _server = server;
            LogStarted(_logger, Name, server.Address);

            // Fabric 3.x peers launch their chaincodes as they start; 2.5 peers wait for the first transaction.
            await endorser.ConnectAtStartupAsync(Name, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the endpoint, the endorser and the committer: the peer is down until <see cref="StartAsync"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => StopCoreAsync(stopCommitting: true, cancellationToken);

    private async Task StopCoreAsync(bool stopCommitting, CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var server = _server;
            var endorser = _endorser;
            var stopping = _stopping;
            _server = null;
            _endorser = null;
            _stopping = null;
            if (stopping is not null)
            {
                // In-flight calls end with UNAVAILABLE before the connections close.
                await stopping.CancelAsync().ConfigureAwait(false);
            }

            if (server is not null)
            {
                await server.StopAsync(cancellationToken).ConfigureAwait(false);
                await server.DisposeAsync().ConfigureAwait(false);
                LogStopped(_logger, Name);
            }

            if (endorser is not null)
            {
                await endorser.DisposeAsync().ConfigureAwait(false);
            }

            stopping?.Dispose();
            if (stopCommitting)
            {
                await _channel.StopCommittingAsync(Name, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the endpoint and the endorser; the committer is left to the channel, which lets it catch up before closing.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopCoreAsync(stopCommitting: false, CancellationToken.None).ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Peer {Name} serving the Gateway and Deliver at {Address}")]
    private static partial void LogStarted(ILogger logger, string name, string address);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Peer {Name} stopped")]
    private static partial void LogStopped(ILogger logger, string name);
}
