using System.Security.Cryptography;
using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>Single-key stub calls, proposal data, events and peer errors over the Connect stream.</summary>
public sealed class ChaincodeStubTests : StubConversation
{
    [Fact]
    public async Task StateCalls_GetPutDelete_SendRequestsAndReturnPeerValues()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            var a = await stub.GetStateAsync("a");
            var missing = await stub.GetStateAsync("zz");
            await stub.PutStateAsync("n", "new"u8.ToArray());
            await stub.DeleteStateAsync("b");
            return Encoding.UTF8.GetString(a!) + "|" + (missing is null);
        });

        Assert.Equal("1|True", result);
        Assert.Equal([MessageType.GetState, MessageType.GetState, MessageType.PutState, MessageType.DelState], requests.Select(r => r.Type));
        Assert.Equal("new", PutState.Parser.ParseFrom(requests[2].Payload).Value.ToStringUtf8());
        Assert.Equal("b", DelState.Parser.ParseFrom(requests[3].Payload).Key);
        Assert.Equal("new", Encoding.UTF8.GetString(Ledger.Get("n")!));
        Assert.Null(Ledger.Get("b"));
    }

    [Fact]
    public async Task PrivateDataCalls_EveryKind_CarryTheCollection()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            await stub.PutPrivateDataAsync("secrets", "p", "hidden"u8.ToArray());
            return string.Empty;
        });
        (result, requests) = await RunAsync(async stub =>
        {
            var value = await stub.GetPrivateDataAsync("secrets", "p");
            var hash = await stub.GetPrivateDataHashAsync("secrets", "p");
            await using (var range = await stub.GetPrivateDataByRangeAsync("secrets", string.Empty, string.Empty))
            {
                await foreach (var kv in range)
                {
                    _ = kv;
                }
            }

            await stub.DeletePrivateDataAsync("secrets", "p");
            await stub.PurgePrivateDataAsync("secrets", "p");
            return Encoding.UTF8.GetString(value!) + "|" + Convert.ToHexStringLower(hash!);
        });

        Assert.Equal("hidden|" + Convert.ToHexStringLower(SHA256.HashData("hidden"u8)), result);
        Assert.Equal(
            [MessageType.GetState, MessageType.GetPrivateDataHash, MessageType.GetStateByRange, MessageType.QueryStateClose, MessageType.DelState, MessageType.PurgePrivateData],
            requests.Select(r => r.Type));
        Assert.Equal("secrets", GetState.Parser.ParseFrom(requests[0].Payload).Collection);
        Assert.Equal("secrets", GetStateByRange.Parser.ParseFrom(requests[2].Payload).Collection);
        Assert.Equal("secrets", DelState.Parser.ParseFrom(requests[5].Payload).Collection);
    }

    [Fact]
    public async Task ValidationParameter_SetThenGet_UsesStateMetadataMessages()
    {
        var policy = new byte[] { 1, 2, 3 };
        var (_, setRequests) = await RunAsync(async stub => { await stub.SetStateValidationParameterAsync("a", policy); return string.Empty; });
        var (result, getRequests) = await RunAsync(async stub =>
        {
            var found = await stub.GetStateValidationParameterAsync("a");
            var none = await stub.GetPrivateDataValidationParameterAsync("secrets", "a");
            return Convert.ToHexString(found!) + "|" + (none is null);
        });

        var put = PutStateMetadata.Parser.ParseFrom(setRequests[0].Payload);
        Assert.Equal(("a", "VALIDATION_PARAMETER"), (put.Key, put.Metadata.Metakey));
        Assert.Equal("010203|True", result);
        Assert.Equal([MessageType.GetStateMetadata, MessageType.GetStateMetadata], getRequests.Select(r => r.Type));
    }

    [Fact]
    public async Task InvokeChaincodeAsync_CalleeCompletes_ReturnsCalleeResponse()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            var response = await stub.InvokeChaincodeAsync("other", [Encoding.UTF8.GetBytes("fn"), Encoding.UTF8.GetBytes("x")], "otherchannel");
            return response.Status + ":" + Encoding.UTF8.GetString(response.Payload.Span);
        });

        Assert.Equal("200:called other/otherchannel with 2 args", result);
        Assert.Equal(MessageType.InvokeChaincode, requests[0].Type);
    }

    [Fact]
    public async Task Proposal_Fields_AreDecodedFromTheSignedProposal()
    {
        using var alice = TestIdentity.Create("Org1MSP", "alice", new Dictionary<string, string> { ["hrec.role"] = "patient" });
        var timestamp = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var (proposal, txId, nonce) = alice.Propose("healthrecords", ["fn", "arg"], new ProposalBuildOptions { Transient = new Dictionary<string, byte[]> { ["secret"] = [9, 9] }, Timestamp = timestamp });
        Body = stub => Task.FromResult(string.Join("|",
            stub.TxId, stub.ChannelId, stub.TxTimestamp.ToUnixTimeSeconds(), stub.ClientIdentity.MspId, stub.ClientIdentity.Id,
            stub.ClientIdentity.GetAttributeValue("hrec.role"), stub.ClientIdentity.AssertAttributeValue("hrec.role", "patient"),
            Convert.ToHexString(stub.Transient["secret"]), Convert.ToHexString(stub.Binding.Span), stub.GetFunctionAndParameters().Parameters[0],
            stub.SignedProposal!.Signature.Length > 0));

        await Peer.SendTransactionAsync(txId, ["fn", "arg"], proposal);
        var final = await Peer.ServeAsync(txId, Ledger.Respond);

        var expectedBinding = SHA256.HashData([.. nonce, .. alice.Identity.ToSerializedIdentity(), 0, 0, 0, 0, 0, 0, 0, 0]);
        var fields = Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8().Split('|');
        Assert.Equal(txId, fields[0]);
        Assert.Equal(FakePeer.Channel, fields[1]);
        Assert.Equal(timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]);
        Assert.Equal("Org1MSP", fields[3]);
        Assert.Equal(alice.Identity.Id, fields[4]);
        Assert.Equal(["patient", "True", "0909", Convert.ToHexString(expectedBinding), "arg", "True"], fields[5..]);
    }

    [Fact]
    public async Task SetEvent_TransactionCompletes_EventSentWithCompleted()
    {
        Body = stub =>
        {
            stub.SetEvent("first", "1"u8.ToArray());
            stub.SetEvent("AssetCreated", "{\"id\":\"a1\"}"u8.ToArray());
            return Task.FromResult("done");
        };

        var txId = "tx-event";
        var final = await Peer.RunAsync(txId, ["f"], Ledger.Respond);

        Assert.Equal("AssetCreated", final.ChaincodeEvent.EventName);
        Assert.Equal("{\"id\":\"a1\"}", final.ChaincodeEvent.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task GetState_PeerAnswersError_ThrowsPeerRequestExceptionWithPeerMessage()
    {
        Ledger.FailingKeys.Add("broken");
        Exception? caught = null;
        Body = async stub =>
        {
            try
            {
                await stub.GetStateAsync("broken");
            }
            catch (PeerRequestException e)
            {
                caught = e;
            }

            return Encoding.UTF8.GetString((await stub.GetStateAsync("a"))!);
        };

        var final = await Peer.RunAsync("tx-err", ["f"], Ledger.Respond);

        var error = Assert.IsType<PeerRequestException>(caught);
        Assert.Equal("scripted failure reading key broken", error.Message);
        Assert.Equal("GET_STATE", error.RequestType);
        Assert.False(error.IsDisconnected);
        Assert.Equal("1", Response.Parser.ParseFrom(final.Payload).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task StubCalls_ConcurrentInOneTransaction_SentOneAtATime()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            var values = await Task.WhenAll(new[] { "a", "b", "c", "d" }.Select(k => stub.GetStateAsync(k)));
            return string.Join(",", values.Select(v => Encoding.UTF8.GetString(v!)));
        });

        Assert.Equal("1,2,3,4", result);
        Assert.Equal(4, requests.Count);
    }
}
