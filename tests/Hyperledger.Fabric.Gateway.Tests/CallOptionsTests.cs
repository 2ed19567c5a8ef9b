using System.Diagnostics;
using System.Globalization;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Per-call options (deadline, headers) on every step, against a scripted Gateway that reports what it received.</summary>
public sealed class CallOptionsTests : IAsyncLifetime
{
    private const string Header = "x-correlation-id";
    private readonly Dictionary<string, string?> _seen = [];
    private FakeGatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeGatewayServer.StartAsync();
        _server.OnEvaluate = (_, context) =>
        {
            Record("evaluate", context);
            return Task.FromResult(new EvaluateResponse { Result = new Response { Status = 200, Payload = DeadlineOf(context) } });
        };
        _server.OnEndorse = (request, context) =>
        {
            Record("endorse", context);
            return Task.FromResult(new EndorseResponse { PreparedTransaction = Envelopes.Prepared(request.ChannelId, request.TransactionId, "r") });
        };
        _server.OnSubmit = (_, context) =>
        {
            Record("submit", context);
            return Task.FromResult(new SubmitResponse());
        };
        _server.OnCommitStatus = (_, context) =>
        {
            Record("commit_status", context);
            return Task.FromResult(new CommitStatusResponse { Result = TxValidationCode.Valid, BlockNumber = 3 });
        };
        _server.OnChaincodeEvents = (_, _, context) =>
        {
            Record("chaincode_events", context);
            return Task.CompletedTask;
        };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryStep_CallOptionsHeaders_ReachServer()
    {
        using var gateway = Connect(o => o);
        var network = gateway.GetNetwork("ch");
        var proposal = network.GetContract("cc").NewProposal("fn");

        await proposal.EvaluateAsync(With("e-1")).WithTimeout(TestTimeouts.Short);
        var transaction = await proposal.EndorseAsync(With("n-2")).WithTimeout(TestTimeouts.Short);
        var submitted = await transaction.SubmitAsync(With("s-3")).WithTimeout(TestTimeouts.Short);
        await submitted.GetStatusAsync(With("c-4")).WithTimeout(TestTimeouts.Short);
        using var cts = new CancellationTokenSource(TestTimeouts.Short);
        await foreach (var _ in network.GetChaincodeEventsAsync("cc", new ChaincodeEventsOptions { CallOptions = With("v-5") }, cts.Token))
        {
        }

        Assert.Equal(
            new Dictionary<string, string?> { ["evaluate"] = "e-1", ["endorse"] = "n-2", ["submit"] = "s-3", ["commit_status"] = "c-4", ["chaincode_events"] = "v-5" },
            _seen);
    }

    [Fact]
    public async Task ContractMethods_ProposalOptionsCallOptions_ReachEveryCallOfTheFlow()
    {
        using var gateway = Connect(o => o);
        var contract = gateway.GetNetwork("ch").GetContract("cc");
        var options = new ProposalOptions { CallOptions = With("flow-1") };

        await contract.SubmitTransactionAsync("fn", options).WithTimeout(TestTimeouts.Short);
        await contract.EvaluateAsync("fn", options).WithTimeout(TestTimeouts.Short);

        Assert.Equal(
            new Dictionary<string, string?> { ["endorse"] = "flow-1", ["submit"] = "flow-1", ["commit_status"] = "flow-1", ["evaluate"] = "flow-1" },
            _seen);
    }

    [Fact]
    public async Task EvaluateAsync_PerCallDeadlineLaterThanDefault_ServerSeesPerCallDeadline()
    {
        using var gateway = Connect(o => o with { EvaluateTimeout = TimeSpan.FromMilliseconds(500) });
        var deadline = DateTime.UtcNow.AddMinutes(2);

        var result = await gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn")
            .EvaluateAsync(new GatewayCallOptions { Deadline = deadline }).WithTimeout(TestTimeouts.Short);

        // grpc-timeout travels as a relative time, so the server's deadline is ours plus the time the request took
        // to reach it (seconds on a loaded machine, within the call's 15 s test timeout). The 500 ms default would
        // give a deadline almost two minutes earlier.
        var seen = DateTime.Parse(System.Text.Encoding.UTF8.GetString(result.Span), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.True(seen > deadline.AddSeconds(-1) && seen < deadline + TestTimeouts.Short, $"the server saw {seen:O} for a deadline of {deadline:O}");
    }

    [Fact]
    public async Task EvaluateAsync_PerCallDeadlineEarlierThanDefault_TimesOutAtPerCallDeadline()
    {
        _server.OnEvaluate = async (_, context) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
            return new EvaluateResponse();
        };
        using var gateway = Connect(o => o with { EvaluateTimeout = TimeSpan.FromMinutes(5) });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GatewayException>(() => gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn")
            .EvaluateAsync(GatewayCallOptions.WithTimeout(TimeSpan.FromMilliseconds(300))).WithTimeout(TestTimeouts.Short));

        Assert.True(error.IsTimeout);
        Assert.InRange(error.Timeout!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(300));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SubmitAsync_Contract_ReturnsWithoutAskingForCommitStatus()
    {
        using var gateway = Connect(o => o);
        var contract = gateway.GetNetwork("ch").GetContract("cc");

        var submitted = await contract.SubmitAsync("fn").WithTimeout(TestTimeouts.Short);
        var askedBefore = _server.StatusRequests.Count;
        var status = await submitted.GetStatusAsync().WithTimeout(TestTimeouts.Short);

        Assert.Equal(0, askedBefore);
        Assert.Single(_server.Submissions);
        Assert.Equal("r", System.Text.Encoding.UTF8.GetString(submitted.Result.Span));
        Assert.Equal(submitted.TransactionId, status.TransactionId);
        Assert.Equal(3UL, status.BlockNumber);
    }

    private static GatewayCallOptions With(string correlationId) => new() { Headers = new Metadata { { Header, correlationId } } };

    private static ByteString DeadlineOf(ServerCallContext context) => ByteString.CopyFromUtf8(context.Deadline.ToString("O", CultureInfo.InvariantCulture));

    private void Record(string step, ServerCallContext context)
    {
        lock (_seen)
        {
            _seen[step] = context.RequestHeaders.GetValue(Header);
        }
    }

    private IGateway Connect(Func<GatewayOptions, GatewayOptions> configure)
    {
        var (identity, signer) = TestIdentities.CreateClient();
        return Gateway.Connect(configure(new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = _server.Address }] }));
    }
}
