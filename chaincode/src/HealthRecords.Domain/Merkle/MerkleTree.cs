using HealthRecords.Domain.Merkle.Internal;

namespace HealthRecords.Domain.Merkle;

/// <summary>
/// RFC 9162 section 2.1 over a list of leaf hashes held in memory: the tree head MTH, inclusion
/// paths and consistency proofs. For off-chain tools and tests; the ledger uses <see cref="MerkleLog"/>,
/// which produces identical results from stored subtree roots.
/// </summary>
public static class MerkleTree
{
    /// <summary>Computes MTH(D[n]) for the leaves whose hashes are <paramref name="leafHashes"/>.</summary>
    /// <param name="leafHashes">The leaf hashes (SHA-256(0x00 || data)), 32 bytes each, in log order.</param>
    /// <returns>A new 32-byte array; <see cref="MerkleHash.EmptyRoot"/> for no leaves.</returns>
    /// <exception cref="ArgumentException">A leaf hash is not 32 bytes.</exception>
    public static byte[] ComputeRoot(IReadOnlyList<byte[]> leafHashes)
    {
        CheckLeaves(leafHashes);
        return leafHashes.Count == 0
            ? MerkleHash.EmptyRoot.ToArray()
            : Hash(leafHashes, new TreeRange(0, leafHashes.Count));
    }

    /// <summary>Computes PATH(<paramref name="index"/>, D[n]): the audit path of one leaf, deepest node first.</summary>
    /// <param name="leafHashes">The leaf hashes of the whole tree, 32 bytes each.</param>
    /// <param name="index">The zero-based leaf index, less than the number of leaves.</param>
    /// <returns>New arrays owned by the caller; at most ceil(log2 n) of them.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a leaf of the tree.</exception>
    /// <exception cref="ArgumentException">A leaf hash is not 32 bytes.</exception>
    public static IReadOnlyList<byte[]> GetInclusionPath(IReadOnlyList<byte[]> leafHashes, int index)
    {
        CheckLeaves(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        return ProofPlan.Inclusion(index, leafHashes.Count).ConvertAll(range => Hash(leafHashes, range));
    }

    /// <summary>Computes PROOF(<paramref name="size1"/>, D[n]): the consistency proof from the first <paramref name="size1"/> leaves to all of them.</summary>
    /// <param name="leafHashes">The leaf hashes of the newer tree, 32 bytes each.</param>
    /// <param name="size1">The older size, 0 to the number of leaves; 0 and n give an empty proof.</param>
    /// <returns>New arrays owned by the caller, deepest node first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size1"/> is negative or larger than the tree.</exception>
    /// <exception cref="ArgumentException">A leaf hash is not 32 bytes.</exception>
    public static IReadOnlyList<byte[]> GetConsistencyProof(IReadOnlyList<byte[]> leafHashes, int size1)
    {
        CheckLeaves(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, leafHashes.Count);
        if (size1 == 0 || size1 == leafHashes.Count)
        {
            return [];
        }

        return ProofPlan.Consistency(size1, leafHashes.Count).ConvertAll(range => Hash(leafHashes, range));
    }

    private static void CheckLeaves(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        for (var i = 0; i < leafHashes.Count; i++)
        {
            if (leafHashes[i] is not { Length: MerkleHash.Size })
            {
                throw new ArgumentException($"Leaf hash {i} is not {MerkleHash.Size} bytes.", nameof(leafHashes));
            }
        }
    }

    private static byte[] Hash(IReadOnlyList<byte[]> leafHashes, TreeRange range)
    {
        if (range.Length == 1)
        {
            return (byte[])leafHashes[(int)range.Start].Clone();
        }

        var k = ProofPlan.Split(range.Length);
        return MerkleHash.Node(
            Hash(leafHashes, new TreeRange(range.Start, range.Start + k)),
            Hash(leafHashes, new TreeRange(range.Start + k, range.End)));
    }
}
