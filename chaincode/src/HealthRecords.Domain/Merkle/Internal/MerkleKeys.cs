using System.Globalization;

namespace HealthRecords.Domain.Merkle.Internal;

/// <summary>
/// The storage keys of one log. Fixed-width lowercase hex keeps them ASCII, free of U+0000 and in
/// index order when sorted; docs/merkle.md documents them for anyone reading the ledger.
/// </summary>
internal static class MerkleKeys
{
    /// <summary>The head record: the log's size as 8 bytes, big-endian.</summary>
    public const string Size = "size";

    /// <summary>The leaf data of leaf <paramref name="index"/>.</summary>
    public static string Leaf(long index) => "leaf/" + index.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The root of the perfect subtree of 2^level leaves starting at leaf index &lt;&lt; level; level 0 holds leaf hashes.</summary>
    public static string Node(int level, long index) =>
        "node/" + level.ToString("x2", CultureInfo.InvariantCulture) + "/" + index.ToString("x16", CultureInfo.InvariantCulture);
}
