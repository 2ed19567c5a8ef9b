using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Deliver.Internal;

/// <summary>
/// Fabric's filtered form of a committed block (core/peer/deliverevents.go): per transaction its id, header
/// type and validation code from the block's TRANSACTIONS_FILTER; for endorser transactions the chaincode
/// events without their payload, kept for invalid transactions too. Written from the wire schema alone.
/// </summary>
internal static class FilteredBlocks
{
    public static FilteredBlock From(Block block, string channelId)
    {
        var filtered = new FilteredBlock { ChannelId = channelId, Number = block.Header.Number };
        var metadata = block.Metadata?.Metadata;
        var filter = metadata is { Count: > (int)BlockMetadataIndex.TransactionsFilter } ? metadata[(int)BlockMetadataIndex.TransactionsFilter].Span : [];
        for (var i = 0; i < block.Data.Data.Count; i++)
        {
            // Like Fabric, an entry that does not decode far enough to name its transaction is left out.
            if (Transaction(block.Data.Data[i], i < filter.Length ? (TxValidationCode)filter[i] : TxValidationCode.Valid) is { } transaction)
            {
                filtered.FilteredTransactions.Add(transaction);
            }
        }

        return filtered;
    }

    private static FilteredTransaction? Transaction(ByteString data, TxValidationCode code)
    {
        Payload payload;
        ChannelHeader header;
        try
        {
            payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(data).Payload);
            if (payload.Header is null)
            {
                return null;
            }

            header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        var transaction = new FilteredTransaction { Txid = header.TxId, Type = (HeaderType)header.Type, TxValidationCode = code };
        if (transaction.Type == HeaderType.EndorserTransaction)
        {
            transaction.TransactionActions = Actions(payload.Data);
        }

        return transaction;
    }

    private static FilteredTransactionActions Actions(ByteString transactionBytes)
    {
        var actions = new FilteredTransactionActions();
        Transaction transaction;
        try
        {
            transaction = Hyperledger.Fabric.Protos.Peer.Transaction.Parser.ParseFrom(transactionBytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return actions;
        }

        foreach (var action in transaction.Actions)
        {
            if (Event(action) is { ChaincodeId.Length: > 0 } chaincodeEvent)
            {
                // The payload stays out of filtered blocks: only the event's identity is delivered.
                actions.ChaincodeActions.Add(new FilteredChaincodeAction
                {
                    ChaincodeEvent = new ChaincodeEvent { ChaincodeId = chaincodeEvent.ChaincodeId, TxId = chaincodeEvent.TxId, EventName = chaincodeEvent.EventName },
                });
            }
        }

        return actions;
    }

    private static ChaincodeEvent? Event(TransactionAction action)
    {
        try
        {
            var endorsed = ChaincodeActionPayload.Parser.ParseFrom(action.Payload).Action;
            if (endorsed is null)
            {
                return null;
            }

            var response = ProposalResponsePayload.Parser.ParseFrom(endorsed.ProposalResponsePayload);
            var chaincodeAction = ChaincodeAction.Parser.ParseFrom(response.Extension);
            return chaincodeAction.Events.IsEmpty ? null : ChaincodeEvent.Parser.ParseFrom(chaincodeAction.Events);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
