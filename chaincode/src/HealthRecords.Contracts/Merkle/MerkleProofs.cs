using HealthRecords.Domain.Merkle.Internal;

namespace HealthRecords.Domain.Merkle;

/// <summary>
/// Verifies RFC 9162 inclusion and consistency proofs with nothing but the proof, the sizes and the
/// hashes: no ledger, no storage, safe to run in an off-chain client. Every method returns
/// <see langword="false"/> for malformed input (negative or out-of-order sizes, hashes that are not
/// 32 bytes, null lists, proofs of the wrong length) and never throws.
/// </summary>
public static class MerkleProofs
{
    // A proof for a tree of at most 2^63 leaves never has more nodes than this.
    private const int MaxProofLength = 64;

    /// <summary>
    /// Verifies that <paramref name="leafHash"/> is the leaf at <paramref name="index"/> of the tree of
    /// <paramref name="treeSize"/> leaves whose root is <paramref name="rootHash"/> (RFC 9162 section 2.1.3.2).
    /// </summary>
    /// <param name="leafHash">The leaf hash the verifier computed, SHA-256(0x00 || leaf data).</param>
    /// <param name="index">The zero-based leaf index.</param>
    /// <param name="treeSize">The tree size the proof is for.</param>
    /// <param name="proof">The audit path, deepest node first.</param>
    /// <param name="rootHash">The trusted root hash at <paramref name="treeSize"/>.</param>
    /// <returns><see langword="true"/> only if the proof is well formed and proves inclusion.</returns>
    public static bool VerifyInclusion(
        ReadOnlySpan<byte> leafHash, long index, long treeSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        return proof is not null && VerifyInclusion(leafHash, index, treeSize, new ArrayNodes(proof), rootHash);
    }

    /// <inheritdoc cref="VerifyInclusion(ReadOnlySpan{byte}, long, long, IReadOnlyList{byte[]}, ReadOnlySpan{byte})"/>
    public static bool VerifyInclusion(
        ReadOnlySpan<byte> leafHash,
        long index,
        long treeSize,
        IReadOnlyList<ReadOnlyMemory<byte>> proof,
        ReadOnlySpan<byte> rootHash)
    {
        if (proof is null || !AllHashes(proof) || leafHash.Length != MerkleHash.Size
            || rootHash.Length != MerkleHash.Size || index < 0 || index >= treeSize)
        {
            return false;
        }

        var fn = index;
        var sn = treeSize - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        for (var i = 0; i < proof.Count; i++)
        {
            if (sn == 0)
            {
                return false; // more nodes than the tree has levels
            }

            var p = proof[i].Span;
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeInto(p, r, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.NodeInto(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.SequenceEqual(rootHash);
    }

    /// <summary>Verifies <paramref name="proof"/> against <paramref name="leafHash"/>, which the verifier computed from the leaf data.</summary>
    /// <param name="proof">The proof; its <see cref="InclusionProof.RootHash"/> must itself be trusted (for example, endorsed by several organisations).</param>
    /// <param name="leafHash">SHA-256(0x00 || leaf data).</param>
    /// <returns><see langword="true"/> only if the proof is well formed and proves inclusion.</returns>
    public static bool VerifyInclusion(InclusionProof proof, ReadOnlySpan<byte> leafHash)
    {
        return proof is not null
            && VerifyInclusion(leafHash, proof.LeafIndex, proof.TreeSize, proof.AuditPath, proof.RootHash.Span);
    }

    /// <summary>
    /// Verifies that the tree of <paramref name="size2"/> leaves with root <paramref name="root2"/> extends
    /// the tree of <paramref name="size1"/> leaves with root <paramref name="root1"/> (RFC 9162 section 2.1.4.2).
    /// </summary>
    /// <remarks>
    /// Equal sizes need an empty proof and equal roots. Size 0 needs an empty proof and
    /// <paramref name="root1"/> equal to <see cref="MerkleHash.EmptyRoot"/> (every tree extends the empty tree).
    /// </remarks>
    /// <param name="size1">The older size.</param>
    /// <param name="size2">The newer size.</param>
    /// <param name="root1">The trusted root at <paramref name="size1"/>.</param>
    /// <param name="root2">The root at <paramref name="size2"/>.</param>
    /// <param name="proof">The consistency proof, deepest node first.</param>
    /// <returns><see langword="true"/> only if the proof is well formed and proves consistency.</returns>
    public static bool VerifyConsistency(
        long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        return proof is not null && VerifyConsistency(size1, size2, root1, root2, new ArrayNodes(proof));
    }

    /// <inheritdoc cref="VerifyConsistency(long, long, ReadOnlySpan{byte}, ReadOnlySpan{byte}, IReadOnlyList{byte[]})"/>
    public static bool VerifyConsistency(
        long size1,
        long size2,
        ReadOnlySpan<byte> root1,
        ReadOnlySpan<byte> root2,
        IReadOnlyList<ReadOnlyMemory<byte>> proof)
    {
        if (proof is null || !AllHashes(proof) || root1.Length != MerkleHash.Size
            || root2.Length != MerkleHash.Size || size1 < 0 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2)
                && (size1 != 0 || root1.SequenceEqual(MerkleHash.EmptyRoot));
        }

        if (size1 == 0)
        {
            return proof.Count == 0 && root1.SequenceEqual(MerkleHash.EmptyRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        // When size1 is a power of two the old root is itself a node of the new tree, so it is the
        // proof's implicit first element.
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        var next = 0;
        if ((size1 & (size1 - 1)) == 0)
        {
            root1.CopyTo(fr);
        }
        else
        {
            proof[0].Span.CopyTo(fr);
            next = 1;
        }

        fr.CopyTo(sr);
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        for (var i = next; i < proof.Count; i++)
        {
            if (sn == 0)
            {
                return false;
            }

            var c = proof[i].Span;
            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeInto(c, fr, fr);
                MerkleHash.NodeInto(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.NodeInto(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.SequenceEqual(root1) && sr.SequenceEqual(root2);
    }

    /// <summary>Verifies <paramref name="proof"/>; its <see cref="ConsistencyProof.Root1"/> must be a root the verifier already trusts.</summary>
    /// <param name="proof">The proof.</param>
    /// <returns><see langword="true"/> only if the proof is well formed and proves consistency.</returns>
    public static bool VerifyConsistency(ConsistencyProof proof)
    {
        return proof is not null
            && VerifyConsistency(proof.Size1, proof.Size2, proof.Root1.Span, proof.Root2.Span, proof.Path);
    }

    private static bool AllHashes(IReadOnlyList<ReadOnlyMemory<byte>> proof)
    {
        if (proof.Count > MaxProofLength)
        {
            return false;
        }

        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i].Length != MerkleHash.Size)
            {
                return false;
            }
        }

        return true;
    }
}
