using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Small operations on private write sets (<c>TxPvtReadWriteSet</c>).</summary>
internal static class PrivateWriteSets
{
    public static CollectionPvtReadWriteSet? Find(TxPvtReadWriteSet? set, string ns, string collection) =>
        set?.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns)?.CollectionPvtRwset.FirstOrDefault(c => c.CollectionName == collection);

    /// <summary>Removes the values written to <paramref name="keys"/> (deletes stay); true when something was removed.</summary>
    public static bool RemoveKeys(TxPvtReadWriteSet set, IReadOnlyCollection<(string Namespace, string Collection, string Key)> keys)
    {
        var changed = false;
        foreach (var ns in set.NsPvtRwset)
        {
            foreach (var collection in ns.CollectionPvtRwset)
            {
                var purged = keys.Where(k => k.Namespace == ns.Namespace && k.Collection == collection.CollectionName).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
                if (purged.Count == 0)
                {
                    continue;
                }

                var rwSet = KVRWSet.Parser.ParseFrom(collection.Rwset);
                var kept = rwSet.Writes.Where(w => w.IsDelete || !purged.Contains(w.Key)).ToList();
                if (kept.Count == rwSet.Writes.Count)
                {
                    continue;
                }

                rwSet.Writes.Clear();
                rwSet.Writes.AddRange(kept);
                collection.Rwset = rwSet.ToByteString();
                changed = true;
            }
        }

        return changed;
    }
}
