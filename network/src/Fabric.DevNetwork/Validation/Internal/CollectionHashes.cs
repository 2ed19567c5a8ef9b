using Fabric.DevNetwork.Ledger.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>One collection's hashed read-write set from a transaction in a block, with the hash of its private write set.</summary>
internal sealed record CollectionHashes(string Namespace, string Collection, HashedRWSet Hashed, ByteString PrivateSetHash)
{
    public string HashedNamespace => PrivateNamespaces.Hashed(Namespace, Collection);

    /// <exception cref="InvalidProtocolBufferException">A hashed set does not decode.</exception>
    public static IReadOnlyList<CollectionHashes> FromReadWriteSet(TxReadWriteSet rwSet)
    {
        List<CollectionHashes>? result = null;
        foreach (var ns in rwSet.NsRwset)
        {
            foreach (var collection in ns.CollectionHashedRwset)
            {
                (result ??= []).Add(new CollectionHashes(
                    ns.Namespace, collection.CollectionName, HashedRWSet.Parser.ParseFrom(collection.HashedRwset), collection.PvtRwsetHash));
            }
        }

        return result ?? (IReadOnlyList<CollectionHashes>)[];
    }

    /// <summary>The hashed reads and writes as reads and writes of the hashed namespace.</summary>
    public KVRWSet ToStateForm()
    {
        var set = new KVRWSet();
        foreach (var read in Hashed.HashedReads)
        {
            set.Reads.Add(new KVRead { Key = PrivateNamespaces.HashedKey(read.KeyHash), Version = read.Version });
        }

        foreach (var write in Hashed.HashedWrites)
        {
            set.Writes.Add(new KVWrite { Key = PrivateNamespaces.HashedKey(write.KeyHash), IsDelete = write.IsDelete, Value = write.IsDelete ? ByteString.Empty : write.ValueHash });
        }

        return set;
    }
}
