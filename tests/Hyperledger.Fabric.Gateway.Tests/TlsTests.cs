using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Grpc.Core;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>TLS roots and the optional client certificate of a <see cref="GatewayEndpoint"/>, against a mutual-TLS gateway.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task EvaluateAsync_MutualTlsWithClientCertificate_Succeeds()
    {
        var (ca, server, client) = TestIdentities.CreateTlsMaterial();
        await using var gatewayServer = await FakeGatewayServer.StartAsync(server, [ca]);
        using var gateway = Connect(gatewayServer, ca, client);

        var result = await gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short);

        Assert.StartsWith("https://", gatewayServer.Address, StringComparison.Ordinal);
        Assert.Equal("ok", Encoding.UTF8.GetString(result.Span));
    }

    [Fact]
    public async Task EvaluateAsync_MutualTlsWithoutClientCertificate_ThrowsGatewayException()
    {
        var (ca, server, _) = TestIdentities.CreateTlsMaterial();
        await using var gatewayServer = await FakeGatewayServer.StartAsync(server, [ca]);
        using var gateway = Connect(gatewayServer, ca, clientCertificate: null);

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short));

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        Assert.Empty(gatewayServer.Evaluations);
    }

    [Fact]
    public async Task EvaluateAsync_UntrustedServerCertificate_ThrowsUnavailable()
    {
        var (ca, server, client) = TestIdentities.CreateTlsMaterial();
        var (otherCa, _, _) = TestIdentities.CreateTlsMaterial();
        await using var gatewayServer = await FakeGatewayServer.StartAsync(server, [ca]);
        using var gateway = Connect(gatewayServer, otherCa, client);

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static IGateway Connect(FakeGatewayServer server, X509Certificate2 trustedCa, X509Certificate2? clientCertificate)
    {
        var (identity, signer) = TestIdentities.CreateClient();
        return Gateway.Connect(new GatewayOptions
        {
            Identity = identity,
            Signer = signer,
            Endpoints = [new GatewayEndpoint { Address = server.Address, TlsRootCertificates = [trustedCa], ServerNameOverride = "localhost", ClientCertificate = clientCertificate }],
        });
    }
}
