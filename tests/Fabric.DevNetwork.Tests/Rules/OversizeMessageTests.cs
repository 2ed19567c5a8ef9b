using Fabric.DevNetwork.Tests.Network.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Rules;

/// <summary>
/// Limits that protect other users (issue 15, item 10): a message too large for the shared chaincode
/// stream fails only its own transaction, as Fabric fails only that one send; the other users'
/// transactions in flight on the same stream still commit.
/// </summary>
public sealed class OversizeMessageTests : IAsyncLifetime, IDisposable
{
    private const int LoadWorkers = 4;
    private const int MinimumPerWorker = 5;
    private readonly TemporaryDirectory _data = new();
    private readonly CapturingLogs _logs = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync();

    [Fact]
    public async Task OversizeArgument_FailsOnlyItsOwnTransaction_OtherIdentityCommitsAll()
    {
        using var loggerFactory = _logs.CreateFactory();
        await using var network = await DevNetwork.StartAsync(
            DevNetworkFixture.Options(_data.Path, _chaincode!.Address) with { LoggerFactory = loggerFactory }).WithTimeout();
        using var big = new RawGatewayClient(network, "peer0.org1.example.com");
        using var other = new RawGatewayClient(network, "peer0.org2.example.com", "User1", "Org2MSP");
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, LoadWorkers).Select(w => Task.Run(async () =>
        {
            var statuses = new List<TxValidationCode>();
            for (var i = 0; i < MinimumPerWorker || !stop.IsCancellationRequested; i++)
            {
                var (_, status) = await other.SubmitTransactionAsync("devnetcc", "put", $"oversize-load-{w}-{i}", "v");
                statuses.Add(status.Result);
            }

            return statuses;
        })).ToList();

        // The TRANSACTION message carries the argument twice (input and signed proposal): 180 MB > 100 MiB.
        var (huge, hugeTx) = big.CreateProposal("devnetcc", "get", "oversize-none", new string('b', 90 * 1024 * 1024));
        var error = await Assert.ThrowsAsync<RpcException>(() => big.EvaluateAsync(huge, hugeTx)).WithTimeout();
        await stop.CancelAsync();
        var results = await Task.WhenAll(load).WithTimeout();

        var errors = string.Join("\n", _logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message + " " + e.Exception));
        Assert.True(error.StatusCode == StatusCode.Aborted, error.Status + "\n" + errors);
        var details = RawGatewayClient.StatusDetails(error)!.Details.Select(d => d.Unpack<ErrorDetail>()).ToList();
        Assert.NotEmpty(details);
        Assert.All(details, d => Assert.Matches(
            @"^error in simulation: \[[0-9a-f]{8}\] error sending TRANSACTION: trying to send message larger than max \(\d+ vs\. 104857600\)$", d.Message));
        Assert.All(results, statuses =>
        {
            Assert.True(statuses.Count >= MinimumPerWorker);
            Assert.All(statuses, s => Assert.Equal(TxValidationCode.Valid, s));
        });
    }

    public async Task DisposeAsync()
    {
        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();
}
