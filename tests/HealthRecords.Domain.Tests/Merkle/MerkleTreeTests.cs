using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Tests.Merkle;

public sealed class MerkleTreeTests
{
    private static readonly byte[][] CtLeafHashes = [.. CtVectors.LeafData().Select(d => MerkleHash.Leaf(d))];

    [Fact]
    public void ComputeRoot_CertificateTransparencyTreePrefixes_MatchPublishedRoots()
    {
        Assert.Equal(CtVectors.EmptyRoot, Convert.ToHexStringLower(MerkleTree.ComputeRoot([])));
        for (var n = 1; n <= 8; n++)
        {
            Assert.Equal(CtVectors.Roots[n - 1], Convert.ToHexStringLower(MerkleTree.ComputeRoot(CtLeafHashes[..n])));
        }
    }

    [Fact]
    public void GetInclusionPath_CertificateTransparencyVectors_MatchPublishedPaths()
    {
        foreach (var (index, size, path) in CtVectors.InclusionPaths)
        {
            var actual = MerkleTree.GetInclusionPath(CtLeafHashes[..size], index);

            Assert.Equal(path, actual.Select(Convert.ToHexStringLower));
        }
    }

    [Fact]
    public void GetConsistencyProof_CertificateTransparencyVectors_MatchPublishedProofs()
    {
        foreach (var (size1, size2, proof) in CtVectors.ConsistencyProofs)
        {
            var actual = MerkleTree.GetConsistencyProof(CtLeafHashes[..size2], size1);

            Assert.Equal(proof, actual.Select(Convert.ToHexStringLower));
        }
    }

    [Fact]
    public void GetInclusionPathAndConsistencyProof_EverySizeUpTo48_MatchReference()
    {
        var entries = TestEntries.Create(48);
        var reference = new ReferenceMerkle(entries);
        var hashes = entries.Select(d => MerkleHash.Leaf(d)).ToArray();
        for (var n = 1; n <= 48; n++)
        {
            Assert.Equal(reference.Mth(0, n), MerkleTree.ComputeRoot(hashes[..n]));
            for (var m = 0; m < n; m++)
            {
                Assert.Equal(reference.Path(m, 0, n), MerkleTree.GetInclusionPath(hashes[..n], m));
                Assert.Equal(m == 0 ? [] : reference.Proof(m, n), MerkleTree.GetConsistencyProof(hashes[..n], m));
            }
        }
    }

    [Fact]
    public void GetInclusionPath_IndexOutsideTree_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.GetInclusionPath(CtLeafHashes, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.GetInclusionPath(CtLeafHashes, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.GetConsistencyProof(CtLeafHashes, 9));
    }

    [Fact]
    public void ComputeRoot_LeafHashNot32Bytes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.ComputeRoot([new byte[32], new byte[5]]));
    }
}
