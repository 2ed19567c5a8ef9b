using System.Text;
using Hyperledger.Fabric.Gateway.Tests.Support;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Hyperledger.Fabric.Gateway.Tests;

/// <summary>Every contract operation against the dev network (real peers, ordering and the Node fabric-shim chaincode).</summary>
[Collection(NetworkCollection.Name)]
public sealed class ContractTests(NetworkFixture fixture)
{
    [Fact]
    public async Task SubmitTransactionAsync_StringArguments_CommitsAndEvaluateReadsIt()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("string");

        var written = await contract.SubmitTransactionAsync("put", key, "hello").WithTimeout();
        var read = await contract.EvaluateTransactionAsync("get", key).WithTimeout();

        Assert.Equal("hello", Encoding.UTF8.GetString(written.Span));
        Assert.Equal("hello", Encoding.UTF8.GetString(read.Span));
    }

    [Fact]
    public async Task SubmitTransactionAsync_ByteArguments_CommitsAndEvaluateReadsIt()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("bytes");

        await contract.SubmitTransactionAsync("put", [Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes("binary")]).WithTimeout();
        var read = await contract.EvaluateTransactionAsync("get", [Encoding.UTF8.GetBytes(key)]).WithTimeout();

        Assert.Equal("binary", Encoding.UTF8.GetString(read.Span));
    }

    [Fact]
    public async Task NewProposal_StepByStep_EndorseSubmitStatusGivesResultAndValidStatus()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("steps");

        var proposal = contract.NewProposal("incr", new ProposalOptions().WithArguments(key));
        var transaction = await proposal.EndorseAsync().WithTimeout();
        var submitted = await transaction.SubmitAsync().WithTimeout();
        var status = await submitted.GetStatusAsync().WithTimeout();

        Assert.Equal(proposal.TransactionId, transaction.TransactionId);
        Assert.Equal(proposal.TransactionId, submitted.TransactionId);
        Assert.Equal("1", Encoding.UTF8.GetString(transaction.Result.Span));
        Assert.Equal("1", Encoding.UTF8.GetString(submitted.Result.Span));
        Assert.True(status.Successful);
        Assert.Equal(TxValidationCode.Valid, status.Code);
        Assert.Equal(proposal.TransactionId, status.TransactionId);
        Assert.Equal(status.BlockNumber, fixture.Network.Ledger.FindTransaction(proposal.TransactionId)!.BlockNumber);
    }

    [Fact]
    public async Task ProposalEvaluateAsync_DoesNotChangeLedger()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("evaluate");

        var result = await contract.NewProposal("incr", new ProposalOptions().WithArguments(key)).EvaluateAsync().WithTimeout();
        var after = await contract.EvaluateTransactionAsync("get", key).WithTimeout();

        Assert.Equal("1", Encoding.UTF8.GetString(result.Span));
        Assert.Equal(string.Empty, Encoding.UTF8.GetString(after.Span));
    }

    [Fact]
    public async Task SubmitAsync_EndorsingOrganizations_EndorsedByThatOrganization()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var proposal = contract.NewProposal("put", new ProposalOptions { EndorsingOrganizations = ["Org2MSP"] }.WithArguments(NetworkFixture.NewKey("org2"), "v"));

        var transaction = await proposal.EndorseAsync().WithTimeout();
        var status = await (await transaction.SubmitAsync().WithTimeout()).GetStatusAsync().WithTimeout();

        Assert.True(status.Successful);
        var envelope = Hyperledger.Fabric.Protos.Gateway.PreparedTransaction.Parser.ParseFrom(transaction.Bytes.Span).Envelope;
        var payload = Hyperledger.Fabric.Protos.Common.Payload.Parser.ParseFrom(envelope.Payload);
        var action = ChaincodeActionPayload.Parser.ParseFrom(Transaction.Parser.ParseFrom(payload.Data).Actions[0].Payload).Action;
        var endorser = Hyperledger.Fabric.Identity.X509Identity.FromSerializedIdentity(Assert.Single(action.Endorsements).Endorser.Span);
        Assert.Equal("Org2MSP", endorser.MspId);
    }

    [Fact]
    public async Task GetTransactionStatusAsync_CommittedTransaction_ReturnsItsStatus()
    {
        using var gateway = fixture.Connect();
        var network = gateway.GetNetwork(fixture.Channel);
        var proposal = network.GetContract(NetworkFixture.ChaincodeName).NewProposal("put", new ProposalOptions().WithArguments(NetworkFixture.NewKey("lookup"), "v"));
        var submitted = await (await proposal.EndorseAsync().WithTimeout()).SubmitAsync().WithTimeout();
        var direct = await submitted.GetStatusAsync().WithTimeout();

        using var other = fixture.Connect(fixture.Org2Peer);
        var looked = await other.GetNetwork(fixture.Channel).GetTransactionStatusAsync(proposal.TransactionId).WithTimeout();

        Assert.Equal(direct, looked);
    }

    [Fact]
    public async Task SubmitTransactionAsyncAndEvaluateAsync_ProposalOptions_RoundTripThroughLedger()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("options");
        using var cts = new CancellationTokenSource(TestTimeouts.Long);

        await contract.SubmitTransactionAsync("put", new ProposalOptions
        {
            Arguments = [Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes("with options")],
            TransientData = new Dictionary<string, ReadOnlyMemory<byte>> { ["ignored"] = new byte[] { 1 } },
        }, cts.Token);
        var read = await contract.EvaluateAsync("get", new ProposalOptions().WithArguments(key), cts.Token);
        var again = await contract.EvaluateTransactionAsync("get", [key], cts.Token);

        Assert.Equal("with options", Encoding.UTF8.GetString(read.Span));
        Assert.Equal(read.ToArray(), again.ToArray());
    }

    [Fact]
    public async Task SubmitAsync_DevNetwork_ReturnsSubmittedTransactionWhoseStatusCommits()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName);
        var key = NetworkFixture.NewKey("submit-async");

        var submitted = await contract.SubmitAsync("put", new ProposalOptions().WithArguments(key, "not waited for")).WithTimeout();
        var status = await submitted.GetStatusAsync().WithTimeout();
        var read = await contract.EvaluateTransactionAsync("get", key).WithTimeout();

        Assert.Equal("not waited for", Encoding.UTF8.GetString(submitted.Result.Span));
        Assert.Equal(submitted.TransactionId, status.TransactionId);
        Assert.True(status.Successful);
        Assert.Equal("not waited for", Encoding.UTF8.GetString(read.Span));
    }

    [Fact]
    public async Task GetContract_ContractName_ReachesChaincodeAsQualifiedFunction()
    {
        using var gateway = fixture.Connect();
        var contract = gateway.GetNetwork(fixture.Channel).GetContract(NetworkFixture.ChaincodeName, "Patients");

        // devnetcc has no contracts: its error names the function it was asked for.
        var error = await Assert.ThrowsAsync<GatewayException>(() => contract.EvaluateTransactionAsync("get", "p1").WithTimeout());

        Assert.Contains(error.Details, d => d.Message.Contains("unknown function Patients:get", StringComparison.Ordinal));
    }
}
