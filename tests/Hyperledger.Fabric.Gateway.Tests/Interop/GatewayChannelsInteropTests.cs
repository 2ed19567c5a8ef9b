using System.Security.Cryptography.X509Certificates;
using Fabric.Interop;
using Grpc.Core;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests.Interop;

/// <summary>
/// Channels built by <see cref="GatewayChannels.ForEndpoint"/> against the official Node gRPC server
/// (@grpc/grpc-js): TLS with an organisation CA and a server-name override, mutual TLS, a server that
/// speaks first on a duplex stream (as a chaincode does), and rich error details.
/// </summary>
public sealed class GatewayChannelsInteropTests : IDisposable
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
    public async Task ForEndpoint_NodeTlsServerWithNameOverride_Succeeds()
    {
        using var serverCertificate = _pki.IssueServer(PeerName, includeLoopbackIp: false);
        await using var node = await NodeEchoServer.StartAsync("--cert", WritePem("server.pem", serverCertificate), "--key", WriteKey("server.key", serverCertificate));
        using var channel = GatewayChannels.ForEndpoint(new GatewayEndpoint { Address = $"grpcs://127.0.0.1:{node.Port}", TlsRootCertificates = _pki.Roots, ServerNameOverride = PeerName });

        var response = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = "tls to node" }).ResponseAsync.WithTimeout(TestTimeouts.Short);

        Assert.Equal("tls to node", response.Message);
    }

    [Fact]
    public async Task ForEndpoint_NodeTlsServerWithoutNameOverride_RefusedAtTlsHandshake()
    {
        using var serverCertificate = _pki.IssueServer(PeerName, includeLoopbackIp: false);
        await using var node = await NodeEchoServer.StartAsync("--cert", WritePem("server.pem", serverCertificate), "--key", WriteKey("server.key", serverCertificate));
        using var channel = GatewayChannels.ForEndpoint(new GatewayEndpoint { Address = $"grpcs://127.0.0.1:{node.Port}", TlsRootCertificates = _pki.Roots });

        var error = await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()).ResponseAsync.WithTimeout(TestTimeouts.Short));

        // The certificate names the peer, not 127.0.0.1: the handshake fails before any request is sent.
        Assert.IsType<HttpRequestException>(error.Status.DebugException);
        Assert.Equal(HttpRequestError.SecureConnectionError, ((HttpRequestException)error.Status.DebugException).HttpRequestError);
    }

    [Fact]
    public async Task ForEndpoint_NodeMutualTlsServer_SucceedsWithCertAndFailsWithout()
    {
        using var serverCertificate = _pki.IssueServer(PeerName, includeLoopbackIp: false);
        using var clientCertificate = _pki.IssueClient("User1@org1.example.com");
        await using var node = await NodeEchoServer.StartAsync(
            "--cert", WritePem("server.pem", serverCertificate),
            "--key", WriteKey("server.key", serverCertificate),
            "--client-ca", WritePem("ca.pem", _pki.Ca));
        var endpoint = new GatewayEndpoint { Address = $"grpcs://127.0.0.1:{node.Port}", TlsRootCertificates = _pki.Roots, ServerNameOverride = PeerName };
        using var withCert = GatewayChannels.ForEndpoint(endpoint with { ClientCertificate = clientCertificate });
        using var withoutCert = GatewayChannels.ForEndpoint(endpoint);

        var response = await new Echo.EchoClient(withCert).UnaryAsync(new EchoRequest { Message = "mtls" }).ResponseAsync.WithTimeout(TestTimeouts.Short);
        var error = await Assert.ThrowsAsync<RpcException>(() => new Echo.EchoClient(withoutCert).UnaryAsync(new EchoRequest()).ResponseAsync.WithTimeout(TestTimeouts.Short));

        Assert.Equal("mtls", response.Message);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task DuplexStreaming_NodeServerSpeaksFirst_ResponseArrivesBeforeClientWrites()
    {
        await using var node = await NodeEchoServer.StartAsync();
        using var channel = GatewayChannels.ForEndpoint(new GatewayEndpoint { Address = $"grpc://127.0.0.1:{node.Port}" });
        using var call = new Echo.EchoClient(channel).Duplex(new Metadata { { "x-greet", "register" } });

        Assert.True(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
        Assert.Equal("register", call.ResponseStream.Current.Message);
        Assert.Equal(-1, call.ResponseStream.Current.Index);
        await call.RequestStream.CompleteAsync().WithTimeout(TestTimeouts.Short);
        Assert.False(await call.ResponseStream.MoveNext().WithTimeout(TestTimeouts.Short));
    }

    [Fact]
    public async Task Unary_NodeServerError_RpcExceptionKeepsStatusAndDetails()
    {
        await using var node = await NodeEchoServer.StartAsync();
        using var channel = GatewayChannels.ForEndpoint(new GatewayEndpoint { Address = $"grpc://127.0.0.1:{node.Port}" });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Message = "boom", FailWithCode = (int)StatusCode.FailedPrecondition }).ResponseAsync.WithTimeout(TestTimeouts.Short));
        var details = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes("grpc-status-details-bin"));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("requested failure: boom", error.Status.Detail);
        Assert.Equal((int)StatusCode.FailedPrecondition, details.Code);
        Assert.Equal("requested failure: boom", details.Details[0].Unpack<EchoResponse>().Message);
    }

    private string WritePem(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, TestCertificates.ToPem(certificate));
        return path;
    }

    private string WriteKey(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(_directory.Path, name);
        File.WriteAllText(path, TestCertificates.KeyToPem(certificate));
        return path;
    }
}
