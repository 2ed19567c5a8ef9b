using System.Text;
using Grpc.Core;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Protos.Gateway;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// The call that opens the gateway's own connection starts its timeout once the connection is open (TLS
/// done), so a slow opening is not taken out of the peer's time; after that the call's timeout still holds.
/// </summary>
public sealed class ConnectionOpeningTests
{
    // Ample for the rest of a loopback call on a loaded machine (a cold hrec process took 1.3 s at load 60);
    // the opening is held longer than that.
    private static readonly TimeSpan EvaluateTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EvaluateTransactionAsync_ConnectionOpensSlowerThanTheEvaluateTimeout_Succeeds()
    {
        var (ca, certificate, _) = TestIdentities.CreateTlsMaterial();
        await using var server = await FakeGatewayServer.StartAsync(certificate);
        await using var proxy = HoldingTcpProxy.Start(new Uri(server.Address).Port, EvaluateTimeout * 1.5);
        using var gateway = Connect(proxy, ca, connectTimeout: TimeSpan.FromSeconds(60));

        var result = await gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout();

        Assert.Equal("ok", Encoding.UTF8.GetString(result.Span));
        Assert.Equal(1, proxy.Connections);
    }

    [Fact]
    public async Task EvaluateTransactionAsync_PeerSlowerThanTheTimeoutOnTheOpeningCall_TimesOutAfterTheEvaluateTimeoutNotTheConnectTimeout()
    {
        var (ca, certificate, _) = TestIdentities.CreateTlsMaterial();
        await using var server = await FakeGatewayServer.StartAsync(certificate);
        server.OnEvaluate = async (_, context) =>
        {
            // Never answers: only the client's timeout ends the call.
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new EvaluateResponse();
        };
        await using var proxy = HoldingTcpProxy.Start(new Uri(server.Address).Port, TimeSpan.Zero);

        // A connect timeout far beyond the test's own: only the evaluate timeout can end the call in time.
        using var gateway = Connect(proxy, ca, connectTimeout: TimeSpan.FromHours(1), evaluateTimeout: TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout());

        Assert.True(error.IsTimeout, error.ToString());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), error.Timeout);
    }

    [Fact]
    public async Task EvaluateAsync_DeadlineGivenByTheCaller_BoundsTheOpeningCallAsGiven()
    {
        var (ca, certificate, _) = TestIdentities.CreateTlsMaterial();
        await using var server = await FakeGatewayServer.StartAsync(certificate);
        await using var proxy = HoldingTcpProxy.Start(new Uri(server.Address).Port, TimeSpan.FromSeconds(3));
        using var gateway = Connect(proxy, ca, connectTimeout: TimeSpan.FromSeconds(60));
        var options = new ProposalOptions { CallOptions = new GatewayCallOptions { Deadline = DateTime.UtcNow.AddSeconds(1) } };

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateAsync("fn", options).WithTimeout());

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Empty(server.Evaluations);
    }

    private static IGateway Connect(HoldingTcpProxy proxy, System.Security.Cryptography.X509Certificates.X509Certificate2 ca, TimeSpan connectTimeout, TimeSpan? evaluateTimeout = null)
    {
        var (identity, signer) = TestIdentities.CreateClient();
        return Gateway.Connect(new GatewayOptions
        {
            Identity = identity,
            Signer = signer,
            Endpoints = [new GatewayEndpoint { Address = $"grpcs://127.0.0.1:{proxy.Port}", TlsRootCertificates = [ca], ServerNameOverride = "localhost" }],
            EvaluateTimeout = evaluateTimeout ?? EvaluateTimeout,
            ConnectTimeout = connectTimeout,
        });
    }
}
