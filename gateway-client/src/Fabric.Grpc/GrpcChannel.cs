using Fabric.Grpc.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabric.Grpc;

/// <summary>
/// A gRPC channel to one server: a single HTTP/2 connection (TLS, or plaintext h2c for
/// <c>http://</c>) on which any number of calls are multiplexed. Thread-safe.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly string _baseAddress;
    private int _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Options = options;
        Target = address.Authority;
        _baseAddress = address.GetLeftPart(UriPartial.Authority);
        Authority = options.ServerNameOverride;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("Fabric.Grpc.GrpcChannel");
        if (options.HttpHandler is { } handler)
        {
            _invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        }
        else
        {
            _invoker = new HttpMessageInvoker(ChannelHandlerFactory.Create(address, options, Logger), disposeHandler: true);
        }
    }

    /// <summary>The server's host and port, as given in the address.</summary>
    public string Target { get; }

    internal GrpcChannelOptions Options { get; }

    internal string? Authority { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Creates a channel. No connection is made until the first call.</summary>
    /// <param name="address"><c>https://host:port</c> for TLS, <c>http://host:port</c> for plaintext HTTP/2.</param>
    /// <param name="options">Options; null means defaults.</param>
    /// <returns>The channel; dispose it to close the connection.</returns>
    /// <exception cref="ArgumentException">The address or an option is invalid.</exception>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Address must be an absolute http:// or https:// URI: '{address}'.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        if (options.MaxReceiveMessageSize <= 0 || options.MaxSendMessageSize <= 0)
        {
            throw new ArgumentException("Message size limits must be positive.", nameof(options));
        }

        if (options.ConnectTimeout <= TimeSpan.Zero && options.ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("ConnectTimeout must be positive.", nameof(options));
        }

        if (options.KeepAlivePingDelay < TimeSpan.FromSeconds(1) && options.KeepAlivePingDelay != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("KeepAlivePingDelay must be at least one second (or infinite).", nameof(options));
        }

        if (options.KeepAlivePingTimeout < TimeSpan.FromSeconds(1) && options.KeepAlivePingTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("KeepAlivePingTimeout must be at least one second (or infinite).", nameof(options));
        }

        if (options.ClientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("ClientCertificate must have its private key.", nameof(options));
        }

        return new GrpcChannel(uri, options);
    }

    /// <summary>Makes a unary call.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Deadline, cancellation and headers.</param>
    /// <returns>The response.</returns>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled.</exception>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        using var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.StartWithRequest(request);
        return await call.ReadSingleResponseAsync().ConfigureAwait(false);
    }

    /// <summary>Starts a server streaming call; dispose the returned call to cancel it.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">Deadline, cancellation and headers.</param>
    /// <returns>The call; failures surface from its response stream.</returns>
    public AsyncServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.StartWithRequest(request);
        return AsyncServerStreamingCall<TResponse>.Create(call);
    }

    /// <summary>Starts a bidirectional streaming call; dispose the returned call to cancel it.</summary>
    /// <typeparam name="TRequest">Request type.</typeparam>
    /// <typeparam name="TResponse">Response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="options">Deadline, cancellation and headers.</param>
    /// <returns>The call; write requests and read responses at the same time.</returns>
    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        var call = new GrpcCall<TRequest, TResponse>(this, method, options);
        call.StartDuplex();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(call);
    }

    /// <summary>Closes the connection, unless the handler came from <see cref="GrpcChannelOptions.HttpHandler"/> (caller-owned). Idempotent; in-flight calls fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _invoker.Dispose();
    }

    internal Uri GetRequestUri(string fullName) => new(_baseAddress + fullName);
}
