using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Tests.Merkle;

public sealed class MerkleLogInclusionTests(MerkleLogFixture fixture) : IClassFixture<MerkleLogFixture>
{
    private const int MaxSize = MerkleLogFixture.MaxInclusionSize;

    [Fact]
    public void GetInclusionProofAsync_EveryLeafOfEverySizeUpTo300_MatchesReferenceAndVerifies()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = fixture.Reference.Mth(0, n);
            for (var i = 0; i < n; i++)
            {
                var proof = fixture.InclusionProofs[n][i];
                var path = MerkleLogFixture.Nodes(proof.AuditPath);

                Assert.Equal((i, n), ((int)proof.LeafIndex, (int)proof.TreeSize));
                Assert.Equal(root, proof.RootHash.ToArray());
                Assert.Equal(fixture.LeafHash(i), proof.LeafHash.ToArray());
                Assert.Equal(fixture.Reference.Path(i, 0, n), path);
                Assert.True(MerkleProofs.VerifyInclusion(fixture.LeafHash(i), i, n, path, root), $"leaf {i} of {n}");
                Assert.True(MerkleProofs.VerifyInclusion(proof, fixture.LeafHash(i)));
            }
        }
    }

    [Fact]
    public void VerifyInclusion_WrongLeafIndexSizeOrRoot_ReturnsFalse()
    {
        var otherLeaf = MerkleHash.Leaf("not in the log"u8);
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = fixture.Reference.Mth(0, n);
            for (var i = 0; i < n; i++)
            {
                var leaf = fixture.LeafHash(i);
                var path = MerkleLogFixture.Nodes(fixture.InclusionProofs[n][i].AuditPath);

                Assert.False(MerkleProofs.VerifyInclusion(otherLeaf, i, n, path, root));
                Assert.False(MerkleProofs.VerifyInclusion(fixture.LeafHash((i + 1) % MaxSize), i, n, path, root));
                foreach (var wrongIndex in new[] { i - 1, i + 1, i ^ 2, n })
                {
                    Assert.False(MerkleProofs.VerifyInclusion(leaf, wrongIndex, n, path, root), $"index {wrongIndex} for {i} of {n}");
                }

                foreach (var wrongSize in new[] { n - 1, n + 1, n * 2, n / 2 })
                {
                    // A (size, root) pair of another tree never accepts this tree's proof.
                    if (wrongSize <= MaxSize)
                    {
                        var wrongRoot = fixture.Reference.Mth(0, wrongSize);
                        Assert.False(MerkleProofs.VerifyInclusion(leaf, i, wrongSize, path, wrongRoot), $"size {wrongSize} for {i} of {n}");
                    }

                    // With this tree's root, another size is accepted only if it gives the audit path the
                    // same shape: the size only shapes the path, the root is what commits to the tree.
                    var sameShape = wrongSize > i && ReferenceMerkle.PathShape(i, wrongSize) == ReferenceMerkle.PathShape(i, n);
                    Assert.Equal(sameShape, MerkleProofs.VerifyInclusion(leaf, i, wrongSize, path, root));
                }

                Assert.False(MerkleProofs.VerifyInclusion(leaf, i, n, path, MerkleHash.EmptyRoot));
                Assert.False(MerkleProofs.VerifyInclusion(leaf, i, n, path, Flip(root, i % 32)));
            }
        }
    }

    [Fact]
    public void VerifyInclusion_TamperedAuditPath_ReturnsFalse()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = fixture.Reference.Mth(0, n);
            for (var i = 0; i < n; i++)
            {
                var leaf = fixture.LeafHash(i);
                var path = MerkleLogFixture.Nodes(fixture.InclusionProofs[n][i].AuditPath);

                // Every node of every proof in trees up to 64; one node per proof (a different one for
                // each leaf) beyond that, to keep the run short.
                var tampered = n <= 64 ? Enumerable.Range(0, path.Length) : path.Length == 0 ? [] : [i % path.Length];
                foreach (var j in tampered)
                {
                    var flipped = path.ToArray();
                    flipped[j] = Flip(path[j], (i + j) % 32);
                    Assert.False(MerkleProofs.VerifyInclusion(leaf, i, n, flipped, root), $"leaf {i} of {n}, node {j}");
                    Assert.False(MerkleProofs.VerifyInclusion(leaf, i, n, [.. path[..j], .. path[(j + 1)..]], root));
                }

                Assert.False(MerkleProofs.VerifyInclusion(leaf, i, n, [.. path, root], root));
                Assert.False(MerkleProofs.VerifyInclusion(leaf, i, n, [root, .. path], root));
                Assert.False(MerkleProofs.VerifyInclusion(leaf, i, n, [.. path, new byte[32]], root));
            }
        }
    }

    [Fact]
    public void GetInclusionProofAsync_EveryProof_HasAtMostCeilLog2Nodes()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            for (var i = 0; i < n; i++)
            {
                Assert.InRange(fixture.InclusionProofs[n][i].AuditPath.Count, 0, MerkleLogFixture.CeilLog2(n));
            }
        }
    }

    private static byte[] Flip(byte[] hash, int position)
    {
        var copy = (byte[])hash.Clone();
        copy[position] ^= 0x01;
        return copy;
    }
}
