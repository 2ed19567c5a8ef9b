using System.Collections.Frozen;
using Fabric.Grpc.Server.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Grpc.Server;

/// <summary>
/// A gRPC server on Kestrel: HTTP/2 over TLS (ALPN h2) when a certificate is configured,
/// plaintext HTTP/2 (h2c) otherwise. Register handlers, then <see cref="StartAsync"/>.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private CancellationTokenSource? _stopping;
    private int _port;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Address, TLS and limits.</param>
    public GrpcServer(GrpcServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ClientCertificateRoots is not null && options.ServerCertificate is null)
        {
            throw new ArgumentException("ClientCertificateRoots (mutual TLS) needs a ServerCertificate.", nameof(options));
        }

        if (options.ServerCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("ServerCertificate must have its private key.", nameof(options));
        }

        if (options.MaxReceiveMessageSize <= 0 || options.MaxSendMessageSize <= 0)
        {
            throw new ArgumentException("Message size limits must be positive.", nameof(options));
        }

        _options = options;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Fabric.Grpc.Server.GrpcServer");
    }

    /// <summary>The bound port; valid after <see cref="StartAsync"/>.</summary>
    public int Port => _port != 0 ? _port : throw new InvalidOperationException("The server has not been started.");

    /// <summary>The address clients dial: <c>https://host:port</c> with TLS, <c>http://host:port</c> without.</summary>
    public string Address => $"{(_options.ServerCertificate is null ? "http" : "https")}://{FormatHost(_options.Host)}:{Port}";

    /// <summary>Registers a unary handler. Register before starting.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="handler">Returns the response, or throws <see cref="RpcException"/> for a non-OK status.</param>
    public void AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(method, MethodType.Unary, new ServerMethod<TRequest, TResponse>(method, unary: handler));
    }

    /// <summary>Registers a server streaming handler. Register before starting.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="handler">Writes responses, then returns (OK) or throws <see cref="RpcException"/>.</param>
    public void AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(method, MethodType.ServerStreaming, new ServerMethod<TRequest, TResponse>(method, serverStreaming: handler));
    }

    /// <summary>Registers a bidirectional streaming handler. Register before starting.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="handler">Reads requests and writes responses, then returns (OK) or throws <see cref="RpcException"/>.</param>
    public void AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(method, MethodType.DuplexStreaming, new ServerMethod<TRequest, TResponse>(method, duplex: handler));
    }

    /// <summary>Binds the port and starts serving.</summary>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>A task that completes when the server is listening.</returns>
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

            _stopping = new CancellationTokenSource();
            var handler = new ServerCallHandler(_methods.ToFrozenDictionary(StringComparer.Ordinal), _options, _logger, _stopping.Token);
            var app = KestrelHost.Build(_options, handler, _logger);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _port = KestrelHost.GetBoundPort(app);
            _app = app;
            GrpcServerLog.Listening(_logger, Address);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops listening, cancels in-flight calls (they end with Unavailable) and closes connections.
    /// Idempotent. The server may be started again afterwards, on the same port if it was fixed.
    /// </summary>
    /// <param name="cancellationToken">Cuts the graceful part of shutdown short.</param>
    /// <returns>A task that completes when the port is released.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var app = _app;
            if (app is null)
            {
                return;
            }

            var address = Address;
            await _stopping!.CancelAsync().ConfigureAwait(false);
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(ShutdownGrace);
            try
            {
                await app.StopAsync(grace.Token).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
                _stopping.Dispose();
                _stopping = null;
                _app = null;
            }

            GrpcServerLog.Stopped(_logger, address);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the port is released.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;

    private void Register<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, ServerMethod handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.FullName} is {method.Type}, not {expected}.", nameof(method));
        }

        if (_app is not null)
        {
            throw new InvalidOperationException("Register methods before starting the server.");
        }

        if (!_methods.TryAdd(method.FullName, handler))
        {
            throw new ArgumentException($"Method {method.FullName} is already registered.", nameof(method));
        }
    }
}
