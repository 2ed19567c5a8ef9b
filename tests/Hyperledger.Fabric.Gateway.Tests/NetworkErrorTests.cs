using System.Diagnostics;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Each exception type, with its details, provoked on the dev network.</summary>
[Collection(NetworkCollection.Name)]
public sealed class NetworkErrorTests(NetworkFixture fixture)
{
    [Fact]
    public async Task EvaluateTransactionAsync_ChaincodeError_ThrowsGatewayExceptionWithPeerDetail()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        var error = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync("fail", "no such patient").WithTimeout(TestTimeouts.Short));

        Assert.IsNotType<TransactionException>(error);
        Assert.Equal(GatewayOperation.Evaluate, error.Operation);
        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        var detail = Assert.Single(error.Details);
        Assert.Contains("no such patient", detail.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(detail.MspId));
        Assert.False(string.IsNullOrEmpty(detail.Address));
    }

    [Fact]
    public async Task SubmitTransactionAsync_ChaincodeError_ThrowsEndorseExceptionWithTransactionIdAndDetails()
    {
        using var gateway = fixture.Connect();
        var proposal = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName).NewProposal("fail", new ProposalOptions().WithArguments("consent expired"));

        var error = await Assert.ThrowsAsync<EndorseException>(() => proposal.EndorseAsync().WithTimeout(TestTimeouts.Short));

        Assert.Equal(proposal.TransactionId, error.TransactionId);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.NotEmpty(error.Details);
        Assert.All(error.Details, d => Assert.Contains("consent expired", d.Message, StringComparison.Ordinal));
        Assert.Contains(error.Details, d => d.MspId is "Org1MSP" or "Org2MSP");
    }

    [Fact]
    public async Task SubmitTransactionAsync_ReadConflict_ThrowsCommitExceptionWithValidationCode()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("conflict");
        // Both read the same version of the key; whichever commits second is invalid.
        var first = await contract.NewProposal("incr", new ProposalOptions().WithArguments(key)).EndorseAsync().WithTimeout();
        var second = await contract.NewProposal("incr", new ProposalOptions().WithArguments(key)).EndorseAsync().WithTimeout();
        Assert.True((await (await first.SubmitAsync().WithTimeout()).GetStatusAsync().WithTimeout()).Successful);

        var status = await (await second.SubmitAsync().WithTimeout()).GetStatusAsync().WithTimeout();
        var error = new CommitException(status);

        Assert.False(status.Successful);
        Assert.Equal(TxValidationCode.MvccReadConflict, error.Code);
        Assert.Equal(second.TransactionId, error.TransactionId);
        Assert.Contains("MvccReadConflict", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTransactionStatusAsync_UnknownTransaction_ThrowsCommitStatusExceptionAfterTimeout()
    {
        using var gateway = Gateway.Connect(fixture.Options() with { CommitStatusTimeout = TimeSpan.FromSeconds(1) });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<CommitStatusException>(() => gateway.GetNetwork(fixture.Channel).GetTransactionStatusAsync(new string('0', 64)).WithTimeout(TestTimeouts.Short));

        Assert.True(error.IsTimeout);
        Assert.True(error.MayHaveCommitted);
        Assert.Equal(new string('0', 64), error.TransactionId);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SubmitTransactionAsync_CancelledMidFlow_ThrowsOperationCanceledException()
    {
        using var gateway = fixture.Connect();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => contract.SubmitTransactionAsync("put", [NetworkFixture.NewKey("cancel"), "v"], cts.Token).WithTimeout(TestTimeouts.Short));
    }
}
