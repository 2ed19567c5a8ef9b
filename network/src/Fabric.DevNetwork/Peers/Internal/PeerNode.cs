using System.Security.Cryptography.X509Certificates;
using Fabric.DevNetwork.Gateway.Internal;
using Fabric.DevNetwork.Hosting.Internal;
using Hyperledger.Fabric.Identity;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Peers.Internal;

/// <summary>
/// One peer: an identity, an endorser with its own chaincode streams, and a Gateway endpoint that can
/// be stopped and started again on the same port. Committing is shared (one ledger per process).
/// </summary>
internal sealed partial class PeerNode : IAsyncDisposable
{
    private readonly PeerContext _context;
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
        PeerContext context, PeerRegistry registry, ILoggerFactory loggerFactory)
    {
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

    /// <summary>The Gateway port; fixed after the first start so a restarted peer comes back where it was.</summary>
    public int Port { get; private set; }

    public bool IsRunning => _server is not null;

    public bool UsesTls => _tlsCertificate is not null;

    /// <summary>The endpoint as Fabric's gateway names peers in ErrorDetail.address.</summary>
    public string Endpoint => $"{_host}:{Port}";

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

            var endorser = new PeerEndorser(_context, _identity, _signer, _loggerFactory);
            var stopping = new CancellationTokenSource();
            var service = new GatewayService(this, _registry, _context, _loggerFactory.CreateLogger<GatewayService>(), stopping.Token);
            GrpcHost server;
            try
            {
                server = await GrpcHost.StartAsync(service, _host, Port, _tlsCertificate, _loggerFactory, cancellationToken).ConfigureAwait(false);
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
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
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
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Peer {Name} serving the Gateway at {Address}")]
    private static partial void LogStarted(ILogger logger, string name, string address);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Peer {Name} stopped")]
    private static partial void LogStopped(ILogger logger, string name);
}
