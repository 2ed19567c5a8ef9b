using Fabric.Grpc;
using Fabric.Grpc.Server;
using Fabric.Shim.Internal;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Shim;

/// <summary>
/// Hosts a chaincode as a service: a gRPC server for <c>protos.Chaincode/Connect</c>. Each peer
/// that connects gets its own stream; the chaincode registers on it and then serves any number of
/// concurrent transactions. Several peers (for example one per organisation) may connect at once.
/// </summary>
public sealed class ChaincodeServer : IAsyncDisposable
{
    /// <summary>The Connect method peers call (service <c>protos.Chaincode</c>).</summary>
    internal static readonly Method<ChaincodeMessage, ChaincodeMessage> ConnectMethod = new(
        MethodType.DuplexStreaming,
        "protos.Chaincode",
        "Connect",
        Marshallers.Protobuf(ChaincodeMessage.Parser),
        Marshallers.Protobuf(ChaincodeMessage.Parser));

    private readonly IChaincode _chaincode;
    private readonly ChaincodeServerOptions _options;
    private readonly GrpcServer _server;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates a server for <paramref name="chaincode"/>; call <see cref="StartAsync"/> or <see cref="RunAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options lack a chaincode id or a valid address.</exception>
    public ChaincodeServer(IChaincode chaincode, ChaincodeServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ChaincodeId))
        {
            throw new ArgumentException("ChaincodeId (the package id) is required", nameof(options));
        }

        if (options.ClientCaCertificates is not null && options.TlsCertificate is null)
        {
            throw new ArgumentException("ClientCaCertificates (mutual TLS) needs TlsCertificate", nameof(options));
        }

        var (host, port) = options.ParseAddress();
        _chaincode = chaincode;
        _options = options;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ChaincodeServer>();
        _server = new GrpcServer(new GrpcServerOptions
        {
            Host = host,
            Port = port,
            ServerCertificate = options.TlsCertificate,
            ClientCertificateRoots = options.ClientCaCertificates,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = options.MaxSendMessageSize,
            LoggerFactory = options.LoggerFactory,
        });
        _server.AddDuplexStreaming(ConnectMethod, ConnectAsync);
    }

    /// <summary>The bound port (valid after <see cref="StartAsync"/>).</summary>
    public int Port => _server.Port;

    /// <summary>The server's URL, for example <c>http://127.0.0.1:9999</c> (valid after <see cref="StartAsync"/>).</summary>
    public string Address => _server.Address;

    /// <summary>Creates a server for <paramref name="chaincode"/> configured from the environment (see <see cref="ChaincodeServerOptions.FromEnvironment()"/>).</summary>
    public static ChaincodeServer FromEnvironment(IChaincode chaincode, ILoggerFactory? loggerFactory = null) =>
        new(chaincode, ChaincodeServerOptions.FromEnvironment() with { LoggerFactory = loggerFactory });

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        ShimLog.ServerStarted(_logger, _options.ChaincodeId, _server.Address);
    }

    /// <summary>Stops listening and closes every peer stream (in-flight transactions fail).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(cancellationToken);

    /// <summary>Starts, serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // normal shutdown
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task ConnectAsync(IAsyncStreamReader<ChaincodeMessage> requests, IServerStreamWriter<ChaincodeMessage> responses, ServerCallContext context)
    {
        var handler = new ChaincodeStreamHandler(_chaincode, _options.ChaincodeId, responses, context.Peer, _loggerFactory.CreateLogger<ChaincodeStreamHandler>());
        return handler.RunAsync(requests, context.CancellationToken);
    }
}
