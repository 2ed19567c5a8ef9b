using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Fabric.Grpc.Tests.Infrastructure;

/// <summary>
/// A raw Kestrel HTTP/2 (h2c) server whose responses a test writes by hand, to send what a
/// correct gRPC server never would. It can also drop every TCP connection, as a crashed peer does.
/// </summary>
public sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentBag<ConnectionContext> _connections;

    private MisbehavingServer(WebApplication app, ConcurrentBag<ConnectionContext> connections, int port)
    {
        _app = app;
        _connections = connections;
        Address = $"http://127.0.0.1:{port}";
    }

    public string Address { get; }

    public static async Task<MisbehavingServer> StartAsync(RequestDelegate respond)
    {
        var connections = new ConcurrentBag<ConnectionContext>();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => connection =>
                {
                    connections.Add(connection);
                    return next(connection);
                });
            });
        });
        var app = builder.Build();
        app.Run(respond);
        await app.StartAsync().WaitAsync(TestSupport.TestTimeouts.Long);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MisbehavingServer(app, connections, new Uri(address).Port);
    }

    /// <summary>Closes every TCP connection at once, without any HTTP/2 goodbye.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections)
        {
            connection.Abort(new ConnectionAbortedException("test drops the connection"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // a request the test left hanging
        }

        await _app.DisposeAsync();
    }
}
