using System.Text;
using Hyperledger.Fabric.Shim.Tests.Infrastructure;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Tests;

/// <summary>The read cache and multi-key reads with a Fabric 2.5 peer (empty READY): single requests only.</summary>
public sealed class ChaincodeStubRoundTripTests : StubConversation
{
    [Fact]
    public async Task GetState_SameKeyTwice_AsksThePeerOnce()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            var first = await stub.GetStateAsync("a");
            var second = await stub.GetStateAsync("a");
            return Encoding.UTF8.GetString(first!) + Encoding.UTF8.GetString(second!);
        });

        Assert.Equal("11", result);
        Assert.Equal([MessageType.GetState], requests.Select(r => r.Type));
    }

    [Fact]
    public async Task GetState_AfterOwnPut_StillReturnsTheCommittedValue()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            await stub.PutStateAsync("a", "changed"u8.ToArray());
            var read = await stub.GetStateAsync("a");
            var again = await stub.GetStateAsync("a");
            return Encoding.UTF8.GetString(read!) + "|" + Encoding.UTF8.GetString(again!);
        });

        Assert.Equal("1|1", result);
        Assert.Equal([MessageType.PutState, MessageType.GetState], requests.Select(r => r.Type));
    }

    [Fact]
    public async Task GetState_CallerChangesReturnedArray_CachedValueStaysCommitted()
    {
        var (result, _) = await RunAsync(async stub =>
        {
            var first = await stub.GetStateAsync("a");
            first![0] = (byte)'x';
            return Encoding.UTF8.GetString((await stub.GetStateAsync("a"))!);
        });

        Assert.Equal("1", result);
    }

    [Fact]
    public async Task ClientIdentity_SameCreatorInTwoTransactions_ParsedOnce()
    {
        using var alice = TestIdentity.Create("Org1MSP", "alice-cached", new Dictionary<string, string> { ["hrec.role"] = "patient" });
        var seen = new List<ClientIdentity>();
        Body = stub =>
        {
            lock (seen)
            {
                seen.Add(stub.ClientIdentity);
            }

            return Task.FromResult(string.Empty);
        };

        foreach (var _ in new[] { 1, 2 })
        {
            var (proposal, txId, _) = alice.Propose("healthrecords", ["fn"]);
            await Peer.SendTransactionAsync(txId, ["fn"], proposal);
            Assert.Equal(MessageType.Completed, (await Peer.ServeAsync(txId, Ledger.Respond)).Type);
        }

        Assert.Equal(2, seen.Count);
        Assert.Same(seen[0], seen[1]);
        Assert.Equal("patient", seen[1].GetAttributeValue("hrec.role"));
    }

    [Fact]
    public async Task GetMultipleStates_Fabric25Peer_OneGetStatePerDistinctUncachedKey()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            await stub.GetStateAsync("b");
            var values = await stub.GetMultipleStatesAsync(["a", "b", "zz", "a"]);
            return string.Join(",", values.Select(v => v is null ? "null" : Encoding.UTF8.GetString(v)));
        });

        Assert.Equal("1,2,null,1", result);
        Assert.Equal(["b", "a", "zz"], requests.Select(r => GetState.Parser.ParseFrom(r.Payload).Key));
        Assert.All(requests, r => Assert.Equal(MessageType.GetState, r.Type));
    }
}

/// <summary>Multi-key reads and write batching with a Fabric 3.x peer that announced them (at most 2 each) in READY.</summary>
public sealed class ChaincodeStubBatchingTests : StubConversation
{
    protected override ByteString ReadyPayload => new ChaincodeAdditionalParams
    {
        UseWriteBatch = true, MaxSizeWriteBatch = 2, UseGetMultipleKeys = true, MaxSizeGetMultipleKeys = 2,
    }.ToByteString();

    [Fact]
    public async Task GetMultipleStates_Fabric3Peer_OneRequestPerMaxKeysThenCached()
    {
        var (result, requests) = await RunAsync(async stub =>
        {
            var values = await stub.GetMultipleStatesAsync(["a", "b", "zz"]);
            var cached = await stub.GetStateAsync("zz");
            return string.Join(",", values.Select(v => v is null ? "null" : Encoding.UTF8.GetString(v))) + "|" + (cached is null);
        });

        Assert.Equal("1,2,null|True", result);
        Assert.Equal([MessageType.GetStateMultiple, MessageType.GetStateMultiple], requests.Select(r => r.Type));
        Assert.Equal(["a", "b"], GetStateMultiple.Parser.ParseFrom(requests[0].Payload).Keys);
        Assert.Equal(["zz"], GetStateMultiple.Parser.ParseFrom(requests[1].Payload).Keys);
    }

    [Fact]
    public async Task Writes_Fabric3Peer_SentAsBatchesBeforeCompletedLastWriteWinning()
    {
        var (_, requests) = await RunAsync(async stub =>
        {
            await stub.PutStateAsync("n", "first"u8.ToArray());
            await stub.DeleteStateAsync("b");
            await stub.PutStateAsync("n", "second"u8.ToArray());
            await stub.PutStateAsync("m", "other"u8.ToArray());
            return string.Empty;
        });

        Assert.Equal([MessageType.WriteBatchState, MessageType.WriteBatchState], requests.Select(r => r.Type));
        var records = requests.SelectMany(r => WriteBatchState.Parser.ParseFrom(r.Payload).Rec).ToList();
        Assert.Equal(["n", "b", "m"], records.Select(r => r.Key));
        Assert.Equal("second", records[0].Value.ToStringUtf8());
        Assert.Equal(WriteRecord.Types.Type.DelState, records[1].Type);
        Assert.Equal("second", Encoding.UTF8.GetString(Ledger.Get("n")!));
        Assert.Null(Ledger.Get("b"));
    }

    [Fact]
    public async Task Writes_FunctionFails_NoBatchIsSent()
    {
        var txId = "tx-failing";
        Body = async stub =>
        {
            await stub.PutStateAsync("n", "lost"u8.ToArray());
            throw new InvalidOperationException("refused");
        };

        var final = await Peer.RunAsync(txId, ["f"], Ledger.Respond);

        Assert.Equal(MessageType.Completed, final.Type);
        Assert.Equal(500, Response.Parser.ParseFrom(final.Payload).Status);
        Assert.DoesNotContain(Peer.Received, m => m.Txid == txId && m.Type == MessageType.WriteBatchState);
    }
}
