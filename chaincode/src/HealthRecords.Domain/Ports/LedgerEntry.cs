namespace HealthRecords.Domain.Ports;

/// <summary>One key and its committed value, as a range query returns them.</summary>
/// <param name="Key">The full state key.</param>
/// <param name="Value">The stored bytes.</param>
public sealed record LedgerEntry(string Key, byte[] Value);
