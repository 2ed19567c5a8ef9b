using Fabric.DevNetwork.Chaincode.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>Fabric 3.x's batched chaincode calls, answered only when READY offered them.</summary>
public sealed class TransactionContextBatchingTests
{
    private static readonly ChaincodeBatchingOptions Small = new() { MaxWriteBatchSize = 2, MaxGetMultipleKeys = 2 };

    [Fact]
    public void ReadyPayload_Fabric3_IsTheAdditionalParamsOfFabric315()
    {
        // The bytes a 3.1.5 peer sent in READY (shared/fabric-reference, v3.1.5-chaincode-stream-addrecord).
        Assert.Equal(Convert.FromHexString("0801" + "10e807" + "1801" + "20e807"), SimulatedTransaction.ReadyPayload(ChaincodeBatchingOptions.Fabric3).ToByteArray());
        Assert.True(SimulatedTransaction.ReadyPayload(null).IsEmpty);
    }

    [Fact]
    public void Handle_WriteBatch_RecordsPutsDeletesAndMetadataLikeSingleWrites()
    {
        var context = new SimulatedTransaction("ch", "tx1", "cc", new FakeSnapshot(), Small);
        var batch = new WriteBatchState();
        batch.Rec.Add(new WriteRecord { Type = WriteRecord.Types.Type.PutState, Key = "a", Value = ByteString.CopyFromUtf8("1") });
        batch.Rec.Add(new WriteRecord { Type = WriteRecord.Types.Type.DelState, Key = "b" });

        var reply = context.Handle(Request(MessageType.WriteBatchState, batch));
        var rwset = KvSet(context);

        Assert.Equal(MessageType.Response, reply.Type);
        Assert.Equal(["a", "b"], rwset.Writes.Select(w => w.Key));
        Assert.Equal("1", rwset.Writes[0].Value.ToStringUtf8());
        Assert.True(rwset.Writes[1].IsDelete);
    }

    [Fact]
    public void Handle_WriteBatchOverTheAnnouncedMaximum_IsRefused()
    {
        var context = new SimulatedTransaction("ch", "tx1", "cc", new FakeSnapshot(), Small);
        var batch = new WriteBatchState();
        batch.Rec.Add(Enumerable.Range(0, 3).Select(i => new WriteRecord { Type = WriteRecord.Types.Type.PutState, Key = $"k{i}", Value = ByteString.CopyFromUtf8("v") }));

        var reply = context.Handle(Request(MessageType.WriteBatchState, batch));

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Empty(context.Finish().NsRwset);
    }

    [Theory]
    [InlineData(MessageType.WriteBatchState)]
    [InlineData(MessageType.GetStateMultiple)]
    public void Handle_BatchMessageWithFabric25Ready_IsRefusedAsByA25Peer(MessageType type)
    {
        var context = new SimulatedTransaction("ch", "tx1", "cc", new FakeSnapshot().With("a", "1", 1, 0));
        IMessage payload = type == MessageType.WriteBatchState ? new WriteBatchState() : new GetStateMultiple { Keys = { "a" } };

        var reply = context.Handle(Request(type, payload));

        Assert.Equal(MessageType.Error, reply.Type);
        Assert.Contains("cannot handle message", reply.Payload.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_GetStateMultiple_AnswersInOrderAndRecordsEachRead()
    {
        var context = new SimulatedTransaction("ch", "tx1", "cc", new FakeSnapshot().With("a", "1", 4, 2), Small);

        var reply = context.Handle(Request(MessageType.GetStateMultiple, new GetStateMultiple { Keys = { "zz", "a" } }));
        var values = GetStateMultipleResult.Parser.ParseFrom(reply.Payload).Values;

        Assert.Equal(["", "1"], values.Select(v => v.ToStringUtf8()));
        Assert.Equal(["a", "zz"], KvSet(context).Reads.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    private static ChaincodeMessage Request(MessageType type, IMessage payload) =>
        new() { Type = type, Payload = payload.ToByteString(), Txid = "tx1", ChannelId = "ch" };

    private static KVRWSet KvSet(SimulatedTransaction context) =>
        KVRWSet.Parser.ParseFrom(Assert.Single(context.Finish().NsRwset).Rwset);
}
