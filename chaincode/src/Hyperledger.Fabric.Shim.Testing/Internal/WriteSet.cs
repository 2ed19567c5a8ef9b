namespace Hyperledger.Fabric.Shim.Testing.Internal;

/// <summary>What a finished transaction hands to the ledger: null values are deletes.</summary>
internal sealed record WriteSet(
    IReadOnlyList<KeyValuePair<string, byte[]?>> State,
    IReadOnlyList<KeyValuePair<(string Collection, string Key), byte[]?>> Private,
    IReadOnlyList<KeyValuePair<(string Collection, string Key), Dictionary<string, byte[]>>> Metadata,
    InMemoryChaincodeEvent? Event);
