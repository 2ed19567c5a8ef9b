using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Shim.Hosting;
using Hyperledger.Fabric.Shim.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hyperledger.Fabric.Shim;

/// <summary>
/// Hosts a chaincode as a service: a Grpc.AspNetCore server on its own Kestrel endpoint (HTTP/2, TLS
/// optional) for <c>protos.Chaincode/Connect</c>. Each peer that connects gets its own stream; the
/// chaincode registers on it and then serves any number of concurrent transactions. Several peers (for
/// example one per organisation) may connect at once. To host inside an existing ASP.NET Core app, use
/// <see cref="ChaincodeServiceCollectionExtensions.AddChaincode{TChaincode}"/> and
/// <see cref="ChaincodeEndpointRouteBuilderExtensions.MapChaincode"/> instead.
/// </summary>
public sealed class ChaincodeServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly IChaincode _chaincode;
    private readonly ChaincodeServerOptions _options;
    private readonly IPAddress _host;
    private readonly int _requestedPort;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private int _port;

    /// <summary>Creates a server for <paramref name="chaincode"/>; call <see cref="StartAsync"/> or <see cref="RunAsync"/>.</summary>
    /// <param name="chaincode">The chaincode every peer stream serves.</param>
    /// <param name="options">Package id, listen address, TLS and limits.</param>
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

        if (options.TlsCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("TlsCertificate must have its private key", nameof(options));
        }

        var (host, port) = options.ParseAddress();
        _host = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw new ArgumentException($"chaincode server address '{options.Address}' must name an IP address or localhost", nameof(options));
        _requestedPort = port;
        _chaincode = chaincode;
        _options = options;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ChaincodeServer>();
    }

    /// <summary>The bound port (valid after <see cref="StartAsync"/>).</summary>
    public int Port => _port != 0 ? _port : throw new InvalidOperationException("The server has not been started.");

    /// <summary>The server's URL, for example <c>http://127.0.0.1:9999</c> (valid after <see cref="StartAsync"/>).</summary>
    public string Address
    {
        get
        {
            var host = _host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + _host + "]" : _host.ToString();
            return $"{(_options.TlsCertificate is null ? "http" : "https")}://{host}:{Port}";
        }
    }

    /// <summary>Creates a server for <paramref name="chaincode"/> configured from the environment (see <see cref="ChaincodeServerOptions.FromEnvironment()"/>).</summary>
    /// <param name="chaincode">The chaincode.</param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    /// <returns>The server, not yet started.</returns>
    public static ChaincodeServer FromEnvironment(IChaincode chaincode, ILoggerFactory? loggerFactory = null) =>
        new(chaincode, ChaincodeServerOptions.FromEnvironment() with { LoggerFactory = loggerFactory });

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>A task that completes when the port is bound.</returns>
    /// <exception cref="InvalidOperationException">The server is already running.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is not null)
            {
                throw new InvalidOperationException("The server is already running.");
            }

            var app = Build();
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _port = BoundPort(app);
            _app = app;
        }
        finally
        {
            _lifecycle.Release();
        }

        ShimLog.ServerStarted(_logger, _options.ChaincodeId, Address);
    }

    /// <summary>Stops listening and closes every peer stream (in-flight transactions fail). Idempotent.</summary>
    /// <param name="cancellationToken">Cuts the graceful part of shutdown short.</param>
    /// <returns>A task that completes when the port is released.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_app is not { } app)
            {
                return;
            }

            _app = null;
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(ShutdownGrace);
            try
            {
                await app.StopAsync(grace.Token).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts, serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    /// <param name="cancellationToken">Ends serving.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
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
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var bound in addresses)
        {
            if (Uri.TryCreate(bound, UriKind.Absolute, out var uri))
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException("Kestrel reported no bound address.");
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ChaincodeServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = _options.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = _options.MaxSendMessageSize;
        });
        builder.Services.AddChaincode(_chaincode, new ChaincodeHostingOptions { ChaincodeId = _options.ChaincodeId, LoggerFactory = _loggerFactory });
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(_host, _requestedPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (_options.TlsCertificate is { } certificate)
                {
                    listen.UseHttps(HttpsOptions(certificate, _options.ClientCaCertificates));
                }
            });
        });
        var app = builder.Build();
        app.UseRouting();
        app.MapChaincode();
        return app;
    }

    private HttpsConnectionAdapterOptions HttpsOptions(X509Certificate2 certificate, X509Certificate2Collection? clientRoots)
    {
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
        if (clientRoots is not null)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (client, presented, _) => ClientTrust.Verify(client, presented, clientRoots, _logger);
        }

        return https;
    }
}
