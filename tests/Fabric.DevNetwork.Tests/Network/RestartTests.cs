using Fabric.DevNetwork.Tests.Network.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>Peers stopped and started on their own, and the whole network restarted on its data folder.</summary>
public sealed class RestartTests : IAsyncLifetime, IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private const string Org2Peer = "peer0.org2.example.com";
    private readonly TemporaryDirectory _data = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync();

    [Fact]
    public async Task StopPeerAsync_Org2Stopped_EndorseFailsUntilItIsBackOnTheSamePort()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var port = network.Peers.Single(p => p.Name == Org2Peer).Port;

        await network.StopPeerAsync(Org2Peer).WithTimeout();
        var (proposal, txId) = client.CreateProposal("devnetcc", "put", "stopped", "x");
        var error = await Assert.ThrowsAsync<RpcException>(() => client.EndorseAsync(proposal, txId)).WithTimeout();
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.False(network.Peers.Single(p => p.Name == Org2Peer).IsRunning);

        await network.StartPeerAsync(Org2Peer).WithTimeout();
        var (_, status) = await client.SubmitTransactionAsync("devnetcc", "put", "restarted", "y").WithTimeout();

        Assert.Equal(port, network.Peers.Single(p => p.Name == Org2Peer).Port);
        Assert.Equal(TxValidationCode.Valid, status.Result);
    }

    [Fact]
    public async Task StartAsync_SameDataDirectory_KeepsBlocksStateAndCrypto()
    {
        string txId;
        ulong height;
        string certificate;
        await using (var first = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout())
        {
            using var client = new RawGatewayClient(first, Org1Peer);
            (txId, _) = await client.SubmitTransactionAsync("devnetcc", "put", "durable", "kept").WithTimeout();
            height = first.Ledger.Height;
            certificate = await File.ReadAllTextAsync(first.Crypto.GetOrganization("Org1MSP").GetUser("User1").SigningCertificatePath);
        }

        await using var second = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode.Address)).WithTimeout();
        using var again = new RawGatewayClient(second, Org1Peer);
        var (proposal, evalTxId) = again.CreateProposal("devnetcc", "get", "durable");
        var evaluated = await again.EvaluateAsync(proposal, evalTxId).WithTimeout();

        Assert.Equal(height, second.Ledger.Height);
        Assert.Equal(TxValidationCode.Valid, second.Ledger.FindTransaction(txId)!.Code);
        Assert.Equal("kept", evaluated.Result.Payload.ToStringUtf8());
        Assert.Equal(certificate, await File.ReadAllTextAsync(second.Crypto.GetOrganization("Org1MSP").GetUser("User1").SigningCertificatePath));
        await ChainVerifier.VerifyAsync(second.Ledger);
    }

    [Fact]
    public async Task Endorse_ChaincodeRestarted_PeerReconnects()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        await client.SubmitTransactionAsync("devnetcc", "put", "before-restart", "1").WithTimeout();
        var port = int.Parse(_chaincode.Address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

        await _chaincode.DisposeAsync();
        _chaincode = await NodeChaincode.StartAsync(port: port);
        // The first transaction after the restart may meet the dead stream; the next one redials.
        var (proposal, txId) = client.CreateProposal("devnetcc", "get", "before-restart");
        try
        {
            await client.EvaluateAsync(proposal, txId).WithTimeout();
        }
        catch (RpcException)
        {
        }

        var (_, status) = await client.SubmitTransactionAsync("devnetcc", "put", "after-restart", "2").WithTimeout();

        Assert.Equal(TxValidationCode.Valid, status.Result);
    }

    [Fact]
    public async Task StartAsync_Plaintext_NodeClientSubmitsOverH2c()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address) with { UseTls = false }).WithTimeout();
        using var client = new NodeGatewayClient(network, mspId: "Org2MSP");

        var result = await client.RunAsync("submit", "put", "plain", "text");

        Assert.StartsWith("grpc://", network.Peers[1].Url, StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Endorse_ThreeOrganizationsMajorityPolicy_EndorsedByGatewayOrgAndOneOther()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address) with { OrganizationCount = 3 }).WithTimeout();
        using var client = new RawGatewayClient(network, "peer0.org3.example.com", mspId: "Org3MSP");
        var (proposal, txId) = client.CreateProposal("devnetcc", "put", "three", "orgs");

        var endorsed = await client.EndorseAsync(proposal, txId).WithTimeout();
        await client.SubmitAsync(client.SignEnvelope(endorsed.PreparedTransaction), txId).WithTimeout();
        var status = await client.CommitStatusAsync(txId).WithTimeout();

        Assert.Equal(3, network.Peers.Count);
        var payload = Hyperledger.Fabric.Protos.Common.Payload.Parser.ParseFrom(endorsed.PreparedTransaction.Payload);
        var action = ChaincodeActionPayload.Parser.ParseFrom(Transaction.Parser.ParseFrom(payload.Data).Actions[0].Payload).Action;
        var endorsers = action.Endorsements.Select(e => Hyperledger.Fabric.Identity.X509Identity.FromSerializedIdentity(e.Endorser.Span).MspId).ToList();
        Assert.Equal(2, endorsers.Count);
        Assert.Contains("Org3MSP", endorsers);
        Assert.Equal(TxValidationCode.Valid, status.Result);
    }

    [Fact]
    public async Task Evaluate_ChaincodeUnreachable_AbortedWithConnectionDetailPerPeer()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, $"127.0.0.1:{FreePorts.Next()}")).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "get", "k");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var details = RawGatewayClient.StatusDetails(error)!.Details.Select(d => d.Unpack<Hyperledger.Fabric.Protos.Gateway.ErrorDetail>()).ToList();
        Assert.Equal(2, details.Count);
        Assert.All(details, d => Assert.StartsWith("error in simulation: connection to chaincode devnetcc at", d.Message, StringComparison.Ordinal));
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
