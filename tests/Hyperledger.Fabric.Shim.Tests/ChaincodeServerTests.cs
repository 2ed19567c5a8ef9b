using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>The Connect stream over a real loopback socket, driven by the scripted fake peer.</summary>
public sealed class ChaincodeServerTests
{
    private static readonly DelegateChaincode Echo = new((stub, _) =>
        Task.FromResult(ChaincodeResponse.Success(Encoding.UTF8.GetBytes(string.Join(",", stub.StringArgs)))));

    [Fact]
    public async Task Connect_NewStream_SendsRegisterWithPackageId()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var peer = await FakePeer.ConnectAsync(server.Address, handshake: false);

        var register = await peer.ReceiveAsync(string.Empty);

        Assert.Equal(MessageType.Register, register.Type);
        Assert.Equal(ShimServer.PackageId, ChaincodeID.Parser.ParseFrom(register.Payload).Name);
    }

    [Fact]
    public async Task Transaction_AfterRegisteredAndReady_CompletesWithMarshalledResponse()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        var final = await peer.RunAsync("tx1", ["hello", "world"], _ => FakePeer.Error("no requests expected"));

        Assert.Equal(MessageType.Completed, final.Type);
        Assert.Equal(FakePeer.Channel, final.ChannelId);
        var response = Response.Parser.ParseFrom(final.Payload);
        Assert.Equal(200, response.Status);
        Assert.Equal("hello,world", response.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Init_InitMessage_RunsChaincodeInit()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        await peer.SendTransactionAsync("tx-init", ["anything"], type: MessageType.Init);
        var final = await peer.ReceiveAsync("tx-init");

        Assert.Equal("init", Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Transaction_BeforeReady_IsAnsweredWithError()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var peer = await FakePeer.ConnectAsync(server.Address, handshake: false);
        await peer.ReceiveAsync(string.Empty);

        await peer.SendTransactionAsync("early", ["x"]);
        var error = await peer.ReceiveAsync("early");

        Assert.Equal(MessageType.Error, error.Type);
        Assert.Contains("state: created", error.Payload.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keepalive_FromPeer_IsEchoed()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Keepalive });
        var echo = await peer.ReceiveAsync(string.Empty);

        Assert.Equal(MessageType.Keepalive, echo.Type);
    }

    [Fact]
    public async Task Transaction_UndecodablePayload_IsAnsweredWithErrorAndStreamStaysUp()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Transaction, Txid = "bad", ChannelId = FakePeer.Channel, Payload = ByteString.CopyFrom(0xFF, 0xFF, 0xFF) });
        var error = await peer.ReceiveAsync("bad");
        var after = await peer.RunAsync("good", ["still", "up"], _ => FakePeer.Error("unexpected"));

        Assert.Equal(MessageType.Error, error.Type);
        Assert.Contains("failed to decode", error.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal(200, Response.Parser.ParseFrom(after.Payload).Status);
    }

    [Fact]
    public async Task Transactions_Concurrent_AreCorrelatedByChannelAndTxId()
    {
        // Each transaction reads its own key; the peer answers the second one first.
        var chaincode = new DelegateChaincode(async (stub, ct) =>
        {
            var value = await stub.GetStateAsync(stub.StringArgs[0], ct);
            return ChaincodeResponse.Success(value ?? []);
        });
        await using var server = await ShimServer.StartAsync(chaincode);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        await peer.SendTransactionAsync("same-tx", ["a"]);
        await peer.SendTransactionAsync("same-tx", ["b"], channel: "otherchannel");
        var first = await peer.ReceiveAsync("same-tx");
        var second = await peer.ReceiveAsync("same-tx");
        Assert.Equal(MessageType.GetState, first.Type);
        Assert.Equal(MessageType.GetState, second.Type);
        var requests = new[] { first, second };
        foreach (var request in requests.Reverse())
        {
            var key = GetState.Parser.ParseFrom(request.Payload).Key;
            await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = "same-tx", ChannelId = request.ChannelId, Payload = ByteString.CopyFromUtf8("value-of-" + key) });
        }

        var results = new[] { await peer.ReceiveAsync("same-tx"), await peer.ReceiveAsync("same-tx") }
            .ToDictionary(m => m.ChannelId, m => Response.Parser.ParseFrom(m.Payload).Payload.ToStringUtf8());

        Assert.Equal("value-of-a", results[FakePeer.Channel]);
        Assert.Equal("value-of-b", results["otherchannel"]);
    }

    [Fact]
    public async Task Transactions_ManyInFlight_RunInParallelNotOnTheReceiveLoop()
    {
        const int count = 20;
        var chaincode = new DelegateChaincode(async (stub, ct) =>
        {
            var value = await stub.GetStateAsync("k", ct);
            return ChaincodeResponse.Success(Encoding.UTF8.GetBytes(stub.TxId + ":" + Encoding.UTF8.GetString(value!)));
        });
        await using var server = await ShimServer.StartAsync(chaincode);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        // All transactions are started and all are waiting on GET_STATE at once before any is answered.
        for (var i = 0; i < count; i++)
        {
            await peer.SendTransactionAsync("tx" + i, ["f"]);
        }

        var requests = new List<ChaincodeMessage>();
        for (var i = 0; i < count; i++)
        {
            requests.Add(await peer.ReceiveAsync("tx" + i));
        }

        foreach (var request in requests.AsEnumerable().Reverse())
        {
            await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = request.Txid, ChannelId = request.ChannelId, Payload = ByteString.CopyFromUtf8("v") });
        }

        for (var i = 0; i < count; i++)
        {
            var final = await peer.ReceiveAsync("tx" + i);
            Assert.Equal("tx" + i + ":v", Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8());
        }

        Assert.All(requests, r => Assert.Equal(MessageType.GetState, r.Type));
    }

    [Fact]
    public async Task Connect_TwoPeers_EachGetsItsOwnStream()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var org1 = await FakePeer.ConnectAsync(server.Address);
        await using var org2 = await FakePeer.ConnectAsync(server.Address);

        var first = await org1.RunAsync("tx", ["org1"], _ => FakePeer.Error("unexpected"));
        var second = await org2.RunAsync("tx", ["org2"], _ => FakePeer.Error("unexpected"));

        Assert.Equal("org1", Response.Parser.ParseFrom(first.Payload).Payload.ToStringUtf8());
        Assert.Equal("org2", Response.Parser.ParseFrom(second.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Response_ForUnknownTransaction_IsIgnoredAndStreamStaysUp()
    {
        await using var server = await ShimServer.StartAsync(Echo);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = "nobody", ChannelId = FakePeer.Channel });
        var final = await peer.RunAsync("tx-after", ["fine"], _ => FakePeer.Error("unexpected"));

        Assert.Equal("fine", Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8());
        Assert.DoesNotContain(peer.Received, m => m.Txid == "nobody");
    }

    [Fact]
    public async Task Transaction_DuplicateWhileInFlight_IsAnsweredWithErrorAndOriginalCompletes()
    {
        var chaincode = new DelegateChaincode(async (stub, ct) =>
            ChaincodeResponse.Success(await stub.GetStateAsync("k", ct) ?? []));
        await using var server = await ShimServer.StartAsync(chaincode);
        await using var peer = await FakePeer.ConnectAsync(server.Address);

        await peer.SendTransactionAsync("dup", ["f"]);
        var request = await peer.ReceiveAsync("dup");
        await peer.SendTransactionAsync("dup", ["f"]);
        var rejection = await peer.ReceiveAsync("dup");
        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = "dup", ChannelId = FakePeer.Channel, Payload = ByteString.CopyFromUtf8("v") });
        var final = await peer.ReceiveAsync("dup");

        Assert.Equal(MessageType.GetState, request.Type);
        Assert.Equal(MessageType.Error, rejection.Type);
        Assert.Contains("duplicate transaction", rejection.Payload.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal("v", Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8());
    }
}
