namespace Hyperledger.Fabric.Gateway;

/// <summary>An event a chaincode set in a transaction that committed successfully.</summary>
/// <param name="BlockNumber">The block holding the transaction.</param>
/// <param name="TransactionId">The transaction that emitted the event (at most one event per transaction).</param>
/// <param name="ChaincodeName">The chaincode that emitted it.</param>
/// <param name="EventName">The event's name.</param>
/// <param name="Payload">The event's payload.</param>
public sealed record ChaincodeEvent(ulong BlockNumber, string TransactionId, string ChaincodeName, string EventName, ReadOnlyMemory<byte> Payload);
