namespace HealthRecords.Domain.Merkle;

/// <summary>
/// An RFC 9162 section 2.1.3 inclusion proof: the audit path that links one leaf to the root of the
/// tree of a given size. Verify it with <see cref="MerkleProofs.VerifyInclusion(InclusionProof, ReadOnlySpan{byte})"/>
/// against a leaf hash the verifier computed itself from the leaf data.
/// </summary>
/// <param name="LeafIndex">The zero-based index of the leaf.</param>
/// <param name="TreeSize">The size of the tree the proof is for (greater than <paramref name="LeafIndex"/>).</param>
/// <param name="LeafHash">The stored leaf hash, 32 bytes (informational; verifiers recompute it).</param>
/// <param name="RootHash">The root hash of the tree of <paramref name="TreeSize"/> leaves, 32 bytes.</param>
/// <param name="AuditPath">The RFC 9162 PATH, from the leaf's sibling up to the root's child; 32-byte hashes, at most ceil(log2 TreeSize) of them.</param>
public sealed record InclusionProof(
    long LeafIndex,
    long TreeSize,
    ReadOnlyMemory<byte> LeafHash,
    ReadOnlyMemory<byte> RootHash,
    IReadOnlyList<ReadOnlyMemory<byte>> AuditPath);
