using System.Buffers.Binary;
using System.Numerics;

namespace HealthRecords.Domain.Merkle.Internal;

/// <summary>
/// The log's head record: its size, then its right frontier, the roots of the perfect subtrees that
/// D[0:size] decomposes into, left to right (largest first, one per set bit of the size). Encoded as
/// the size in 8 bytes big-endian followed by the frontier's 32-byte hashes. A head of the first
/// layout holds the size alone; <see cref="Decode"/> reports it so the caller can read the frontier
/// from the stored subtree roots.
/// </summary>
internal sealed class MerkleHead
{
    private readonly IReadOnlyList<byte[]> _frontier;

    public MerkleHead(long size, IReadOnlyList<byte[]> frontier)
    {
        Size = size;
        _frontier = frontier;
    }

    public long Size { get; }

    public static MerkleHead Decode(byte[]? encoded, out bool sizeOnly)
    {
        sizeOnly = false;
        if (encoded is null)
        {
            return new MerkleHead(0, []);
        }

        var size = encoded.Length >= 8 ? BinaryPrimitives.ReadInt64BigEndian(encoded) : -1;
        if (size < 0)
        {
            throw Malformed();
        }

        var count = BitOperations.PopCount((ulong)size);
        if (encoded.Length == 8 && count > 0)
        {
            sizeOnly = true;
            return new MerkleHead(size, []);
        }

        if (encoded.Length != 8 + (count * MerkleHash.Size))
        {
            throw Malformed();
        }

        var frontier = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            frontier[i] = encoded.AsSpan(8 + (i * MerkleHash.Size), MerkleHash.Size).ToArray();
        }

        return new MerkleHead(size, frontier);
    }

    /// <summary>The frontier subtree of 2^<paramref name="level"/> leaves (that bit of the size is set).</summary>
    public byte[] FrontierAt(int level)
    {
        // Frontier entries run from the highest set bit down; the entry for a bit is preceded by one entry per higher set bit.
        var higher = BitOperations.PopCount((ulong)Size >> (level + 1));
        return _frontier[higher];
    }

    /// <summary>The head after appending a leaf whose completed subtree is <paramref name="hash"/> at <paramref name="level"/>.</summary>
    public MerkleHead Append(int level, byte[] hash)
    {
        // The append merged the frontier's subtrees below `level` into the new one.
        var kept = _frontier.Count - BitOperations.PopCount((ulong)Size & ((1UL << level) - 1));
        var frontier = new List<byte[]>(kept + 1);
        for (var i = 0; i < kept; i++)
        {
            frontier.Add(_frontier[i]);
        }

        frontier.Add(hash);
        return new MerkleHead(Size + 1, frontier);
    }

    /// <summary>RFC 9162 MTH(D[0:size]): the frontier folded from the right.</summary>
    public byte[] Root()
    {
        if (_frontier.Count == 0)
        {
            return MerkleHash.EmptyRoot.ToArray();
        }

        var hash = (byte[])_frontier[^1].Clone();
        for (var i = _frontier.Count - 2; i >= 0; i--)
        {
            hash = MerkleHash.Node(_frontier[i], hash);
        }

        return hash;
    }

    public byte[] Encode()
    {
        var encoded = new byte[8 + (_frontier.Count * MerkleHash.Size)];
        BinaryPrimitives.WriteInt64BigEndian(encoded, Size);
        for (var i = 0; i < _frontier.Count; i++)
        {
            _frontier[i].CopyTo(encoded, 8 + (i * MerkleHash.Size));
        }

        return encoded;
    }

    private static MerkleStorageException Malformed() =>
        new($"The Merkle log's '{MerkleKeys.Size}' record is malformed.");
}
