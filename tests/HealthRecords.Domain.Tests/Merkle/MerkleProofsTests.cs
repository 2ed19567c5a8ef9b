using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Tests.Merkle;

public sealed class MerkleProofsTests
{
    private static readonly byte[][] CtData = CtVectors.LeafData();

    private static byte[] Root(int size) =>
        size == 0 ? Convert.FromHexString(CtVectors.EmptyRoot) : Convert.FromHexString(CtVectors.Roots[size - 1]);

    [Fact]
    public void VerifyInclusion_PublishedCertificateTransparencyPaths_ReturnsTrue()
    {
        foreach (var (index, size, path) in CtVectors.InclusionPaths)
        {
            var leafHash = MerkleHash.Leaf(CtData[index]);

            Assert.True(MerkleProofs.VerifyInclusion(leafHash, index, size, CtVectors.Hashes(path), Root(size)));
        }
    }

    [Fact]
    public void VerifyConsistency_PublishedCertificateTransparencyProofs_ReturnsTrue()
    {
        foreach (var (size1, size2, proof) in CtVectors.ConsistencyProofs)
        {
            Assert.True(MerkleProofs.VerifyConsistency(size1, size2, Root(size1), Root(size2), CtVectors.Hashes(proof)));
        }
    }

    [Fact]
    public void VerifyInclusion_MalformedInput_ReturnsFalseWithoutThrowing()
    {
        var (index, size, hex) = CtVectors.InclusionPaths[2];
        var leaf = MerkleHash.Leaf(CtData[index]);
        var path = CtVectors.Hashes(hex);
        var root = Root(size);
        Assert.True(MerkleProofs.VerifyInclusion(leaf, index, size, path, root));

        Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, (IReadOnlyList<byte[]>)null!, root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf.AsSpan(1), index, size, path, root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, path, root.AsSpan(1)));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, -1, size, path, root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, size, size, path, root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, 0, 0, Array.Empty<byte[]>(), MerkleHash.EmptyRoot));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, index, -size, path, root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, [path[0], null!, path[2]], root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, [path[0], path[1][..31], path[2]], root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, index, size, [.. path, .. Enumerable.Repeat(path[0], 70)], root));
        Assert.False(MerkleProofs.VerifyInclusion(leaf, index, long.MaxValue, path, root));
    }

    [Fact]
    public void VerifyConsistency_MalformedInput_ReturnsFalseWithoutThrowing()
    {
        var (size1, size2, hex) = CtVectors.ConsistencyProofs[2];
        var proof = CtVectors.Hashes(hex);
        var (root1, root2) = (Root(size1), Root(size2));
        Assert.True(MerkleProofs.VerifyConsistency(size1, size2, root1, root2, proof));

        Assert.False(MerkleProofs.VerifyConsistency(size1, size2, root1, root2, (IReadOnlyList<byte[]>)null!));
        Assert.False(MerkleProofs.VerifyConsistency(size1, size2, root1.AsSpan(1), root2, proof));
        Assert.False(MerkleProofs.VerifyConsistency(size1, size2, root1, root2.AsSpan(1), proof));
        Assert.False(MerkleProofs.VerifyConsistency(-1, size2, root1, root2, proof));
        Assert.False(MerkleProofs.VerifyConsistency(size2, size1, root2, root1, proof));
        Assert.False(MerkleProofs.VerifyConsistency(size1, size2, root1, root2, [proof[0], null!, proof[2]]));
        Assert.False(MerkleProofs.VerifyConsistency(size1, size2, root1, root2, [proof[0], proof[1][..31], proof[2]]));
        Assert.False(MerkleProofs.VerifyConsistency(size1, size2, root1, root2, Array.Empty<byte[]>()));
        Assert.False(MerkleProofs.VerifyConsistency(size1, long.MaxValue, root1, root2, proof));
    }

    [Fact]
    public void VerifyConsistency_EqualSizes_RequiresEmptyProofAndEqualRoots()
    {
        var root = Root(5);

        Assert.True(MerkleProofs.VerifyConsistency(5, 5, root, root, Array.Empty<byte[]>()));
        Assert.False(MerkleProofs.VerifyConsistency(5, 5, root, Root(4), Array.Empty<byte[]>()));
        Assert.False(MerkleProofs.VerifyConsistency(5, 5, root, root, [root]));
        Assert.True(MerkleProofs.VerifyConsistency(0, 0, MerkleHash.EmptyRoot, MerkleHash.EmptyRoot, Array.Empty<byte[]>()));
        Assert.False(MerkleProofs.VerifyConsistency(0, 0, root, root, Array.Empty<byte[]>()));
    }

    [Fact]
    public void VerifyConsistency_FromEmptyTree_RequiresEmptyRootAndEmptyProof()
    {
        Assert.True(MerkleProofs.VerifyConsistency(0, 8, MerkleHash.EmptyRoot, Root(8), Array.Empty<byte[]>()));
        Assert.False(MerkleProofs.VerifyConsistency(0, 8, Root(1), Root(8), Array.Empty<byte[]>()));
        Assert.False(MerkleProofs.VerifyConsistency(0, 8, MerkleHash.EmptyRoot, Root(8), [Root(8)]));
    }

    [Fact]
    public void VerifyInclusion_RecordOverload_AgreesWithArrayOverload()
    {
        var (index, size, hex) = CtVectors.InclusionPaths[4];
        var path = CtVectors.Hashes(hex);
        var proof = new InclusionProof(index, size, MerkleHash.Leaf(CtData[index]), Root(size), [.. path.Select(p => (ReadOnlyMemory<byte>)p)]);

        Assert.True(MerkleProofs.VerifyInclusion(proof, MerkleHash.Leaf(CtData[index])));
        Assert.False(MerkleProofs.VerifyInclusion(proof, MerkleHash.Leaf(CtData[index + 1])));
        Assert.False(MerkleProofs.VerifyInclusion(null!, MerkleHash.Leaf(CtData[index])));
    }

    [Fact]
    public void VerifyConsistency_RecordOverload_AgreesWithArrayOverload()
    {
        var (size1, size2, hex) = CtVectors.ConsistencyProofs[3];
        var path = CtVectors.Hashes(hex).Select(p => (ReadOnlyMemory<byte>)p).ToArray();

        Assert.True(MerkleProofs.VerifyConsistency(new ConsistencyProof(size1, size2, Root(size1), Root(size2), path)));
        Assert.False(MerkleProofs.VerifyConsistency(new ConsistencyProof(size1, size2, Root(size1 + 1), Root(size2), path)));
        Assert.False(MerkleProofs.VerifyConsistency(null!));
    }
}
