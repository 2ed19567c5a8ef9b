using System.Diagnostics;
using Fabric.DevNetwork.Tests.Network.Support;
using Fabric.DevNetwork.Tests.Rules;
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

    [Fact]
    public async Task Submit_OrdererNeverAnswersWithinTheBroadcastTimeout_UnavailableWithGosDeadlineInTheDetail()
    {
        // Fabric's gateway gives the orderer BroadcastTimeout within the submit's deadline; when that runs out the
        // broadcast error becomes the orderer's detail of UNAVAILABLE (internal/pkg/gateway api.go, Submit)
        var broadcastTimeout = TimeSpan.FromSeconds(2);
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address) with { BroadcastTimeout = broadcastTimeout }).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "put", "orderer-silent", "x");
        var endorsed = await client.EndorseAsync(proposal, txId).WithTimeout();
        var envelope = client.SignEnvelope(endorsed.PreparedTransaction);
        var before = network.OrdererEndpoint.Service.BroadcastEnvelopesReceived;
        network.OrdererEndpoint.Service.StallBroadcast = true;
        var started = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitAsync(envelope, txId, TestTimeouts.Long)).WithTimeout();

        Assert.True(started.Elapsed >= broadcastTimeout - TimeSpan.FromMilliseconds(50), $"answered after {started.Elapsed}, before the broadcast timeout");
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("no orderers could successfully process transaction", error.Status.Detail);
        var detail = Assert.Single(RawGatewayClient.StatusDetails(error)?.Details.Select(d => d.Unpack<ErrorDetail>()) ?? []);
        Assert.Equal("orderer.example.com:7050", detail.Address);
        Assert.Equal("OrdererMSP", detail.MspId);
        Assert.Equal("rpc error: code = DeadlineExceeded desc = context deadline exceeded", detail.Message);
        Assert.Equal(before + 1, network.OrdererEndpoint.Service.BroadcastEnvelopesReceived);

        // the silent orderer ordered nothing: once it answers again, the same envelope is submitted and commits
        network.OrdererEndpoint.Service.StallBroadcast = false;
        await client.SubmitAsync(envelope, txId).WithTimeout();
        Assert.Equal(TxValidationCode.Valid, (await client.CommitStatusAsync(txId).WithTimeout()).Result);
    }

    [Fact]
    public async Task Submit_DeadlineBeforeTheBroadcastTimeout_DeadlineExceededAndNothingOrdered()
    {
        // the submit's own deadline ends the wait first: Fabric's gateway answers DEADLINE_EXCEEDED ("submit timeout
        // expired while broadcasting to ordering service"), which the client sees as its deadline passing
        using var logs = new CapturingLogs();
        using var loggerFactory = logs.CreateFactory();
        await using var network = await DevNetwork.StartAsync(DevNetworkFixture.Options(_data.Path, _chaincode!.Address) with { LoggerFactory = loggerFactory }).WithTimeout();
        using var client = new RawGatewayClient(network, Org1Peer);
        var (proposal, txId) = client.CreateProposal("devnetcc", "put", "submit-deadline", "x");
        var endorsed = await client.EndorseAsync(proposal, txId).WithTimeout();
        var envelope = client.SignEnvelope(endorsed.PreparedTransaction);
        network.OrdererEndpoint.Service.StallBroadcast = true;

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitAsync(envelope, txId, TimeSpan.FromSeconds(5))).WithTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);

        // the client's own deadline hides the gateway's answer; the gateway's log shows it took it as Fabric's does
        using var wait = new CancellationTokenSource(TestTimeouts.Short);
        var timedOut = await logs.WaitForAsync(e => e.EventId == 4004, wait.Token);
        Assert.Contains(txId, timedOut.Message, StringComparison.Ordinal);

        // not ordered: submitted again once the orderer answers, it commits VALID rather than as a duplicate
        network.OrdererEndpoint.Service.StallBroadcast = false;
        await client.SubmitAsync(envelope, txId).WithTimeout();
        Assert.Equal(TxValidationCode.Valid, (await client.CommitStatusAsync(txId).WithTimeout()).Result);
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
