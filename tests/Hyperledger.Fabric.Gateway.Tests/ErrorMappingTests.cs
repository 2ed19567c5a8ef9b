using System.Diagnostics;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>How transport failures surface, against a scripted Gateway (exact statuses, details and delays).</summary>
public sealed class ErrorMappingTests : IAsyncLifetime
{
    private FakeGatewayServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGatewayServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EndorseAsync_GatewayErrorWithDetails_ThrowsEndorseExceptionWithEveryDetail()
    {
        _server.OnEndorse = (_, _) => throw FakeGatewayServer.Failure(
            StatusCode.Aborted, "failed to endorse transaction, see attached details for more info",
            ("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 500, no such patient"),
            ("peer0.org2.example.com:9051", "Org2MSP", "chaincode response 500, no such patient"));
        using var gateway = Connect();
        var proposal = gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn");

        var error = await Assert.ThrowsAsync<EndorseException>(() => proposal.EndorseAsync().WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(proposal.TransactionId, error.TransactionId);
        Assert.Equal(GatewayOperation.Endorse, error.Operation);
        Assert.Equal(
            [new ErrorDetail("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 500, no such patient"), new ErrorDetail("peer0.org2.example.com:9051", "Org2MSP", "chaincode response 500, no such patient")],
            error.Details);
        Assert.Contains("Org2MSP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_SlowGateway_ThrowsTimeoutNamingStageWithinTimeout()
    {
        _server.OnEvaluate = async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
            return new EvaluateResponse();
        };
        using var gateway = Connect(o => o with { EvaluateTimeout = TimeSpan.FromMilliseconds(300) });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short));

        Assert.True(error.IsTimeout);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
        Assert.StartsWith("Evaluate timed out after 300ms", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task EndorseAsync_SlowGateway_ThrowsEndorseExceptionNamingStageWithinTimeout()
    {
        // The gateway answers only when the call's deadline has cancelled it, so the client's deadline always wins
        // (a dev network can answer inside a millisecond deadline when the client's timer runs late).
        _server.OnEndorse = async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
            return new EndorseResponse();
        };
        using var gateway = Connect(o => o with { EndorseTimeout = TimeSpan.FromMilliseconds(300) });
        var proposal = gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn");
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<EndorseException>(() => proposal.EndorseAsync().WithTimeout(TestTimeouts.Short));

        Assert.True(error.IsTimeout);
        Assert.Equal(proposal.TransactionId, error.TransactionId);
        Assert.StartsWith("Endorse timed out after 300ms", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SubmitAsync_SlowGateway_ThrowsSubmitExceptionThatMayHaveCommitted()
    {
        _server.OnEndorse = (request, _) => Task.FromResult(new EndorseResponse { PreparedTransaction = Envelopes.Prepared(request.ChannelId, request.TransactionId, "r") });
        _server.OnSubmit = async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
            return new SubmitResponse();
        };
        using var gateway = Connect(o => o with { SubmitTimeout = TimeSpan.FromSeconds(1) });
        var transaction = await gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn").EndorseAsync().WithTimeout(TestTimeouts.Short);

        var error = await Assert.ThrowsAsync<SubmitException>(() => transaction.SubmitAsync().WithTimeout(TestTimeouts.Short));

        Assert.True(error.IsTimeout);
        Assert.True(error.MayHaveCommitted);
        Assert.Equal(transaction.TransactionId, error.TransactionId);
        Assert.StartsWith("Submit timed out after 1s", error.Message, StringComparison.Ordinal);
        Assert.Contains("check its status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_GatewayRejects_ThrowsSubmitExceptionThatDidNotCommit()
    {
        _server.OnEndorse = (request, _) => Task.FromResult(new EndorseResponse { PreparedTransaction = Envelopes.Prepared(request.ChannelId, request.TransactionId, "r") });
        _server.OnSubmit = (_, _) => throw FakeGatewayServer.Failure(StatusCode.Aborted, "received unsuccessful response from orderer: status=BAD_REQUEST");
        using var gateway = Connect();
        var transaction = await gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn").EndorseAsync().WithTimeout(TestTimeouts.Short);

        var error = await Assert.ThrowsAsync<SubmitException>(() => transaction.SubmitAsync().WithTimeout(TestTimeouts.Short));

        Assert.False(error.MayHaveCommitted);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
    }

    [Fact]
    public async Task GetStatusAsync_SlowGateway_ThrowsCommitStatusException()
    {
        _server.OnCommitStatus = async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
            return new CommitStatusResponse();
        };
        using var gateway = Connect(o => o with { CommitStatusTimeout = TimeSpan.FromMilliseconds(500) });

        var error = await Assert.ThrowsAsync<CommitStatusException>(() => gateway.GetNetwork("ch").GetTransactionStatusAsync("tx1").WithTimeout(TestTimeouts.Short));

        Assert.Equal("tx1", error.TransactionId);
        Assert.True(error.IsTimeout);
        Assert.True(error.MayHaveCommitted);
        Assert.StartsWith("CommitStatus timed out after 500ms (transaction tx1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_CancelledToken_ThrowsOperationCanceledExceptionUnwrapped()
    {
        _server.OnEvaluate = async (_, context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
            return new EvaluateResponse();
        };
        using var gateway = Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn", Array.Empty<string>(), cts.Token).WithTimeout(TestTimeouts.Short));

        Assert.Equal(cts.Token, error.CancellationToken);
    }

    [Fact]
    public async Task EvaluateAsync_AlreadyCancelledToken_ThrowsOperationCanceledException()
    {
        using var gateway = Connect();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn", Array.Empty<string>(), cts.Token).WithTimeout(TestTimeouts.Short));
        Assert.Empty(_server.Evaluations);
    }

    [Fact]
    public async Task EvaluateAsync_UnreachableEndpoint_ThrowsUnavailableQuickly()
    {
        var (identity, signer) = TestIdentities.CreateClient();
        using var gateway = Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = "http://127.0.0.1:1" }] });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync("fn").WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(GatewayOperation.Evaluate, error.Operation);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SubmitAsync_UnreachableEndpoint_ThrowsSubmitExceptionThatDidNotCommit()
    {
        var (identity, signer) = TestIdentities.CreateClient();
        _server.OnEndorse = (request, _) => Task.FromResult(new EndorseResponse { PreparedTransaction = Envelopes.Prepared(request.ChannelId, request.TransactionId, "r") });
        using var endorsing = Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = _server.Address }] });
        var transaction = await endorsing.GetNetwork("ch").GetContract("cc").NewProposal("fn").EndorseAsync().WithTimeout(TestTimeouts.Short);
        using var unreachable = Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = "http://127.0.0.1:1" }] });
        var restored = unreachable.NewTransaction(transaction.Bytes);

        var error = await Assert.ThrowsAsync<SubmitException>(() => restored.SubmitAsync().WithTimeout(TestTimeouts.Short));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.False(error.MayHaveCommitted);
    }

    private IGateway Connect(Func<GatewayOptions, GatewayOptions>? configure = null)
    {
        var (identity, signer) = TestIdentities.CreateClient();
        var options = new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = _server.Address }] };
        return Gateway.Connect(configure is null ? options : configure(options));
    }
}
