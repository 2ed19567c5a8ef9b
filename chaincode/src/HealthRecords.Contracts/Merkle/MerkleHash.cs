using System.Security.Cryptography;

namespace HealthRecords.Domain.Merkle;

/// <summary>
/// The RFC 9162 section 2.1.1 hash functions with SHA-256: leaf hash SHA-256(0x00 || data), node
/// hash SHA-256(0x01 || left || right), and the empty-tree root SHA-256 of the empty string.
/// </summary>
public static class MerkleHash
{
    /// <summary>The length of every hash in the log, in bytes (32).</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of the empty string (e3b0c442...b855).</summary>
    public static ReadOnlySpan<byte> EmptyRoot =>
    [
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    ];

    /// <summary>Computes the leaf hash SHA-256(0x00 || <paramref name="leafData"/>).</summary>
    /// <param name="leafData">The leaf's bytes (any length, empty allowed).</param>
    /// <returns>A new 32-byte array owned by the caller.</returns>
    public static byte[] Leaf(ReadOnlySpan<byte> leafData)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leafData);
        return hash.GetHashAndReset();
    }

    /// <summary>Computes the interior node hash SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>).</summary>
    /// <param name="left">The left child's hash, 32 bytes.</param>
    /// <param name="right">The right child's hash, 32 bytes.</param>
    /// <returns>A new 32-byte array owned by the caller.</returns>
    /// <exception cref="ArgumentException">A child is not 32 bytes.</exception>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != Size)
        {
            throw new ArgumentException($"A node hash is {Size} bytes; got {left.Length}.", nameof(left));
        }

        if (right.Length != Size)
        {
            throw new ArgumentException($"A node hash is {Size} bytes; got {right.Length}.", nameof(right));
        }

        var result = new byte[Size];
        NodeInto(left, right, result);
        return result;
    }

    /// <summary>Writes the node hash into <paramref name="destination"/>, which may alias either child.</summary>
    internal static void NodeInto(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        SHA256.HashData(buffer, destination);
    }
}
