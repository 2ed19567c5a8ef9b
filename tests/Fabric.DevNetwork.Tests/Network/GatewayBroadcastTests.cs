using Fabric.DevNetwork.Tests.Network.Support;
using Google.Protobuf;
using Grpc.Core;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Network;

/// <summary>
/// The gateway's Submit over the orderer's <c>Broadcast</c> endpoint, as Fabric's gateway submits: the envelope
/// reaches the orderer over the socket, a refusal there comes back ABORTED with the orderer's status and info,
/// and a stopped orderer endpoint gives UNAVAILABLE with the gateway's text and the orderer in the details.
/// </summary>
public sealed class GatewayBroadcastTests : IAsyncLifetime, IDisposable
{
    private const string Org1Peer = "peer0.org1.example.com";
    private readonly TemporaryDirectory _data = new();
    private NodeChaincode? _chaincode;

    public async Task InitializeAsync() => _chaincode = await NodeChaincode.StartAsync();

    [Fact]
    public async Task Submit_EndorsedTransaction_ReachesTheOrderersBroadcastEndpointAndCommits()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var before = network.OrdererEndpoint.Service.BroadcastEnvelopesReceived;

        var (_, status) = await client.SubmitTransactionAsync("devnetcc", "put", "over-broadcast", "b").WithTimeout();

        Assert.Equal(TxValidationCode.Valid, status.Result);
        Assert.Equal(before + 1, network.OrdererEndpoint.Service.BroadcastEnvelopesReceived);
    }

    [Fact]
    public async Task Submit_ConfigTypeEnvelope_AbortedWithTheOrderersBroadcastRefusal()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "put", "config-type", "x");
        var endorsed = await client.EndorseAsync(proposal, txId).WithTimeout();
        var envelope = client.SignEnvelope(new Envelope { Payload = AsConfigType(endorsed.PreparedTransaction.Payload) });
        var before = network.OrdererEndpoint.Service.BroadcastEnvelopesReceived;

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitAsync(envelope, txId)).WithTimeout();

        // the text of Fabric's msgprocessor for a CONFIG envelope, which only the Broadcast filter gives
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("received unsuccessful response from orderer: status=BAD_REQUEST, info=message is of type that cannot be processed directly", error.Status.Detail);
        Assert.Equal(before + 1, network.OrdererEndpoint.Service.BroadcastEnvelopesReceived);
    }

    [Fact]
    public async Task Submit_OrdererEndpointStopped_UnavailableNamingTheOrderer()
    {
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address)).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "put", "orderer-stopped", "x");
        var endorsed = await client.EndorseAsync(proposal, txId).WithTimeout();
        await network.OrdererEndpoint.DisposeAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitAsync(client.SignEnvelope(endorsed.PreparedTransaction), txId)).WithTimeout();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("no orderers could successfully process transaction", error.Status.Detail);
        var detail = Assert.Single(RawGatewayClient.StatusDetails(error)?.Details.Select(d => d.Unpack<ErrorDetail>()) ?? []);
        Assert.Equal("OrdererMSP", detail.MspId);
        Assert.Equal("orderer.example.com:7050", detail.Address);
        Assert.StartsWith("rpc error: code = Unavailable", detail.Message, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_chaincode is not null)
        {
            await _chaincode.DisposeAsync();
        }
    }

    public void Dispose() => _data.Dispose();

    private static ByteString AsConfigType(ByteString payloadBytes)
    {
        var payload = Payload.Parser.ParseFrom(payloadBytes);
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        channelHeader.Type = (int)HeaderType.Config;
        payload.Header.ChannelHeader = channelHeader.ToByteString();
        return payload.ToByteString();
    }
}
