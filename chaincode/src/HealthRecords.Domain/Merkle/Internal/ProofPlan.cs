using System.Numerics;

namespace HealthRecords.Domain.Merkle.Internal;

/// <summary>
/// Which subtrees a proof is made of, independent of how their hashes are obtained: the in-memory
/// <see cref="MerkleTree"/> and the stored <see cref="MerkleLog"/> share this plan and differ only
/// in how they hash a range.
/// </summary>
internal static class ProofPlan
{
    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n &gt;= 2): RFC 9162's k.</summary>
    public static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>RFC 9162 PATH(index, D[0:size]) as ranges, deepest first (the order of the proof).</summary>
    public static List<TreeRange> Inclusion(long index, long size)
    {
        var ranges = new List<TreeRange>();
        long start = 0;
        var end = size;
        while (end - start > 1)
        {
            var k = Split(end - start);
            if (index < start + k)
            {
                ranges.Add(new TreeRange(start + k, end));
                end = start + k;
            }
            else
            {
                ranges.Add(new TreeRange(start, start + k));
                start += k;
            }
        }

        // PATH appends the sibling after the sub-path, so the deepest sibling comes first.
        ranges.Reverse();
        return ranges;
    }

    /// <summary>RFC 9162 PROOF(size1, D[0:size2]) as ranges, for 0 &lt; size1 &lt; size2, deepest first.</summary>
    public static List<TreeRange> Consistency(long size1, long size2)
    {
        var ranges = new List<TreeRange>();
        long start = 0;
        var end = size2;
        var isWholeOldTree = true; // SUBPROOF's b: the old root itself is known to the verifier
        while (true)
        {
            var n = end - start;
            var m = size1 - start;
            if (m == n)
            {
                if (!isWholeOldTree)
                {
                    ranges.Add(new TreeRange(start, end));
                }

                break;
            }

            var k = Split(n);
            if (m <= k)
            {
                ranges.Add(new TreeRange(start + k, end));
                end = start + k;
            }
            else
            {
                ranges.Add(new TreeRange(start, start + k));
                start += k;
                isWholeOldTree = false;
            }
        }

        ranges.Reverse();
        return ranges;
    }

    /// <summary>
    /// Splits a range into the perfect subtrees whose right fold is its MTH, left to right. Every range
    /// a proof uses starts at a multiple of a power of two at least its length, so each piece is an
    /// aligned perfect subtree: at most log2(length) + 1 pieces.
    /// </summary>
    public static List<(int Level, long Index)> PerfectSubtrees(TreeRange range)
    {
        var pieces = new List<(int Level, long Index)>();
        var position = range.Start;
        var remaining = range.Length;
        while (remaining > 0)
        {
            var level = 63 - BitOperations.LeadingZeroCount((ulong)remaining);
            var width = 1L << level;
            if (position % width != 0)
            {
                throw new InvalidOperationException($"Range [{range.Start}, {range.End}) is not aligned.");
            }

            pieces.Add((level, position >> level));
            position += width;
            remaining -= width;
        }

        return pieces;
    }
}
