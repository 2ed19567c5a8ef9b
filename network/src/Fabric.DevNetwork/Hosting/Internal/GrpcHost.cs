using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Hosting.Internal;

/// <summary>
/// One Grpc.AspNetCore service on its own Kestrel endpoint: HTTP/2 only, TLS (ALPN h2) when a certificate
/// is given, plaintext h2c otherwise. Stopping closes the connections (GOAWAY) after in-flight calls end;
/// the service ends its own calls first (see <see cref="Gateway.Internal.GatewayService"/>).
/// </summary>
internal sealed class GrpcHost : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private int _stopped;

    private GrpcHost(WebApplication app, string address, int port)
    {
        _app = app;
        Address = address;
        Port = port;
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary><c>https://host:port</c> with TLS, <c>http://host:port</c> without.</summary>
    public string Address { get; }

    /// <summary>Starts serving <paramref name="service"/> (a Grpc.Tools service base subclass) on host:port (0 picks a free port).</summary>
    public static Task<GrpcHost> StartAsync<TService>(
        TService service, string host, int port, X509Certificate2? certificate, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
        where TService : class =>
        StartCoreAsync(services => services.AddSingleton(service), app => app.MapGrpcService<TService>(), host, port, certificate, loggerFactory, cancellationToken);

    /// <summary>Starts serving two services on one endpoint, as a Fabric peer serves Gateway and Deliver on one port.</summary>
    public static Task<GrpcHost> StartAsync<TService, TSecond>(
        TService service, TSecond second, string host, int port, X509Certificate2? certificate, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
        where TService : class
        where TSecond : class =>
        StartCoreAsync(
            services => services.AddSingleton(service).AddSingleton(second),
            app =>
            {
                app.MapGrpcService<TService>();
                app.MapGrpcService<TSecond>();
            },
            host, port, certificate, loggerFactory, cancellationToken);

    private static async Task<GrpcHost> StartCoreAsync(
        Action<IServiceCollection> register, Action<WebApplication> map, string host, int port, X509Certificate2? certificate, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GrpcHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = 100 * 1024 * 1024;
            options.MaxSendMessageSize = 100 * 1024 * 1024;
        });
        register(builder.Services);
        var address = ParseHost(host);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;

            // Kestrel's 30 MB body limit would fail a large unary call as UNKNOWN after buffering it;
            // gRPC's MaxReceiveMessageSize (above) refuses an oversize message from its length prefix
            // instead, as RESOURCE_EXHAUSTED, like Fabric's 100 MiB limit.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.UseRouting();
        map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = BoundPort(app);
        var text = host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;
        return new GrpcHost(app, $"{(certificate is null ? "http" : "https")}://{text}:{bound}", bound);
    }

    /// <summary>Closes connections (in-flight calls get up to 5 s) and releases the port. Idempotent.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(ShutdownGrace);
        try
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

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

    private static IPAddress ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var ip) ? ip
        : throw new ArgumentException($"The listen host must be an IP address or 'localhost': '{host}'.", nameof(host));
}
