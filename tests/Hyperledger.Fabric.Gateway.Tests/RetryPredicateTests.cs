using System.Text.Json;
using Hyperledger.Fabric.Gateway.Resilience;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Polly;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>
/// Which endorse failures are safe to resubmit, against a scripted Gateway that answers with the exact
/// statuses and details real Fabric gives (../shared/fabric-reference/errors.json), over real sockets.
/// </summary>
public sealed class RetryPredicateTests : IAsyncLifetime
{
    private const string Mismatch = "failed to collect enough transaction endorsements, see attached details for more info";

    private FakeGatewayServer _server = null!;

    public static TheoryData<string, string> RealEndorseErrors()
    {
        var path = Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", "errors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var data = new TheoryData<string, string>();
        foreach (var entry in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (entry.TryGetProperty("errorClass", out var kind) && kind.GetString() == "EndorseError")
            {
                data.Add(entry.GetProperty("fabricVersion").GetString()!, entry.GetProperty("case").GetString()!);
            }
        }

        return data;
    }

    public async Task InitializeAsync() => _server = await FakeGatewayServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(RealEndorseErrors))]
    public async Task IsEndorsementMismatch_RealFabricEndorseError_IsFalse(string fabricVersion, string name)
    {
        var failure = RealCase(fabricVersion, name);
        _server.OnEndorse = (_, _) => throw failure;

        var error = await EndorseFailureAsync();

        Assert.False(GatewayRetryPredicates.IsEndorsementMismatch(error));
        Assert.False(GatewayRetryPredicates.IsUnappliedSubmitFailure(error));
    }

    [Fact]
    public async Task IsEndorsementMismatch_PeersReturnedDifferentPayloads_IsTrue()
    {
        _server.OnEndorse = (_, _) => throw FakeGatewayServer.Failure(
            StatusCode.Aborted, Mismatch, ("peer0.org2.example.com:9051", "Org2MSP", "ProposalResponsePayloads do not match"));

        var error = await EndorseFailureAsync();

        Assert.True(GatewayRetryPredicates.IsEndorsementMismatch(error));
        Assert.True(GatewayRetryPredicates.IsUnappliedSubmitFailure(error));
    }

    [Fact]
    public async Task IsEndorsementMismatch_MismatchAndChaincodeRefusal_IsFalse()
    {
        _server.OnEndorse = (_, _) => throw FakeGatewayServer.Failure(
            StatusCode.Aborted,
            Mismatch,
            ("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 403, FORBIDDEN: Access denied (no-consent)"),
            ("peer0.org2.example.com:9051", "Org2MSP", "ProposalResponsePayloads do not match"));

        var error = await EndorseFailureAsync();

        Assert.False(GatewayRetryPredicates.IsEndorsementMismatch(error));
    }

    [Fact]
    public async Task AddResubmitOnEndorsementMismatch_MismatchTwice_CommitsThirdNewProposal()
    {
        var attempts = 0;
        _server.OnEndorse = (request, _) => Interlocked.Increment(ref attempts) <= 2
            ? throw FakeGatewayServer.Failure(StatusCode.Aborted, Mismatch, ("peer0.org2.example.com:9051", "Org2MSP", "ProposalResponsePayloads do not match"))
            : Task.FromResult(new EndorseResponse { PreparedTransaction = Envelopes.Prepared(request.ChannelId, request.TransactionId, "done") });
        using var gateway = Connect();
        var contract = gateway.GetNetwork("ch").GetContract("cc");
        var retried = new List<Exception>();
        var pipeline = new ResiliencePipelineBuilder()
            .AddResubmitOnEndorsementMismatch(new GatewayRetryOptions { Delay = TimeSpan.FromMilliseconds(10), OnRetry = (_, e) => retried.Add(e) })
            .Build();

        var result = await contract.SubmitIdempotentAsync(pipeline, "fn", new ProposalOptions().WithArguments("a")).WithTimeout();

        Assert.Equal("done", System.Text.Encoding.UTF8.GetString(result.Span));
        Assert.Equal(2, retried.Count);
        Assert.Equal(3, _server.Endorsements.Select(e => e.TransactionId).Distinct().Count());
        Assert.Single(_server.Submissions);
    }

    [Fact]
    public async Task AddResubmitOnEndorsementMismatch_ChaincodeRefusal_IsNotRetried()
    {
        _server.OnEndorse = (_, _) => throw FakeGatewayServer.Failure(
            StatusCode.Aborted, "failed to endorse transaction, see attached details for more info", ("peer0.org1.example.com:7051", "Org1MSP", "chaincode response 400, INVALID_ARGUMENT: bad"));
        using var gateway = Connect();
        var contract = gateway.GetNetwork("ch").GetContract("cc");
        var pipeline = new ResiliencePipelineBuilder().AddResubmitOnEndorsementMismatch(new GatewayRetryOptions { Delay = TimeSpan.FromMilliseconds(10) }).Build();

        await Assert.ThrowsAsync<EndorseException>(() => contract.SubmitIdempotentAsync(pipeline, "fn", new ProposalOptions()).WithTimeout());

        Assert.Single(_server.Endorsements);
    }

    private static RpcException RealCase(string fabricVersion, string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "..", "shared", "fabric-reference", "errors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var entry = document.RootElement.GetProperty("cases").EnumerateArray()
            .First(c => c.GetProperty("fabricVersion").GetString() == fabricVersion && c.GetProperty("case").GetString() == name);
        var message = entry.GetProperty("cause").GetProperty("details").GetString()!;
        var details = entry.GetProperty("details").EnumerateArray()
            .Select(d => (d.GetProperty("address").GetString()!, d.GetProperty("mspId").GetString()!, d.GetProperty("message").GetString()!))
            .ToArray();
        return FakeGatewayServer.Failure((StatusCode)entry.GetProperty("grpcCode").GetInt32(), message, details);
    }

    private async Task<EndorseException> EndorseFailureAsync()
    {
        using var gateway = Connect();
        var proposal = gateway.GetNetwork("ch").GetContract("cc").NewProposal("fn");
        return await Assert.ThrowsAsync<EndorseException>(() => proposal.EndorseAsync().WithTimeout(TestTimeouts.Short));
    }

    private IGateway Connect()
    {
        var (identity, signer) = TestIdentities.CreateClient();
        return Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = _server.Address }] });
    }
}
