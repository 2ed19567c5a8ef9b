using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

namespace TestSupport;

/// <summary>
/// One Grpc.AspNetCore service instance on an ephemeral 127.0.0.1 port: HTTP/2 only, TLS (with optional
/// client-certificate roots) or plaintext h2c. For tests that need a scripted server.
/// </summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private GrpcTestServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary><c>http://127.0.0.1:port</c>, or <c>https://</c> with TLS.</summary>
    public string Address { get; }

    /// <summary>Starts serving <paramref name="service"/> (a subclass of a Grpc.Tools service base).</summary>
    public static async Task<GrpcTestServer> StartAsync<TService>(TService service, X509Certificate2? certificate = null, X509Certificate2Collection? clientRoots = null)
        where TService : class
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    if (clientRoots is not null)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (client, _, _) => TestTls.ChainsTo(client, [.. clientRoots]);
                    }
                });
            }
        }));
        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<TService>();
        await app.StartAsync().WithTimeout();
        var port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).First();
        return new GrpcTestServer(app, $"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}");
    }

    /// <summary>
    /// Kestrel's shutdown: GOAWAY (NO_ERROR) on every connection, then, when <paramref name="cancellationToken"/>
    /// fires, the connections still open are closed with calls in flight.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(cancellationToken);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TestTimeouts.Short);
        await StopAsync(grace.Token);
    }
}
