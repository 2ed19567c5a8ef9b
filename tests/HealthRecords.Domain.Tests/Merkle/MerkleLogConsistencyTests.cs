using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Tests.Merkle;

public sealed class MerkleLogConsistencyTests(MerkleLogFixture fixture) : IClassFixture<MerkleLogFixture>
{
    private const int MaxSize = MerkleLogFixture.MaxConsistencySize;

    [Fact]
    public void GetConsistencyProofAsync_EveryPairOfSizesUpTo100_MatchesReferenceAndVerifies()
    {
        for (var n = 0; n <= MaxSize; n++)
        {
            for (var m = 0; m <= n; m++)
            {
                var proof = fixture.ConsistencyProofs[m, n];
                var path = MerkleLogFixture.Nodes(proof.Path);
                var (root1, root2) = (fixture.Reference.Mth(0, m), fixture.Reference.Mth(0, n));

                Assert.Equal((m, n), ((int)proof.Size1, (int)proof.Size2));
                Assert.Equal(root1, proof.Root1.ToArray());
                Assert.Equal(root2, proof.Root2.ToArray());
                Assert.Equal(m == 0 || m == n ? [] : fixture.Reference.Proof(m, n), path);
                Assert.True(MerkleProofs.VerifyConsistency(m, n, root1, root2, path), $"{m} -> {n}");
                Assert.True(MerkleProofs.VerifyConsistency(proof));
            }
        }
    }

    [Fact]
    public void VerifyConsistency_TamperedProof_ReturnsFalse()
    {
        for (var n = 2; n <= MaxSize; n++)
        {
            for (var m = 1; m < n; m++)
            {
                var path = MerkleLogFixture.Nodes(fixture.ConsistencyProofs[m, n].Path);
                var (root1, root2) = (fixture.Reference.Mth(0, m), fixture.Reference.Mth(0, n));
                for (var j = 0; j < path.Length; j++)
                {
                    for (var position = 0; position < 32; position += 31)
                    {
                        var flipped = path.ToArray();
                        flipped[j] = Flip(path[j], position);
                        Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, flipped), $"{m} -> {n}, node {j}");
                    }

                    Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, [.. path[..j], .. path[(j + 1)..]]));
                    Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, [.. path[..j], path[j], .. path[j..]]));
                }

                Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, [.. path, path[^1]]));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, [.. path, new byte[32]]));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, [root1, .. path]));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, [new byte[32], .. path]));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, root2, Array.Empty<byte[]>()));
            }
        }
    }

    [Fact]
    public void VerifyConsistency_WrongSizesOrRoots_ReturnsFalse()
    {
        for (var n = 2; n <= MaxSize; n++)
        {
            for (var m = 1; m < n; m++)
            {
                var path = MerkleLogFixture.Nodes(fixture.ConsistencyProofs[m, n].Path);
                var (root1, root2) = (fixture.Reference.Mth(0, m), fixture.Reference.Mth(0, n));

                Assert.False(MerkleProofs.VerifyConsistency(m, n, root2, root1, path));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, Flip(root1, 0), root2, path));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, root1, Flip(root2, 31), path));
                Assert.False(MerkleProofs.VerifyConsistency(m, n, MerkleHash.EmptyRoot, root2, path));
                foreach (var wrong1 in new[] { m - 1, m + 1, m ^ 2 })
                {
                    if (wrong1 <= n && wrong1 != m)
                    {
                        // The roots of the claimed sizes never accept another pair's proof.
                        Assert.False(MerkleProofs.VerifyConsistency(wrong1, n, fixture.Reference.Mth(0, wrong1), root2, path));
                        Assert.Equal(SameShape(m, n, wrong1, n), MerkleProofs.VerifyConsistency(wrong1, n, root1, root2, path));
                    }
                }

                foreach (var wrong2 in new[] { n - 1, n + 1, n * 2, n / 2 })
                {
                    if (wrong2 <= MaxSize && wrong2 != m)
                    {
                        Assert.False(MerkleProofs.VerifyConsistency(m, wrong2, root1, fixture.Reference.Mth(0, wrong2), path));
                    }

                    // With the true roots, another size is accepted only when it gives the proof the same
                    // shape: sizes only shape the proof, the roots commit to the trees.
                    Assert.Equal(SameShape(m, n, m, wrong2), MerkleProofs.VerifyConsistency(m, wrong2, root1, root2, path));
                }
            }
        }
    }

    [Fact]
    public void GetConsistencyProofAsync_EveryPair_HasAtMostCeilLog2PlusOneNodes()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            for (var m = 1; m < n; m++)
            {
                // RFC 9162 2.1.4.1: at most ceil(log2 n) + 1 nodes; the extra one appears only when m is not a power of two.
                var bound = MerkleLogFixture.CeilLog2(n) + ((m & (m - 1)) == 0 ? 0 : 1);
                Assert.InRange(fixture.ConsistencyProofs[m, n].Path.Count, 1, bound);
            }
        }
    }

    private static bool SameShape(int m, int n, int otherM, int otherN) =>
        otherM > 0 && otherM < otherN && ReferenceMerkle.ProofShape(m, n) == ReferenceMerkle.ProofShape(otherM, otherN);

    private static byte[] Flip(byte[] hash, int position)
    {
        var copy = (byte[])hash.Clone();
        copy[position] ^= 0x80;
        return copy;
    }
}
