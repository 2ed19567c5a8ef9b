namespace Hyperledger.Fabric.Shim.Testing;

/// <summary>A chaincode event, as set by a transaction (and, once committed, recorded by the ledger).</summary>
/// <param name="TxId">The transaction that set it.</param>
/// <param name="EventName">The event name.</param>
/// <param name="Payload">The event payload.</param>
public sealed record InMemoryChaincodeEvent(string TxId, string EventName, ReadOnlyMemory<byte> Payload);
