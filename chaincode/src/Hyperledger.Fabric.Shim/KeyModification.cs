namespace Hyperledger.Fabric.Shim;

/// <summary>One committed change of a key, from a history query (Fabric's <c>queryresult.KeyModification</c>).</summary>
/// <param name="TxId">The transaction that made the change.</param>
/// <param name="Value">The value written; empty for a delete.</param>
/// <param name="Timestamp">The transaction's timestamp.</param>
/// <param name="IsDelete">True when the transaction deleted the key.</param>
public sealed record KeyModification(string TxId, ReadOnlyMemory<byte> Value, DateTimeOffset Timestamp, bool IsDelete);
