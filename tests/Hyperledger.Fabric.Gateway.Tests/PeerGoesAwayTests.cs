using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.AspNetCore.Http.Features;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// A peer that closes its connection in the middle of a call (RST_STREAM or GOAWAY with NO_ERROR, or the
/// connection dropped) counts as UNAVAILABLE: the call carries on through the next endpoint.
/// </summary>
public sealed class PeerGoesAwayTests
{
    private const int NoError = 0x0;

    [Fact]
    public async Task EvaluateTransactionAsync_FirstPeerResetsStreamWithNoError_AnsweredBySecondPeer()
    {
        await using var first = await FakeGatewayServer.StartAsync();
        await using var second = await FakeGatewayServer.StartAsync();
        first.OnEvaluate = async (_, context) =>
        {
            context.GetHttpContext().Features.GetRequiredFeature<IHttpResetFeature>().Reset(NoError);
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            throw new InvalidOperationException("unreachable");
        };
        second.OnEvaluate = (_, _) => Answer("second");
        using var gateway = Connect(first, second);

        var result = await gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short);

        Assert.Equal("second", Encoding.UTF8.GetString(result.Span));
        Assert.Single(first.Evaluations);
    }

    [Fact]
    public async Task EvaluateTransactionAsync_FirstPeerSendsGoAwayMidCall_AnsweredBySecondPeer()
    {
        await using var first = await FakeGatewayServer.StartAsync();
        await using var second = await FakeGatewayServer.StartAsync();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.OnEvaluate = async (_, context) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            throw new InvalidOperationException("unreachable");
        };
        second.OnEvaluate = (_, _) => Answer("second");
        using var gateway = Connect(first, second);

        var call = gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn");
        await entered.Task.WithTimeout(TestTimeouts.Short);

        // Kestrel's shutdown sends GOAWAY (NO_ERROR) at once; an already cancelled token then drops the connection with the call in flight.
        using var noGrace = new CancellationTokenSource();
        await noGrace.CancelAsync();
        await first.StopAsync(noGrace.Token).WithTimeout(TestTimeouts.Short);
        var result = await call.WithTimeout(TestTimeouts.Short);

        Assert.Equal("second", Encoding.UTF8.GetString(result.Span));
    }

    [Fact]
    public async Task GetStatusAsync_FirstPeerResetsStreamWithNoError_AnsweredBySecondPeer()
    {
        await using var first = await FakeGatewayServer.StartAsync();
        await using var second = await FakeGatewayServer.StartAsync();
        first.OnCommitStatus = async (_, context) =>
        {
            context.GetHttpContext().Features.GetRequiredFeature<IHttpResetFeature>().Reset(NoError);
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            throw new InvalidOperationException("unreachable");
        };
        using var gateway = Connect(first, second);

        var status = await gateway.GetNetwork("ch").GetTransactionStatusAsync("tx1").WithTimeout(TestTimeouts.Short);

        Assert.True(status.Successful);
        Assert.Single(second.StatusRequests);
    }

    [Fact]
    public async Task EvaluateTransactionAsync_OnlyPeerResetsStreamWithNoError_ThrowsUnavailable()
    {
        await using var only = await FakeGatewayServer.StartAsync();
        only.OnEvaluate = async (_, context) =>
        {
            context.GetHttpContext().Features.GetRequiredFeature<IHttpResetFeature>().Reset(NoError);
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            throw new InvalidOperationException("unreachable");
        };
        using var gateway = Connect(only);

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static Task<EvaluateResponse> Answer(string text) =>
        Task.FromResult(new EvaluateResponse { Result = new Response { Status = 200, Payload = ByteString.CopyFromUtf8(text) } });

    private static IGateway Connect(params FakeGatewayServer[] servers)
    {
        var (identity, signer) = TestIdentities.CreateClient();
        return Gateway.Connect(new GatewayOptions
        {
            Identity = identity,
            Signer = signer,
            Endpoints = [.. servers.Select(s => new GatewayEndpoint { Address = s.Address })],
        });
    }
}
