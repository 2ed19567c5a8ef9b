using System.Security.Cryptography.X509Certificates;
using Fabric.Grpc.Interop;
using Fabric.Grpc.Server;
using Fabric.Grpc.Tests.Infrastructure;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>TLS between our client and our server: custom roots, server-name override, mutual TLS.</summary>
public sealed class TlsTests : IDisposable
{
    private const string PeerName = "peer0.org1.example.com";
    private readonly TestCertificates _pki = TestCertificates.CreateCa();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task UnaryAsync_ServerCertFromCustomRoot_Succeeds()
    {
        await using var server = await EchoService.StartAsync(new GrpcServerOptions { ServerCertificate = _pki.IssueServer("localhost") });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { RootCertificates = _pki.Roots });

        var response = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "tls" }).WithTimeout(TestTimeouts.Short);

        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        Assert.Equal("tls", response.Message);
    }

    [Fact]
    public async Task UnaryAsync_ServerCertFromOtherRoot_FailsUnavailable()
    {
        using var other = TestCertificates.CreateCa("Other CA");
        await using var server = await EchoService.StartAsync(new GrpcServerOptions { ServerCertificate = _pki.IssueServer("localhost") });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { RootCertificates = other.Roots });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_ServerNameOverrideForPeerCertAtLoopback_Succeeds()
    {
        var certificate = _pki.IssueServer(PeerName, includeLoopbackIp: false);
        await using var server = await EchoService.StartAsync(new GrpcServerOptions { ServerCertificate = certificate });
        using var channel = GrpcChannel.ForAddress(
            $"https://127.0.0.1:{server.Port}",
            new GrpcChannelOptions { RootCertificates = _pki.Roots, ServerNameOverride = PeerName });

        var response = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "override" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("override", response.Message);
    }

    [Fact]
    public async Task UnaryAsync_PeerCertAtLoopbackWithoutOverride_FailsUnavailable()
    {
        var certificate = _pki.IssueServer(PeerName, includeLoopbackIp: false);
        await using var server = await EchoService.StartAsync(new GrpcServerOptions { ServerCertificate = certificate });
        using var channel = GrpcChannel.ForAddress($"https://127.0.0.1:{server.Port}", new GrpcChannelOptions { RootCertificates = _pki.Roots });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_MutualTlsWithClientCert_ServerSeesClientCertificate()
    {
        using var clientCertificate = _pki.IssueClient("User1@org1.example.com");
        await using var server = new GrpcServer(new GrpcServerOptions
        {
            ServerCertificate = _pki.IssueServer("localhost"),
            ClientCertificateRoots = _pki.Roots,
        });
        string? seen = null;
        server.AddUnary(EchoMethods.Unary, (request, context) =>
        {
            seen = context.ClientCertificate?.Subject;
            return Task.FromResult(new EchoResponse { Message = request.Message });
        });
        await server.StartAsync().WithTimeout(TestTimeouts.Long);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { RootCertificates = _pki.Roots, ClientCertificate = clientCertificate });

        var response = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "mtls" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("mtls", response.Message);
        Assert.Equal("CN=User1@org1.example.com", seen);
    }

    [Fact]
    public async Task UnaryAsync_MutualTlsWithoutClientCert_FailsUnavailable()
    {
        await using var server = await EchoService.StartAsync(new GrpcServerOptions
        {
            ServerCertificate = _pki.IssueServer("localhost"),
            ClientCertificateRoots = _pki.Roots,
        });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { RootCertificates = _pki.Roots });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_MutualTlsWithCertFromOtherCa_FailsUnavailable()
    {
        using var other = TestCertificates.CreateCa("Other CA");
        using var stranger = other.IssueClient("stranger");
        await using var server = await EchoService.StartAsync(new GrpcServerOptions
        {
            ServerCertificate = _pki.IssueServer("localhost"),
            ClientCertificateRoots = _pki.Roots,
        });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { RootCertificates = _pki.Roots, ClientCertificate = stranger });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public void Constructor_ClientRootsWithoutServerCertificate_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GrpcServer(new GrpcServerOptions { ClientCertificateRoots = new X509Certificate2Collection() }));
    }
}
