using Google.Protobuf;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>Builds minimal prepared-transaction envelopes for the fake gateway.</summary>
public static class Envelopes
{
    public static Envelope Prepared(string channel, string transactionId, string result)
    {
        var channelHeader = new ChannelHeader { Type = (int)HeaderType.EndorserTransaction, ChannelId = channel, TxId = transactionId };
        var chaincodeAction = new ChaincodeAction { Response = new Response { Status = 200, Payload = ByteString.CopyFromUtf8(result) } };
        var responsePayload = new ProposalResponsePayload { ProposalHash = ByteString.CopyFrom(new byte[32]), Extension = chaincodeAction.ToByteString() };
        var actionPayload = new ChaincodeActionPayload { Action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload.ToByteString() } };
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction { Payload = actionPayload.ToByteString() });
        var payload = new Payload { Header = new Header { ChannelHeader = channelHeader.ToByteString() }, Data = transaction.ToByteString() };
        return new Envelope { Payload = payload.ToByteString() };
    }
}
