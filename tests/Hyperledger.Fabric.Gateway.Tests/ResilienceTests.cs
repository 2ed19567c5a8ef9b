using System.Text;
using Hyperledger.Fabric.Gateway.Resilience;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using Polly;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>The opt-in Polly pipelines against the dev network (and, for exact failure scripts, a fake gateway).</summary>
[Collection(NetworkCollection.Name)]
public sealed class ResilienceTests(NetworkFixture fixture)
{
    [Fact]
    public async Task EvaluateRetry_PeerComesBackAfterTransientFailure_Succeeds()
    {
        var key = NetworkFixture.NewKey("retry");
        using var gateway = fixture.Connect(fixture.Org1Peer);
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        await contract.SubmitTransactionAsync("put", key, "back").WithTimeout();
        var retries = new List<Exception>();
        Task? restart = null;
        var pipeline = new ResiliencePipelineBuilder().AddEvaluateRetry(new GatewayRetryOptions
        {
            MaxRetryAttempts = 20,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Constant,
            OnRetry = (attempt, error) =>
            {
                retries.Add(error);
                if (attempt == 0)
                {
                    restart = fixture.Network.StartPeerAsync(fixture.Org1Peer.Name);
                }
            },
        }).Build();

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var result = await contract.EvaluateTransactionAsync(pipeline, "get", [key]).WithTimeout();
            Assert.Equal("back", Encoding.UTF8.GetString(result.Span));
        }

        await restart!.WithTimeout();
        Assert.NotEmpty(retries);
        Assert.All(retries, e => Assert.Equal(StatusCode.Unavailable, Assert.IsType<GatewayException>(e).StatusCode));
    }

    [Fact]
    public async Task EvaluateRetry_PeerStaysDown_StopsAtLimitWithLastFailure()
    {
        using var gateway = fixture.Connect(fixture.Org1Peer);
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var retries = 0;
        var pipeline = new ResiliencePipelineBuilder().AddEvaluateRetry(new GatewayRetryOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(50),
            OnRetry = (_, _) => Interlocked.Increment(ref retries),
        }).Build();

        await using (await fixture.StopPeerAsync(fixture.Org1Peer))
        {
            var error = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync(pipeline, "get", ["k"]).WithTimeout());
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }

        Assert.Equal(2, retries);
    }

    [Fact]
    public async Task EvaluateRetry_ChaincodeError_IsNotRetried()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var retries = 0;
        var pipeline = new ResiliencePipelineBuilder().AddEvaluateRetry(new GatewayRetryOptions { OnRetry = (_, _) => retries++ }).Build();

        await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync(pipeline, "fail", ["bad input"]).WithTimeout());

        Assert.Equal(0, retries);
    }

    [Fact]
    public async Task ResubmitOnReadConflict_IdempotentOperation_CommitsAsNewTransaction()
    {
        using var gateway = fixture.Connect();
        var inner = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var contract = new ConflictingContract(inner, conflicts: 1);
        var key = NetworkFixture.NewKey("resubmit");
        var retries = new List<Exception>();
        var pipeline = new ResiliencePipelineBuilder().AddResubmitOnReadConflict(new GatewayRetryOptions
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(50),
            OnRetry = (_, e) => retries.Add(e),
        }).Build();

        var result = await contract.SubmitIdempotentTransactionAsync(pipeline, "incr", [key]).WithTimeout();

        // The competitor wrote 1; the retry, a new transaction, read it and wrote 2.
        Assert.Equal("2", Encoding.UTF8.GetString(result.Span));
        Assert.Equal(TxValidationCode.MvccReadConflict, Assert.IsType<CommitException>(Assert.Single(retries)).Code);
        Assert.Equal(2, contract.TransactionIds.Count);
        Assert.NotEqual(contract.TransactionIds[0], contract.TransactionIds[1]);
        Assert.Equal(TxValidationCode.MvccReadConflict, (await gateway.GetNetwork(fixture.Channel).GetTransactionStatusAsync(contract.TransactionIds[0]).WithTimeout()).Code);
    }

    [Fact]
    public async Task ResubmitOnReadConflict_ConflictsEveryTime_StopsAtLimit()
    {
        using var gateway = fixture.Connect();
        var contract = new ConflictingContract(gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName), conflicts: 10);
        var pipeline = new ResiliencePipelineBuilder().AddResubmitOnReadConflict(new GatewayRetryOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromMilliseconds(10) }).Build();

        var error = await Assert.ThrowsAsync<CommitException>(() => contract.SubmitIdempotentTransactionAsync(pipeline, "incr", [NetworkFixture.NewKey("resubmit-limit")]).WithTimeout());

        Assert.Equal(TxValidationCode.MvccReadConflict, error.Code);
        Assert.Equal(2, contract.TransactionIds.Count);
        Assert.Equal(contract.TransactionIds[1], error.TransactionId);
    }

    [Fact]
    public async Task CommitStatusRetry_StatusSlowThenAvailable_PollsUntilCommitted()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        var calls = 0;
        server.OnCommitStatus = async (_, context) =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.CancellationToken);
            }

            return new CommitStatusResponse { Result = TxValidationCode.Valid, BlockNumber = 5 };
        };
        var (identity, signer) = TestIdentities.CreateClient();
        using var gateway = Gateway.Connect(new GatewayOptions
        {
            Identity = identity,
            Signer = signer,
            Endpoints = [new GatewayEndpoint { Address = server.Address }],
            CommitStatusTimeout = TimeSpan.FromMilliseconds(300),
        });
        var pipeline = new ResiliencePipelineBuilder().AddCommitStatusRetry(new GatewayRetryOptions { MaxRetryAttempts = 5, Delay = TimeSpan.FromMilliseconds(20) }).Build();

        var status = await gateway.GetNetwork("ch").NewCommit("tx9").GetStatusAsync(pipeline).WithTimeout(TestTimeouts.Short);

        Assert.True(status.Successful);
        Assert.Equal(5UL, status.BlockNumber);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task EvaluateRetry_ScriptedUnavailableTwice_SucceedsOnThirdAttempt()
    {
        await using var server = await FakeGatewayServer.StartAsync();
        var calls = 0;
        server.OnEvaluate = (_, _) => Interlocked.Increment(ref calls) <= 2
            ? throw new RpcException(new Status(StatusCode.Unavailable, "no peers available"))
            : Task.FromResult(new EvaluateResponse { Result = new Response { Status = 200, Payload = Google.Protobuf.ByteString.CopyFromUtf8("third") } });
        var (identity, signer) = TestIdentities.CreateClient();
        using var gateway = Gateway.Connect(new GatewayOptions { Identity = identity, Signer = signer, Endpoints = [new GatewayEndpoint { Address = server.Address }] });
        var pipeline = new ResiliencePipelineBuilder().AddEvaluateRetry(new GatewayRetryOptions { Delay = TimeSpan.FromMilliseconds(10) }).Build();

        var result = await gateway.GetNetwork("ch").GetContract("cc").EvaluateTransactionAsync(pipeline, "fn", []).WithTimeout(TestTimeouts.Short);

        Assert.Equal("third", Encoding.UTF8.GetString(result.Span));
        Assert.Equal(3, calls);
        Assert.Equal(3, server.Evaluations.Select(e => e.TransactionId).Distinct().Count());
    }
}
