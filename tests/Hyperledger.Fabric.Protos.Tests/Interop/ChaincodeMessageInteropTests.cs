using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Queryresult;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Protos.Tests.Interop;

/// <summary>Chaincode stream messages and blocks written by the official Node classes, read field by field.</summary>
public sealed class ChaincodeMessageInteropTests(NodeProtosFixture node) : IClassFixture<NodeProtosFixture>
{
    [Fact]
    public void Parse_NodeGetStateByRange_RangeAndPaginationRead()
    {
        var message = ChaincodeMessage.Parser.ParseFrom(node.NodeBytes("ChaincodeMessage.GetStateByRange"));
        var range = GetStateByRange.Parser.ParseFrom(message.Payload);
        var metadata = QueryMetadata.Parser.ParseFrom(range.Metadata);

        Assert.Equal(ChaincodeMessage.Types.Type.GetStateByRange, message.Type);
        Assert.Equal((Samples.TxId, Samples.Channel), (message.Txid, message.ChannelId));
        Assert.Equal("record~", range.StartKey);
        Assert.Equal("record~\U0010FFFF", range.EndKey);
        Assert.Equal("privateNotes", range.Collection);
        Assert.Equal((10, "bm-1"), (metadata.PageSize, metadata.Bookmark));
    }

    [Fact]
    public void Parse_NodeQueryResponse_ResultsAndMetadataRead()
    {
        var message = ChaincodeMessage.Parser.ParseFrom(node.NodeBytes("ChaincodeMessage.QueryResponse"));
        var response = QueryResponse.Parser.ParseFrom(message.Payload);
        var metadata = QueryResponseMetadata.Parser.ParseFrom(response.Metadata);
        var keys = response.Results.Select(r => KV.Parser.ParseFrom(r.ResultBytes)).ToList();

        Assert.Equal(ChaincodeMessage.Types.Type.Response, message.Type);
        Assert.True(response.HasMore);
        Assert.Equal("iter-1", response.Id);
        Assert.Equal((2, "bm-2"), (metadata.FetchedRecordsCount, metadata.Bookmark));
        Assert.Equal(["r1", "r2"], keys.Select(k => k.Key));
        Assert.Equal("value-r2", keys[1].Value.ToStringUtf8());
        Assert.All(keys, k => Assert.Equal(Samples.Chaincode, k.Namespace));
    }

    [Fact]
    public void Parse_NodeTransactionAndCompleted_ProposalAndEventRead()
    {
        var transaction = ChaincodeMessage.Parser.ParseFrom(node.NodeBytes("ChaincodeMessage.Transaction"));
        var completed = ChaincodeMessage.Parser.ParseFrom(node.NodeBytes("ChaincodeMessage.Completed"));

        Assert.Equal(ChaincodeMessage.Types.Type.Transaction, transaction.Type);
        Assert.Equal("GetRecord", ChaincodeInput.Parser.ParseFrom(transaction.Payload).Args[0].ToStringUtf8());
        Assert.Equal("proposal-signature", transaction.Proposal.Signature.ToStringUtf8());
        Assert.Equal(ChaincodeMessage.Types.Type.Completed, completed.Type);
        Assert.Equal("done", Response.Parser.ParseFrom(completed.Payload).Payload.ToStringUtf8());
        Assert.Equal("RecordAdded", completed.ChaincodeEvent.EventName);
    }

    [Fact]
    public void Parse_NodePutStateMetadata_MetadataEntryRead()
    {
        var message = ChaincodeMessage.Parser.ParseFrom(node.NodeBytes("ChaincodeMessage.PutStateMetadata"));
        var put = PutStateMetadata.Parser.ParseFrom(message.Payload);

        Assert.Equal(ChaincodeMessage.Types.Type.PutStateMetadata, message.Type);
        Assert.Equal(("record~r1", "privateNotes"), (put.Key, put.Collection));
        Assert.Equal("VALIDATION_PARAMETER", put.Metadata.Metakey);
        Assert.Equal("policy", put.Metadata.Value.ToStringUtf8());
    }

    [Fact]
    public void Parse_NodeBlock_HeaderDataAndTransactionsFilterRead()
    {
        var block = Block.Parser.ParseFrom(node.NodeBytes("Block"));
        var signatures = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
        var filter = block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter];

        Assert.Equal(42UL, block.Header.Number);
        Assert.Equal("previous-hash", block.Header.PreviousHash.ToStringUtf8());
        Assert.Equal("data-hash", block.Header.DataHash.ToStringUtf8());
        Assert.Equal(2, block.Data.Data.Count);
        Assert.Equal("envelope-signature", Envelope.Parser.ParseFrom(block.Data.Data[0]).Signature.ToStringUtf8());
        Assert.Equal(5, block.Metadata.Metadata.Count);
        Assert.Equal([(byte)TxValidationCode.Valid, (byte)TxValidationCode.MvccReadConflict], filter.ToByteArray());
        Assert.Equal(3UL, OrdererBlockMetadata.Parser.ParseFrom(signatures.Value).LastConfig.Index);
        Assert.Equal("orderer-signature", Assert.Single(signatures.Signatures).Signature.ToStringUtf8());
    }
}
