using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// One change of a key by a valid transaction, as <c>GetHistoryForKey</c> returns it
/// (<c>queryresult.KeyModification</c>).
/// </summary>
/// <param name="TxId">The transaction that wrote or deleted the key.</param>
/// <param name="Value">The value written; empty for a delete.</param>
/// <param name="Timestamp">The transaction's channel-header timestamp.</param>
/// <param name="IsDelete">Whether the transaction deleted the key.</param>
/// <param name="Version">Where the transaction is in the chain.</param>
public sealed record KeyHistoryEntry(string TxId, ByteString Value, Timestamp Timestamp, bool IsDelete, StateVersion Version);
