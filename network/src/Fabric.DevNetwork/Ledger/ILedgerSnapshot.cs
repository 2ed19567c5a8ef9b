namespace Fabric.DevNetwork.Ledger;

/// <summary>
/// A consistent, immutable view of the world state and key history at one ledger height. Commits that
/// happen later are not visible, so a simulation sees one state from start to end (what Fabric's
/// transaction simulator guarantees with its read lock). Cheap to take; safe to use from any thread;
/// nothing to dispose.
/// </summary>
public interface ILedgerSnapshot
{
    /// <summary>The ledger height the view was taken at (number of the next block to commit).</summary>
    ulong Height { get; }

    /// <summary>The committed value of <paramref name="key"/> in <paramref name="ns"/> (a chaincode name), or null.</summary>
    VersionedValue? GetState(string ns, string key);

    /// <summary>
    /// Keys of <paramref name="ns"/> with <paramref name="startKey"/> &lt;= key &lt; <paramref name="endKey"/>,
    /// in Fabric's order (UTF-8 byte order, which is Unicode code point order). An empty
    /// <paramref name="endKey"/> means no upper bound; an empty <paramref name="startKey"/> means from the
    /// first key. Composite keys (starting with U+0000) are ordinary keys here: the shim's and peer's
    /// range conventions decide which range to ask for. Enumeration is lazy and stable.
    /// </summary>
    IEnumerable<StateEntry> GetStateRange(string ns, string startKey, string endKey);

    /// <summary>Every change of the key by a valid transaction, newest first (Fabric v2 order).</summary>
    IReadOnlyList<KeyHistoryEntry> GetHistory(string ns, string key);
}
