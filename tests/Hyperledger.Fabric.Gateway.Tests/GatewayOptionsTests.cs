using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Identity;
using Grpc.Core;
using Grpc.Net.Client;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

public sealed class GatewayOptionsTests
{
    private static readonly GatewayEndpoint Local = new() { Address = "http://127.0.0.1:1" };

    [Fact]
    public void Connect_NoIdentity_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Gateway.Connect(new GatewayOptions { Endpoints = [Local] }));
        Assert.Contains("Identity is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_NoEndpointOrChannel_ThrowsArgumentException()
    {
        var (identity, signer) = TestIdentities.CreateClient();
        var error = Assert.Throws<ArgumentException>(() => Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer }));
        Assert.Contains("Endpoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_EndpointsAndChannel_ThrowsArgumentException()
    {
        var (identity, _) = TestIdentities.CreateClient();
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        Assert.Throws<ArgumentException>(() => Gateway.Connect(new GatewayOptions { Identity = identity, Endpoints = [Local], Channel = channel }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://127.0.0.1:7051")]
    [InlineData("not a url")]
    public void Connect_BadEndpointAddress_ThrowsArgumentException(string address)
    {
        var (identity, _) = TestIdentities.CreateClient();
        Assert.Throws<ArgumentException>(() => Gateway.Connect(new GatewayOptions { Identity = identity, Endpoints = [new GatewayEndpoint { Address = address }] }));
    }

    [Fact]
    public void Connect_ZeroTimeout_ThrowsArgumentException()
    {
        var (identity, _) = TestIdentities.CreateClient();
        var error = Assert.Throws<ArgumentException>(() => Gateway.Connect(new GatewayOptions { Identity = identity, Endpoints = [Local], EndorseTimeout = TimeSpan.Zero }));
        Assert.Contains("EndorseTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_GrpcsAddress_IsAccepted()
    {
        var (identity, _) = TestIdentities.CreateClient();
        using var gateway = Gateway.Connect(new GatewayOptions { Identity = identity, Endpoints = [new GatewayEndpoint { Address = "grpcs://127.0.0.1:7051" }] });
        Assert.Equal("Org1MSP", gateway.Identity.MspId);
    }

    [Fact]
    public void SignersFromPemFile_UnreadableKey_ThrowsCryptoMaterialExceptionNamingFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "priv_sk");
        File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n");
        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPemFile(path));
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void SignersFromPemFile_MissingKey_ThrowsCryptoMaterialException()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "missing_sk");
        var error = Assert.Throws<CryptoMaterialException>(() => Signers.FromPemFile(path));
        Assert.Contains("missing_sk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_CallerSuppliedChannel_IsNotDisposed()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        var (identity, signer) = TestIdentities.CreateClient();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var gateway = Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Channel = channel });
        gateway.Dispose();
        gateway.Dispose();

        using var second = Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Channel = channel });
        var result = await second.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short);
        Assert.Equal("ok", System.Text.Encoding.UTF8.GetString(result.Span));
    }

    [Fact]
    public void GetNetwork_AfterDispose_ThrowsObjectDisposedException()
    {
        var (identity, _) = TestIdentities.CreateClient();
        var gateway = Gateway.Connect(new GatewayOptions { Identity = identity, Endpoints = [Local] });
        gateway.Dispose();
        Assert.Throws<ObjectDisposedException>(() => gateway.GetNetwork("ch"));
    }
}
