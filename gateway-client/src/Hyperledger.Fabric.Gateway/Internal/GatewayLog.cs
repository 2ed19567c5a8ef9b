using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>The gateway's log messages. Event ids are stable: 2000-2099.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Gateway connected as {MspId} to {EndpointCount} endpoint(s), first {Address}")]
    public static partial void Connected(ILogger logger, string mspId, int endpointCount, string address);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "{Operation} transaction {TransactionId} on {Channel} via {Address}")]
    public static partial void Calling(ILogger logger, GatewayOperation operation, string? transactionId, string channel, string address);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Operation} failed on {Address} with {StatusCode}; trying {NextAddress}")]
    public static partial void FailingOver(ILogger logger, GatewayOperation operation, string address, StatusCode statusCode, string nextAddress);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "{Operation} of transaction {TransactionId} failed: {StatusCode} {Detail}")]
    public static partial void CallFailed(ILogger logger, GatewayOperation operation, string? transactionId, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Transaction {TransactionId} committed in block {BlockNumber} with {Code}")]
    public static partial void Committed(ILogger logger, string transactionId, ulong blockNumber, Hyperledger.Fabric.Protos.Peer.TxValidationCode code);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Chaincode events of {Chaincode} on {Channel}: stream opened at {Address} from block {StartBlock} after {AfterTransactionId}")]
    public static partial void EventsOpened(ILogger logger, string chaincode, string channel, string address, ulong? startBlock, string? afterTransactionId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Chaincode events of {Chaincode}: stream broke ({StatusCode} {Detail}); reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void EventsReconnecting(ILogger logger, string chaincode, StatusCode statusCode, string detail, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Verifiable read {TransactionId} rejected: {Reason}")]
    public static partial void VerificationFailed(ILogger logger, string transactionId, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "Gateway disposed")]
    public static partial void Disposed(ILogger logger);
}
