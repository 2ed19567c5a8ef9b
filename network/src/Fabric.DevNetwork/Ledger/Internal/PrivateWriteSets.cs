using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>Small operations on private write sets (<c>TxPvtReadWriteSet</c>).</summary>
internal static class PrivateWriteSets
{
    public static CollectionPvtReadWriteSet? Find(TxPvtReadWriteSet? set, string ns, string collection) =>
        set?.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns)?.CollectionPvtRwset.FirstOrDefault(c => c.CollectionName == collection);

    /// <summary>
    /// The write set of <paramref name="set"/> when it matches the block's hashes: as a whole
    /// (<c>pvt_rwset_hash</c>), or write by write (key hash, value hash, delete flag) for a set whose purged
    /// or deleted values were taken out after commit. Null when it does not match.
    /// </summary>
    public static KVRWSet? Verify(CollectionPvtReadWriteSet set, Validation.Internal.CollectionHashes hashes)
    {
        KVRWSet writes;
        try
        {
            writes = KVRWSet.Parser.ParseFrom(set.Rwset);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        if (PrivateNamespaces.ValueHash(set.Rwset).Equals(hashes.PrivateSetHash))
        {
            return writes;
        }

        foreach (var write in writes.Writes)
        {
            var keyHash = PrivateNamespaces.KeyHash(write.Key);
            if (!hashes.Hashed.HashedWrites.Any(h => h.KeyHash.Equals(keyHash) && h.IsDelete == write.IsDelete && (write.IsDelete || h.ValueHash.Equals(PrivateNamespaces.ValueHash(write.Value)))))
            {
                return null;
            }
        }

        return writes;
    }

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
