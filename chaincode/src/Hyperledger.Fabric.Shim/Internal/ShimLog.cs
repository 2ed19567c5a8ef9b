using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>The shim's log messages, with stable event ids.</summary>
internal static partial class ShimLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Chaincode server for {ChaincodeId} listening on {Address}")]
    public static partial void ServerStarted(ILogger logger, string chaincodeId, string address);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Peer {Peer} connected; registering as {ChaincodeId}")]
    public static partial void PeerConnected(ILogger logger, string peer, string chaincodeId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Stream with peer {Peer} is ready")]
    public static partial void StreamReady(ILogger logger, string peer);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Stream with peer {Peer} ended; {InFlight} transaction(s) in flight were failed")]
    public static partial void StreamEnded(ILogger logger, string peer, int inFlight);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Stream with peer {Peer} failed")]
    public static partial void StreamFailed(ILogger logger, string peer, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Unexpected {MessageType} for [{ChannelId}/{TxId}] in state {State}")]
    public static partial void UnexpectedMessage(ILogger logger, string messageType, string channelId, string txId, string state);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "[{ChannelId}/{TxId}] {Function} finished with status {Status} after {RoundTrips} round trip(s) to the peer")]
    public static partial void TransactionCompleted(ILogger logger, string channelId, string txId, string function, int status, int roundTrips);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "[{ChannelId}/{TxId}] chaincode threw; returning status 500")]
    public static partial void ChaincodeThrew(ILogger logger, string channelId, string txId, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "[{ChannelId}/{TxId}] could not send {MessageType} to the peer")]
    public static partial void SendFailed(ILogger logger, string channelId, string txId, string messageType, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "[{ChannelId}/{TxId}] rejected: {Reason}")]
    public static partial void TransactionRejected(ILogger logger, string channelId, string txId, string reason);
}
