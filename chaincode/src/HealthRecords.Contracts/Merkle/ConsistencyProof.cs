namespace HealthRecords.Domain.Merkle;

/// <summary>
/// An RFC 9162 section 2.1.4 consistency proof: shows that the tree of <paramref name="Size2"/> leaves
/// extends the tree of <paramref name="Size1"/> leaves without changing it. Verify it with
/// <see cref="MerkleProofs.VerifyConsistency(ConsistencyProof)"/> against roots the verifier already trusts.
/// </summary>
/// <param name="Size1">The older size (0 &lt;= Size1 &lt;= Size2).</param>
/// <param name="Size2">The newer size.</param>
/// <param name="Root1">The root hash at <paramref name="Size1"/>, 32 bytes.</param>
/// <param name="Root2">The root hash at <paramref name="Size2"/>, 32 bytes.</param>
/// <param name="Path">The RFC 9162 PROOF(Size1, D[Size2]); empty when Size1 is 0 or equals Size2; 32-byte hashes, at most ceil(log2 Size2) + 1 of them.</param>
public sealed record ConsistencyProof(
    long Size1,
    long Size2,
    ReadOnlyMemory<byte> Root1,
    ReadOnlyMemory<byte> Root2,
    IReadOnlyList<ReadOnlyMemory<byte>> Path);
