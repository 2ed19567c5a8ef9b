using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// What one valid transaction does to one key: a value write or delete, a metadata write, or both
/// (Fabric merges a transaction's KVWrite and KVMetadataWrite for the same key).
/// </summary>
/// <param name="Namespace">The chaincode namespace.</param>
/// <param name="Key">The key.</param>
/// <param name="Version">(block, tx) of the writing transaction.</param>
/// <param name="TxId">The writing transaction, for history.</param>
/// <param name="Timestamp">Its channel header timestamp, for history.</param>
/// <param name="HasValueWrite">Whether the transaction wrote or deleted the value (false: metadata only).</param>
/// <param name="IsDelete">Whether the value write is a delete.</param>
/// <param name="Value">The value written.</param>
/// <param name="Metadata">The new metadata, or null to keep the committed metadata.</param>
internal sealed record KeyUpdate(
    string Namespace,
    string Key,
    StateVersion Version,
    string TxId,
    Timestamp Timestamp,
    bool HasValueWrite,
    bool IsDelete,
    ByteString Value,
    IReadOnlyDictionary<string, ByteString>? Metadata);
