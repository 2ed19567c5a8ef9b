namespace Fabric.DevNetwork.Ledger;

/// <summary>One key of a range query over the world state.</summary>
/// <param name="Key">The key (within its namespace).</param>
/// <param name="Value">The committed value, version and metadata.</param>
public sealed record StateEntry(string Key, VersionedValue Value);
