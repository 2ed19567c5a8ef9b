using System.Net;
using System.Security.Cryptography.X509Certificates;
using Fabric.Grpc.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabric.Grpc.Server.Internal;

/// <summary>Configures Kestrel for gRPC: one HTTP/2 endpoint, TLS optional, limits off for long streams.</summary>
internal static class KestrelHost
{
    public static WebApplication Build(GrpcServerOptions options, ServerCallHandler handler, ILogger logger)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KestrelHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        var address = ParseHost(options.Host);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(address, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(CreateHttpsOptions(certificate, options.ClientCertificateRoots, logger));
                }
            });
        });

        var app = builder.Build();
        app.Run(handler.HandleAsync);
        return app;
    }

    public static int GetBoundPort(WebApplication app)
    {
        var server = app.Services.GetRequiredService<IServer>();
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        foreach (var bound in addresses)
        {
            if (Uri.TryCreate(bound, UriKind.Absolute, out var uri))
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException("Kestrel reported no parsable address.");
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var ip)
            ? ip
            : throw new ArgumentException($"GrpcServerOptions.Host must be an IP address or 'localhost': '{host}'.");
    }

    private static HttpsConnectionAdapterOptions CreateHttpsOptions(X509Certificate2 certificate, X509Certificate2Collection? clientRoots, ILogger logger)
    {
        var https = new HttpsConnectionAdapterOptions { ServerCertificate = certificate };
        if (clientRoots is null)
        {
            return https;
        }

        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (client, presented, _) => ValidateClient(client, presented, clientRoots, logger);
        return https;
    }

    private static bool ValidateClient(X509Certificate2? client, X509Chain? presented, X509Certificate2Collection roots, ILogger logger)
    {
        if (client is null)
        {
            GrpcServerLog.ClientCertificateRejected(logger, "no certificate");
            return false;
        }

        if (CustomRootTrust.Verify(client, presented, roots, out var reasons))
        {
            return true;
        }

        GrpcServerLog.ClientCertificateRejected(logger, reasons);
        return false;
    }
}
