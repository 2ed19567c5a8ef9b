using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Queryresult;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>Endorsement results, chaincode stream messages and blocks.</summary>
internal static partial class Samples
{
    public static ProposalResponse ProposalResponse()
    {
        var read = new KVRead { Key = "patient~p1", Version = new Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset.Version { BlockNum = 5, TxNum = 2 } };
        var rangeQuery = new RangeQueryInfo { StartKey = "a", EndKey = "b", ItrExhausted = true, RawReads = new QueryReads() };
        rangeQuery.RawReads.KvReads.Add(read);
        var metadataWrite = new KVMetadataWrite { Key = "record~r1" };
        metadataWrite.Entries.Add(new KVMetadataEntry { Name = "VALIDATION_PARAMETER", Value = Utf8("policy") });
        var kv = new KVRWSet();
        kv.Reads.Add(read);
        kv.RangeQueriesInfo.Add(rangeQuery);
        kv.Writes.Add(new KVWrite { Key = "record~r1", Value = Utf8("{\"hash\":\"abc\"}") });
        kv.Writes.Add(new KVWrite { Key = "old", IsDelete = true });
        kv.MetadataWrites.Add(metadataWrite);
        var ns = new NsReadWriteSet { Namespace = Chaincode, Rwset = kv.ToByteString() };
        ns.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet
        {
            CollectionName = "privateNotes",
            HashedRwset = Utf8("hashed"),
            PvtRwsetHash = Utf8("pvt-hash"),
        });
        var rwset = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        rwset.NsRwset.Add(ns);
        var action = new ChaincodeAction
        {
            Results = rwset.ToByteString(),
            Events = ChaincodeEvent().ToByteString(),
            Response = Response(200, "OK", "result"),
            ChaincodeId = new ChaincodeID { Name = Chaincode, Version = "1.0" },
        };
        var payload = new ProposalResponsePayload { ProposalHash = Utf8("proposal-hash"), Extension = action.ToByteString() };
        var call = new ChaincodeCall { Name = Chaincode, NoPrivateReads = true };
        call.CollectionNames.Add("privateNotes");
        var interest = new ChaincodeInterest();
        interest.Chaincodes.Add(call);
        return new ProposalResponse
        {
            Version = 1,
            Timestamp = Time,
            Response = Response(200, "OK", "result"),
            Payload = payload.ToByteString(),
            Endorsement = new Endorsement { Endorser = Creator(), Signature = Utf8("endorser-signature") },
            Interest = interest,
        };
    }

    public static ChaincodeMessage StreamMessage(ChaincodeMessage.Types.Type type, ByteString payload) => new()
    {
        Type = type,
        Timestamp = Time,
        Payload = payload,
        Txid = TxId,
        ChannelId = Channel,
    };

    public static ChaincodeMessage GetStateByRangeMessage()
    {
        var metadata = new QueryMetadata { PageSize = 10, Bookmark = "bm-1" };
        var range = new GetStateByRange
        {
            StartKey = "record~",
            EndKey = "record~\U0010FFFF",
            Collection = "privateNotes",
            Metadata = metadata.ToByteString(),
        };
        return StreamMessage(ChaincodeMessage.Types.Type.GetStateByRange, range.ToByteString());
    }

    public static ChaincodeMessage QueryResponseMessage()
    {
        var response = new QueryResponse
        {
            HasMore = true,
            Id = "iter-1",
            Metadata = new QueryResponseMetadata { FetchedRecordsCount = 2, Bookmark = "bm-2" }.ToByteString(),
        };
        foreach (var key in new[] { "r1", "r2" })
        {
            var kv = new KV { Namespace = Chaincode, Key = key, Value = Utf8("value-" + key) };
            response.Results.Add(new QueryResultBytes { ResultBytes = kv.ToByteString() });
        }

        return StreamMessage(ChaincodeMessage.Types.Type.Response, response.ToByteString());
    }

    public static ChaincodeMessage TransactionMessage()
    {
        var input = new ChaincodeInput();
        input.Args.Add(Utf8("GetRecord"));
        input.Args.Add(Utf8("r1"));
        var message = StreamMessage(ChaincodeMessage.Types.Type.Transaction, input.ToByteString());
        message.Proposal = SignedProposal();
        return message;
    }

    public static ChaincodeMessage CompletedMessage()
    {
        var message = StreamMessage(ChaincodeMessage.Types.Type.Completed, Response(200, string.Empty, "done").ToByteString());
        message.ChaincodeEvent = ChaincodeEvent();
        return message;
    }

    public static ChaincodeMessage PutStateMetadataMessage()
    {
        var put = new PutStateMetadata
        {
            Key = "record~r1",
            Collection = "privateNotes",
            Metadata = new StateMetadata { Metakey = "VALIDATION_PARAMETER", Value = Utf8("policy") },
        };
        return StreamMessage(ChaincodeMessage.Types.Type.PutStateMetadata, put.ToByteString());
    }

    public static Block Block()
    {
        var signatures = new Metadata
        {
            Value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = 3 } }.ToByteString(),
        };
        signatures.Signatures.Add(new MetadataSignature { SignatureHeader = Utf8("sig-header"), Signature = Utf8("orderer-signature") });
        var block = new Block
        {
            Header = new BlockHeader { Number = 42, PreviousHash = Utf8("previous-hash"), DataHash = Utf8("data-hash") },
            Data = new BlockData(),
            Metadata = new BlockMetadata(),
        };
        block.Data.Data.Add(Envelope().ToByteString());
        block.Data.Data.Add(Utf8("second"));
        block.Metadata.Metadata.Add(signatures.ToByteString());
        block.Metadata.Metadata.Add(ByteString.Empty);
        block.Metadata.Metadata.Add(ByteString.CopyFrom((byte)TxValidationCode.Valid, (byte)TxValidationCode.MvccReadConflict));
        block.Metadata.Metadata.Add(ByteString.Empty);
        block.Metadata.Metadata.Add(ByteString.Empty);
        return block;
    }
}
