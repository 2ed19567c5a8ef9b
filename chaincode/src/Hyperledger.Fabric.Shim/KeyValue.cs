namespace Hyperledger.Fabric.Shim;

/// <summary>One result of a range, partial composite key or rich query (Fabric's <c>queryresult.KV</c>).</summary>
/// <param name="Key">The state key.</param>
/// <param name="Value">The committed value.</param>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value);
