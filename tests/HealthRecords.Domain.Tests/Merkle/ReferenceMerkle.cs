using System.Security.Cryptography;

namespace HealthRecords.Domain.Tests.Merkle;

/// <summary>
/// RFC 9162 section 2.1 written straight from its recursive definitions (MTH, PATH, PROOF/SUBPROOF),
/// sharing no code with production, to cross-check it. MTH results are memoised per range only
/// to keep the exhaustive tests fast; the recursion is the RFC's.
/// </summary>
public sealed class ReferenceMerkle(IReadOnlyList<byte[]> entries)
{
    private readonly Dictionary<(int Start, int Count), byte[]> _mth = [];

    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>MTH(D[start:start+count]).</summary>
    public byte[] Mth(int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (count == 1)
        {
            return LeafHash(entries[start]);
        }

        if (_mth.TryGetValue((start, count), out var memo))
        {
            return memo;
        }

        var k = Split(count);
        var result = NodeHash(Mth(start, k), Mth(start + k, count - k));
        _mth[(start, count)] = result;
        return result;
    }

    /// <summary>PATH(m, D[start:start+count]).</summary>
    public List<byte[]> Path(int m, int start, int count)
    {
        if (count == 1)
        {
            return [];
        }

        var k = Split(count);
        if (m < k)
        {
            return [.. Path(m, start, k), Mth(start + k, count - k)];
        }

        return [.. Path(m - k, start + k, count - k), Mth(start, k)];
    }

    /// <summary>PROOF(m, D[0:n]) = SUBPROOF(m, D[n], true).</summary>
    public List<byte[]> Proof(int m, int n) => SubProof(m, 0, n, true);

    /// <summary>
    /// Which side each PATH(m, D[n]) node sits on, deepest first: 'L' when the sibling is on the left,
    /// 'R' when it is on the right. Follows PATH's recursion, without hashing.
    /// </summary>
    public static string PathShape(int m, int count)
    {
        if (count == 1)
        {
            return string.Empty;
        }

        var k = Split(count);
        return m < k ? PathShape(m, k) + "R" : PathShape(m - k, count - k) + "L";
    }

    /// <summary>
    /// What each PROOF(m, D[n]) node is, in order: 'T' the subtree both trees share whole, 'L' a left
    /// sibling both trees share, 'R' a right sibling only the newer tree has.
    /// </summary>
    public static string ProofShape(int m, int n) => SubProofShape(m, n, true);

    private static string SubProofShape(int m, int count, bool b)
    {
        if (m == count)
        {
            return b ? string.Empty : "T";
        }

        var k = Split(count);
        return m <= k ? SubProofShape(m, k, b) + "R" : SubProofShape(m - k, count - k, false) + "L";
    }

    private List<byte[]> SubProof(int m, int start, int count, bool b)
    {
        if (m == count)
        {
            return b ? [] : [Mth(start, count)];
        }

        var k = Split(count);
        if (m <= k)
        {
            return [.. SubProof(m, start, k, b), Mth(start + k, count - k)];
        }

        return [.. SubProof(m - k, start + k, count - k, false), Mth(start, k)];
    }

    // The largest power of two smaller than n, by doubling as the RFC states it.
    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
