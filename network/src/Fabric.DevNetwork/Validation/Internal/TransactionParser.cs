using System.Security.Cryptography;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// Decodes a block entry (Envelope -> Payload -> Transaction -> ChaincodeActionPayload ->
/// ProposalResponsePayload -> ChaincodeAction -> TxReadWriteSet) with the dev network's own code,
/// mapping each failure to the validation code Fabric gives it. No signatures are checked here.
/// </summary>
internal static class TransactionParser
{
    public static ParsedTransaction Parse(ByteString entry)
    {
        var parsed = new ParsedTransaction();
        if (entry.IsEmpty)
        {
            parsed.Code = TxValidationCode.NilEnvelope;
            return parsed;
        }

        try
        {
            parsed.Envelope = Envelope.Parser.ParseFrom(entry);
            parsed.Payload = Payload.Parser.ParseFrom(parsed.Envelope.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            parsed.Code = TxValidationCode.BadPayload;
            return parsed;
        }

        if (parsed.Payload.Header is null || parsed.Payload.Header.ChannelHeader.IsEmpty || parsed.Payload.Header.SignatureHeader.IsEmpty)
        {
            parsed.Code = TxValidationCode.BadCommonHeader;
            return parsed;
        }

        try
        {
            parsed.ChannelHeader = ChannelHeader.Parser.ParseFrom(parsed.Payload.Header.ChannelHeader);
        }
        catch (InvalidProtocolBufferException)
        {
            parsed.Code = TxValidationCode.BadChannelHeader;
            return parsed;
        }

        try
        {
            parsed.SignatureHeader = SignatureHeader.Parser.ParseFrom(parsed.Payload.Header.SignatureHeader);
        }
        catch (InvalidProtocolBufferException)
        {
            parsed.Code = TxValidationCode.BadCommonHeader;
            return parsed;
        }

        if (parsed.Type == HeaderType.EndorserTransaction)
        {
            parsed.Code = ParseEndorserTransaction(parsed);
        }

        return parsed;
    }

    private static TxValidationCode ParseEndorserTransaction(ParsedTransaction parsed)
    {
        Transaction transaction;
        ChaincodeActionPayload actionPayload;
        try
        {
            transaction = Transaction.Parser.ParseFrom(parsed.Payload!.Data);
            if (transaction.Actions.Count != 1)
            {
                return TxValidationCode.InvalidEndorserTransaction;
            }

            actionPayload = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return TxValidationCode.BadPayload;
        }

        if (actionPayload.Action is null || actionPayload.Action.Endorsements.Count == 0)
        {
            return TxValidationCode.InvalidEndorserTransaction;
        }

        parsed.EndorsedAction = actionPayload.Action;
        ProposalResponsePayload responsePayload;
        try
        {
            responsePayload = ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload);
            parsed.ChaincodeAction = ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
        }
        catch (InvalidProtocolBufferException)
        {
            return TxValidationCode.BadResponsePayload;
        }

        // The endorsements must be for this transaction's proposal: its headers and its proposal payload.
        // Without this check anyone could wrap another client's endorsed proposal in a header of their own.
        if (!ProposalHashMatches(parsed.Payload.Header, actionPayload.ChaincodeProposalPayload, responsePayload.ProposalHash))
        {
            return TxValidationCode.InvalidEndorserTransaction;
        }

        if (string.IsNullOrEmpty(parsed.ChaincodeName))
        {
            return TxValidationCode.InvalidEndorserTransaction;
        }

        try
        {
            var rwSet = TxReadWriteSet.Parser.ParseFrom(parsed.ChaincodeAction.Results);
            parsed.RwSets = rwSet.NsRwset.Select(ns => (ns.Namespace, KVRWSet.Parser.ParseFrom(ns.Rwset))).ToList();
            parsed.Collections = CollectionHashes.FromReadWriteSet(rwSet);
            parsed.HashedRwSets = parsed.Collections.Select(c => (c.HashedNamespace, c.ToStateForm())).ToList();
            if (!parsed.ChaincodeAction.Events.IsEmpty)
            {
                parsed.Event = ChaincodeEvent.Parser.ParseFrom(parsed.ChaincodeAction.Events);
            }
        }
        catch (InvalidProtocolBufferException)
        {
            return TxValidationCode.BadRwset;
        }

        return TxValidationCode.Valid;
    }

    /// <summary>Fabric's proposal hash: SHA-256 of channel header || signature header || proposal payload (without transient data).</summary>
    private static bool ProposalHashMatches(Header header, ByteString proposalPayload, ByteString endorsedHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header.ChannelHeader.Span);
        hash.AppendData(header.SignatureHeader.Span);
        hash.AppendData(proposalPayload.Span);
        return CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), endorsedHash.Span);
    }
}
