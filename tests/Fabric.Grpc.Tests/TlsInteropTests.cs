using Fabric.Grpc.Interop;
using Fabric.Grpc.Server;
using Fabric.Grpc.Tests.Infrastructure;
using TestSupport;

namespace Fabric.Grpc.Tests;

/// <summary>TLS with a self-signed CA between our transport and the official Node gRPC, both ways.</summary>
public sealed class TlsInteropTests : IDisposable
{
    private const string PeerName = "peer0.org1.example.com";
    private readonly TestCertificates _pki = TestCertificates.CreateCa();
    private readonly TemporaryDirectory _directory = new();

    public void Dispose()
    {
        _pki.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task UnaryAsync_OurClientToNodeTlsServerWithNameOverride_Succeeds()
    {
        using var serverCertificate = _pki.IssueServer(PeerName, includeLoopbackIp: false);
        await using var node = await NodeEchoServer.StartAsync("--cert", WritePem("server.pem", serverCertificate), "--key", WriteKey("server.key", serverCertificate));
        using var channel = GrpcChannel.ForAddress(
            $"https://127.0.0.1:{node.Port}",
            new GrpcChannelOptions { RootCertificates = _pki.Roots, ServerNameOverride = PeerName });

        var response = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "tls to node" }).WithTimeout(TestTimeouts.Short);

        Assert.Equal("tls to node", response.Message);
    }

    [Fact]
    public async Task UnaryAsync_OurClientToNodeMutualTlsServer_SucceedsWithCertAndFailsWithout()
    {
        using var serverCertificate = _pki.IssueServer(PeerName, includeLoopbackIp: false);
        using var clientCertificate = _pki.IssueClient("User1@org1.example.com");
        await using var node = await NodeEchoServer.StartAsync(
            "--cert", WritePem("server.pem", serverCertificate),
            "--key", WriteKey("server.key", serverCertificate),
            "--client-ca", WritePem("ca.pem", _pki.Ca));
        var options = new GrpcChannelOptions { RootCertificates = _pki.Roots, ServerNameOverride = PeerName };
        using var withCert = GrpcChannel.ForAddress($"https://127.0.0.1:{node.Port}", options with { ClientCertificate = clientCertificate });
        using var withoutCert = GrpcChannel.ForAddress($"https://127.0.0.1:{node.Port}", options);

        var response = await withCert.UnaryAsync(EchoMethods.Unary, new EchoRequest { Message = "mtls" }).WithTimeout(TestTimeouts.Short);
        var error = await Assert.ThrowsAsync<RpcException>(() => withoutCert.UnaryAsync(EchoMethods.Unary, new EchoRequest()).WithTimeout(TestTimeouts.Short));

        Assert.Equal("mtls", response.Message);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Unary_NodeClientToOurTlsServerWithNameOverride_Succeeds()
    {
        await using var server = await EchoService.StartAsync(new GrpcServerOptions { ServerCertificate = _pki.IssueServer(PeerName, includeLoopbackIp: false) });

        var result = await NodeEchoClient.RunAsync(
            $"127.0.0.1:{server.Port}", "unary", "--ca", WritePem("ca.pem", _pki.Ca), "--server-name", PeerName);

        Assert.Equal(StatusCode.OK, result.Code());
        Assert.Equal("hello from node", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Duplex_NodeClientToOurMutualTlsServer_ThousandMessagesEachWay()
    {
        using var clientCertificate = _pki.IssueClient("User1@org1.example.com");
        await using var server = await EchoService.StartAsync(new GrpcServerOptions
        {
            ServerCertificate = _pki.IssueServer(PeerName, includeLoopbackIp: false),
            ClientCertificateRoots = _pki.Roots,
        });

        var result = await NodeEchoClient.RunAsync(
            $"127.0.0.1:{server.Port}", "duplex", "--count", "1000",
            "--ca", WritePem("ca.pem", _pki.Ca), "--server-name", PeerName,
            "--cert", WritePem("client.pem", clientCertificate), "--key", WriteKey("client.key", clientCertificate));

        Assert.Equal(StatusCode.OK, result.Code());
        Assert.Equal(1000, result.GetProperty("received").GetInt32());
    }

    private string WritePem(string name, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, TestCertificates.ToPem(certificate));
        return path;
    }

    private string WriteKey(string name, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, TestCertificates.KeyToPem(certificate));
        return path;
    }
}
