using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>Reads the parts of a prepared transaction envelope the client needs.</summary>
internal static class TransactionParts
{
    public static ChannelHeader ChannelHeaderOf(Envelope envelope)
    {
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var header = payload.Header ?? throw new InvalidDataException("the transaction payload has no header");
        return ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
    }

    public static ChaincodeEndorsedAction EndorsedActionOf(Envelope envelope)
    {
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var transaction = Transaction.Parser.ParseFrom(payload.Data);
        if (transaction.Actions.Count == 0)
        {
            throw new InvalidDataException("the prepared transaction has no action");
        }

        var actionPayload = ChaincodeActionPayload.Parser.ParseFrom(transaction.Actions[0].Payload);
        return actionPayload.Action ?? throw new InvalidDataException("the prepared transaction has no endorsed action");
    }

    /// <summary>The chaincode response inside the endorsed proposal response payload.</summary>
    public static Response ResponseOf(ChaincodeEndorsedAction action)
    {
        var responsePayload = ProposalResponsePayload.Parser.ParseFrom(action.ProposalResponsePayload);
        var chaincodeAction = ChaincodeAction.Parser.ParseFrom(responsePayload.Extension);
        return chaincodeAction.Response ?? new Response();
    }
}
