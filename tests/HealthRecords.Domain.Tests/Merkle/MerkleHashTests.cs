using System.Security.Cryptography;
using HealthRecords.Domain.Merkle;

namespace HealthRecords.Domain.Tests.Merkle;

public sealed class MerkleHashTests
{
    [Fact]
    public void Leaf_EmptyData_MatchesCertificateTransparencyVector()
    {
        Assert.Equal(CtVectors.Roots[0], Convert.ToHexStringLower(MerkleHash.Leaf([])));
    }

    [Fact]
    public void Leaf_AnyData_IsSha256OfZeroPrefixedData()
    {
        byte[] data = [1, 2, 3, 0xff];

        Assert.Equal(SHA256.HashData([0x00, 1, 2, 3, 0xff]), MerkleHash.Leaf(data));
    }

    [Fact]
    public void Node_TwoHashes_IsSha256OfOnePrefixedConcatenation()
    {
        var left = SHA256.HashData([1]);
        var right = SHA256.HashData([2]);

        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleHash.Node(left, right));
    }

    [Fact]
    public void Node_ChildNot32Bytes_ThrowsArgumentException()
    {
        var hash = new byte[32];

        Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[31], hash));
        Assert.Throws<ArgumentException>(() => MerkleHash.Node(hash, new byte[33]));
    }

    [Fact]
    public void EmptyRoot_Always_IsSha256OfEmptyString()
    {
        Assert.Equal(CtVectors.EmptyRoot, Convert.ToHexStringLower(MerkleHash.EmptyRoot));
        Assert.Equal(SHA256.HashData([]), MerkleHash.EmptyRoot.ToArray());
    }
}
