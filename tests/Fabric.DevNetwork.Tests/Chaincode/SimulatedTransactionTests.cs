using Fabric.DevNetwork.Chaincode.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Queryresult;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>The peer's answers to a chaincode's state calls and the read-write set they produce.</summary>
public sealed class SimulatedTransactionTests
{
    private const string Ns = "cc";

    [Fact]
    public void Handle_GetStateThenPutState_RecordsVersionedReadAndWriteWithoutReadYourWrites()
    {
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot().With("a", "old", 3, 1));

        Assert.Equal(MessageType.Response, context.Handle(Request(MessageType.PutState, new PutState { Key = "a", Value = ByteString.CopyFromUtf8("new") })).Type);
        var read = context.Handle(Request(MessageType.GetState, new GetState { Key = "a" }));
        var missing = context.Handle(Request(MessageType.GetState, new GetState { Key = "zz" }));
        var rwset = KvSet(context);

        Assert.Equal("old", read.Payload.ToStringUtf8());
        Assert.True(missing.Payload.IsEmpty);
        Assert.Equal(["a", "zz"], rwset.Reads.Select(r => r.Key).ToArray());
        Assert.Equal(new Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = 3, TxNum = 1 }, rwset.Reads[0].Version);
        Assert.Null(rwset.Reads[1].Version);
        Assert.Equal("new", Assert.Single(rwset.Writes).Value.ToStringUtf8());
    }

    [Fact]
    public void Handle_RangeReadToTheEnd_RecordsExhaustedRangeWithRawReads()
    {
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot().With("k1", "1", 1, 0).With("k2", "2", 2, 0).With("m", "x", 2, 1));

        var response = QueryResponse.Parser.ParseFrom(context.Handle(Request(MessageType.GetStateByRange, new GetStateByRange { StartKey = "k", EndKey = "l" })).Payload);
        var range = Assert.Single(KvSet(context).RangeQueriesInfo);

        Assert.False(response.HasMore);
        Assert.Equal(["k1", "k2"], response.Results.Select(r => KV.Parser.ParseFrom(r.ResultBytes).Key).ToArray());
        Assert.True(range.ItrExhausted);
        Assert.Equal("l", range.EndKey);
        Assert.Equal(["k1", "k2"], range.RawReads.KvReads.Select(r => r.Key).ToArray());
    }

    [Fact]
    public void Handle_RangeOfMoreThanOneBatch_PagesByHundredAndClosedEarlyRecordsLastKeyNotExhausted()
    {
        var snapshot = new FakeSnapshot();
        for (var i = 0; i < 150; i++)
        {
            snapshot.With($"k{i:000}", "v", 1, (ulong)i);
        }

        var context = new SimulatedTransaction("ch", "tx1", Ns, snapshot);
        var first = QueryResponse.Parser.ParseFrom(context.Handle(Request(MessageType.GetStateByRange, new GetStateByRange { StartKey = "k", EndKey = "" })).Payload);
        context.Handle(Request(MessageType.QueryStateClose, new QueryStateClose { Id = first.Id }));
        var range = Assert.Single(KvSet(context).RangeQueriesInfo);

        Assert.True(first.HasMore);
        Assert.Equal(100, first.Results.Count);
        Assert.False(range.ItrExhausted);
        Assert.Equal("k100", range.EndKey); // the peer had already read the first key of the next batch
        Assert.Equal(101, range.RawReads.KvReads.Count);
    }

    [Fact]
    public void Handle_PaginatedRange_ReturnsOnePageWithBookmarkOfNextKey()
    {
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot().With("a", "1", 1, 0).With("b", "2", 1, 1).With("c", "3", 1, 2));
        var metadata = new QueryMetadata { PageSize = 2 }.ToByteString();

        var response = QueryResponse.Parser.ParseFrom(context.Handle(Request(MessageType.GetStateByRange, new GetStateByRange { StartKey = "", EndKey = "", Metadata = metadata })).Payload);
        var page = QueryResponseMetadata.Parser.ParseFrom(response.Metadata);

        Assert.False(response.HasMore);
        Assert.Equal(2, response.Results.Count);
        Assert.Equal(2, page.FetchedRecordsCount);
        Assert.Equal("c", page.Bookmark);
    }

    [Fact]
    public void Handle_PutStateWithEmptyValue_RecordedAsDeleteLikeFabric()
    {
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot());

        context.Handle(Request(MessageType.PutState, new PutState { Key = "a", Value = ByteString.Empty }));

        var write = Assert.Single(KvSet(context).Writes);
        Assert.Equal("a", write.Key);
        Assert.True(write.IsDelete);
    }

    [Fact]
    public void Handle_PaginatedRangeAfterWrite_Error()
    {
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot());
        context.Handle(Request(MessageType.PutState, new PutState { Key = "a", Value = ByteString.CopyFromUtf8("1") }));

        var reply = context.Handle(Request(MessageType.GetStateByRange, new GetStateByRange { Metadata = new QueryMetadata { PageSize = 1 }.ToByteString() }));

        Assert.Equal(MessageType.Error, reply.Type);
    }

    [Fact]
    public void Handle_GetQueryResult_ErrorLikeLevelDb()
    {
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot());

        var reply = context.Handle(Request(MessageType.GetQueryResult, new GetQueryResult { Query = "{}" }));

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Equal("ExecuteQuery not supported for leveldb", reply.Payload.ToStringUtf8());
        Assert.Equal("tx1", reply.Txid);
        Assert.Equal("ch", reply.ChannelId);
    }

    [Fact]
    public void Handle_StateMetadataCalls_ReturnEntriesAndRecordMetadataWrite()
    {
        var metadata = new Dictionary<string, ByteString> { ["VALIDATION_PARAMETER"] = ByteString.CopyFromUtf8("policy") };
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot().With("a", "1", 2, 0, metadata));

        var result = StateMetadataResult.Parser.ParseFrom(context.Handle(Request(MessageType.GetStateMetadata, new GetStateMetadata { Key = "a" })).Payload);
        context.Handle(Request(MessageType.PutStateMetadata, new PutStateMetadata { Key = "a", Metadata = new StateMetadata { Metakey = "VALIDATION_PARAMETER", Value = ByteString.CopyFromUtf8("p2") } }));
        var rwset = KvSet(context);

        Assert.Equal("policy", Assert.Single(result.Entries).Value.ToStringUtf8());
        var write = Assert.Single(rwset.MetadataWrites);
        Assert.Equal("a", write.Key);
        Assert.Equal("p2", Assert.Single(write.Entries).Value.ToStringUtf8());
        Assert.Equal("a", Assert.Single(rwset.Reads).Key);
    }

    [Fact]
    public void Handle_HistoryForKey_ReturnsKeyModificationsInLedgerOrder()
    {
        var timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UnixEpoch);
        var snapshot = new FakeSnapshot().WithHistory(
            "a",
            new Fabric.DevNetwork.Ledger.KeyHistoryEntry("t2", ByteString.Empty, timestamp, true, new Fabric.DevNetwork.Ledger.StateVersion(2, 0)),
            new Fabric.DevNetwork.Ledger.KeyHistoryEntry("t1", ByteString.CopyFromUtf8("1"), timestamp, false, new Fabric.DevNetwork.Ledger.StateVersion(1, 0)));
        var context = new SimulatedTransaction("ch", "tx1", Ns, snapshot);

        var response = QueryResponse.Parser.ParseFrom(context.Handle(Request(MessageType.GetHistoryForKey, new GetHistoryForKey { Key = "a" })).Payload);

        var modifications = response.Results.Select(r => KeyModification.Parser.ParseFrom(r.ResultBytes)).ToArray();
        Assert.Equal(["t2", "t1"], modifications.Select(m => m.TxId).ToArray());
        Assert.True(modifications[0].IsDelete);
        Assert.Empty(context.Finish().NsRwset); // history is not part of the read-write set
    }

    [Fact]
    public void Handle_PrivateDataCollection_Error()
    {
        var context = new SimulatedTransaction("ch", "tx1", Ns, new FakeSnapshot());

        var reply = context.Handle(Request(MessageType.PutState, new PutState { Key = "a", Collection = "secret" }));

        Assert.Equal(MessageType.Error, reply.Type);
    }

    private static ChaincodeMessage Request(MessageType type, IMessage payload) =>
        new() { Type = type, Payload = payload.ToByteString(), Txid = "tx1", ChannelId = "ch" };

    private static KVRWSet KvSet(SimulatedTransaction context)
    {
        var rwset = context.Finish();
        return KVRWSet.Parser.ParseFrom(Assert.Single(rwset.NsRwset).Rwset);
    }
}
