using Fabric.DevNetwork.Tests.Network.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using Status = Hyperledger.Fabric.Protos.Common.Status;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// The orderer's Broadcast over real sockets, with the statuses of Fabric's broadcast handler and
/// message filters (orderer/common/broadcast, msgprocessor): one response per envelope, and the first
/// refusal ends the stream.
/// </summary>
[Collection(DevNetworkCollection.Name)]
public sealed class OrdererBroadcastTests(DevNetworkFixture fixture)
{
    private const string Org1Peer = "peer0.org1.example.com";

    private DevNetwork Network => fixture.Network;

    [Fact]
    public async Task Broadcast_EndorsedTransaction_SuccessAndEveryPeerCommitsIt()
    {
        using var gateway = new RawGatewayClient(Network, Org1Peer);
        var (proposal, txId) = gateway.CreateProposal("devnetcc", "put", "broadcast-direct", "b");
        var endorsed = await gateway.EndorseAsync(proposal, txId).WithTimeout();
        using var orderer = new RawOrdererClient(Network);

        var (responses, _) = await orderer.BroadcastAsync(gateway.SignEnvelope(endorsed.PreparedTransaction)).WithTimeout();

        Assert.Equal(Status.Success, Assert.Single(responses).Status);
        foreach (var peer in Network.Peers)
        {
            var commit = await Network.GetPeerLedger(peer.Name).WaitForCommitAsync(txId).WithTimeout();
            Assert.Equal(TxValidationCode.Valid, commit.Code);
        }
    }

    [Fact]
    public async Task Broadcast_PeerRoleCreator_ForbiddenByWritersAndTheStreamEnds()
    {
        var peer = Network.Crypto.GetOrganization("Org1MSP").Nodes[0];
        using var orderer = new RawOrdererClient(Network, "Org1MSP", peer.SigningCertificatePath, peer.PrivateKeyPath);
        var envelope = orderer.Signed(HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("a transaction"));

        var (responses, ended) = await orderer.BroadcastAsync(envelope, envelope).WithTimeout();

        var response = Assert.Single(responses);
        Assert.Equal(Status.Forbidden, response.Status);
        Assert.Contains("'Writers' sub-policies", response.Info, StringComparison.Ordinal);
        Assert.True(ended);
    }

    [Fact]
    public async Task Broadcast_BadSignature_Forbidden()
    {
        using var orderer = new RawOrdererClient(Network);
        var envelope = orderer.Signed(HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("a transaction"));
        envelope.Signature = orderer.Sign(ByteString.CopyFromUtf8("other bytes"));

        var (responses, _) = await orderer.BroadcastAsync(envelope).WithTimeout();

        Assert.Equal(Status.Forbidden, Assert.Single(responses).Status);
    }

    [Fact]
    public async Task Broadcast_EmptyMessage_BadRequest()
    {
        using var orderer = new RawOrdererClient(Network);

        var (responses, _) = await orderer.BroadcastAsync(new Envelope()).WithTimeout();

        var response = Assert.Single(responses);
        Assert.Equal(Status.BadRequest, response.Status);
        Assert.Equal("Message was empty", response.Info);
    }

    [Fact]
    public async Task Broadcast_UnknownChannel_BadRequestAsWithoutASystemChannel()
    {
        using var orderer = new RawOrdererClient(Network);
        var envelope = orderer.Signed(HeaderType.EndorserTransaction, ByteString.CopyFromUtf8("a transaction"), channelId: "otherchannel");

        var (responses, _) = await orderer.BroadcastAsync(envelope).WithTimeout();

        var response = Assert.Single(responses);
        Assert.Equal(Status.BadRequest, response.Status);
        Assert.Equal("channel creation request not allowed because the orderer system channel is not defined", response.Info);
    }

    [Fact]
    public async Task Broadcast_ConfigEnvelope_BadRequest()
    {
        using var orderer = new RawOrdererClient(Network);
        var envelope = orderer.Signed(HeaderType.Config, new ConfigEnvelope().ToByteString());

        var (responses, _) = await orderer.BroadcastAsync(envelope).WithTimeout();

        var response = Assert.Single(responses);
        Assert.Equal(Status.BadRequest, response.Status);
        Assert.Equal("message is of type that cannot be processed directly", response.Info);
    }

    [Fact]
    public async Task Broadcast_TwoEndorsedTransactionsOnOneStream_TwoSuccesses()
    {
        using var gateway = new RawGatewayClient(Network, Org1Peer);
        var envelopes = new List<Envelope>();
        var txIds = new List<string>();
        foreach (var key in new[] { "broadcast-stream-1", "broadcast-stream-2" })
        {
            var (proposal, txId) = gateway.CreateProposal("devnetcc", "put", key, "s");
            envelopes.Add(gateway.SignEnvelope((await gateway.EndorseAsync(proposal, txId).WithTimeout()).PreparedTransaction));
            txIds.Add(txId);
        }

        using var orderer = new RawOrdererClient(Network);

        var (responses, ended) = await orderer.BroadcastAsync([.. envelopes]).WithTimeout();

        Assert.Equal([Status.Success, Status.Success], responses.Select(r => r.Status));
        Assert.True(ended);
        foreach (var txId in txIds)
        {
            Assert.Equal(TxValidationCode.Valid, (await Network.Ledger.WaitForCommitAsync(txId).WithTimeout()).Code);
        }
    }
}
