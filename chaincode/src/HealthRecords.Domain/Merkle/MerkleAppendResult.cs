namespace HealthRecords.Domain.Merkle;

/// <summary>The outcome of <see cref="MerkleLog.AppendAsync"/>.</summary>
/// <param name="LeafIndex">The zero-based index the new leaf got (the log's size before the append).</param>
/// <param name="TreeSize">The log's size after the append (<paramref name="LeafIndex"/> + 1).</param>
/// <param name="LeafHash">The leaf hash, SHA-256(0x00 || leaf data), 32 bytes.</param>
/// <param name="RootHash">The root hash of the log at <paramref name="TreeSize"/>, 32 bytes.</param>
public sealed record MerkleAppendResult(
    long LeafIndex,
    long TreeSize,
    ReadOnlyMemory<byte> LeafHash,
    ReadOnlyMemory<byte> RootHash);
