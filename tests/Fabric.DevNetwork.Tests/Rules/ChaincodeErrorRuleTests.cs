using Fabric.DevNetwork.Tests.Network.Support;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Rules;

/// <summary>
/// Rule 7: a chaincode response at or above 400 is a refusal. Fabric's endorser drops its event, returns
/// nothing but the response from 400 to 499, and an unsigned payload at 500 and above; the gateway
/// reports it as UNKNOWN on evaluate and ABORTED on endorse (../shared/fabric-reference/errors.json).
/// </summary>
[Collection(DevNetworkCollection.Name)]
public sealed class ChaincodeErrorRuleTests(DevNetworkFixture fixture) : IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private readonly RawGatewayClient _client = new(fixture.Network, Org1Peer);

    [Fact]
    public async Task Rule7_Status500AfterWriteAndEvent_PayloadUnsignedWithoutEvent()
    {
        var (proposal, _) = _client.CreateProposal("devnetcc", "refuse", "rule7-500", "500");

        var answer = await Endorser().ProcessProposalAsync(proposal).WithTimeout();

        Assert.Null(answer.Error);
        Assert.Equal(500, answer.Response.Response.Status);
        Assert.Null(answer.Response.Endorsement);
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(answer.Response.Payload).Extension);
        Assert.True(action.Events.IsEmpty, "the refused transaction's event must be dropped");
        Assert.Equal(500, action.Response.Status);
    }

    [Fact]
    public async Task Rule7_Status403AfterWriteAndEvent_OnlyTheResponseIsReturned()
    {
        var (proposal, _) = _client.CreateProposal("devnetcc", "refuse", "rule7-403", "403");

        var answer = await Endorser().ProcessProposalAsync(proposal).WithTimeout();

        Assert.Null(answer.Error);
        Assert.Equal(403, answer.Response.Response.Status);
        Assert.Equal("refused rule7-403", answer.Response.Response.Message);
        Assert.True(answer.Response.Payload.IsEmpty, "a 4xx refusal carries no read-write set or event");
        Assert.Null(answer.Response.Endorsement);
    }

    [Fact]
    public async Task Rule7_Status200_KeepsEventAndSigns()
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "put", "rule7-200", "v");

        var answer = await Endorser().ProcessProposalAsync(proposal).WithTimeout();

        Assert.NotNull(answer.Response.Endorsement);
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(answer.Response.Payload).Extension);
        Assert.Equal(txId, ChaincodeEvent.Parser.ParseFrom(action.Events).TxId);
    }

    [Theory]
    [InlineData("403")]
    [InlineData("500")]
    public async Task Rule7_EvaluateRefusal_UnknownWithChaincodeResponseText(string status)
    {
        var (proposal, txId) = _client.CreateProposal("devnetcc", "refuse", "rule7-eval-" + status, status);

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EvaluateAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal($"evaluate call to endorser returned error: chaincode response {status}, refused rule7-eval-{status}", error.Status.Detail);
        var detail = Assert.Single(Details(error));
        Assert.Equal("Org1MSP", detail.MspId);
        Assert.Equal($"chaincode response {status}, refused rule7-eval-{status}", detail.Message);
    }

    [Theory]
    [InlineData("403")]
    [InlineData("500")]
    public async Task Rule7_EndorseRefusal_AbortedWithGatewayPeerDetailOnly(string status)
    {
        var key = "rule7-endorse-" + status;
        var (proposal, txId) = _client.CreateProposal("devnetcc", "refuse", key, status);

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.EndorseAsync(proposal, txId)).WithTimeout();

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("failed to endorse transaction, see attached details for more info", error.Status.Detail);
        var detail = Assert.Single(Details(error));
        Assert.Equal("Org1MSP", detail.MspId);
        Assert.Equal($"chaincode response {status}, refused {key}", detail.Message);
        Assert.Null(fixture.Network.Ledger.GetSnapshot().GetState("devnetcc", key));
    }

    public void Dispose() => _client.Dispose();

    private Fabric.DevNetwork.Peers.Internal.PeerEndorser Endorser() =>
        fixture.Network.GetPeer(Org1Peer).Endorser ?? throw new InvalidOperationException("peer not running");

    private static IEnumerable<ErrorDetail> Details(RpcException error) =>
        RawGatewayClient.StatusDetails(error)?.Details.Select(d => d.Unpack<ErrorDetail>()) ?? [];
}
