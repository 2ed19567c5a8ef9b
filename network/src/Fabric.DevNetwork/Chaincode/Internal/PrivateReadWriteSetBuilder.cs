using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using KvVersion = Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset.Version;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// A simulation's private data reads and writes, per collection, emitted as Fabric's rwset builder
/// emits them: the public read-write set gets a <c>CollectionHashedReadWriteSet</c> per collection
/// (hashes of keys and values only), and the private write set (keys and values, writes only) travels
/// apart, to member peers. Collections and keys are sorted; the first read and the last write of a key count.
/// </summary>
internal sealed class PrivateReadWriteSetBuilder
{
    private readonly SortedDictionary<string, Collection> _collections = new(StringComparer.Ordinal);

    public bool IsEmpty => _collections.Count == 0;

    public bool HasWrites => _collections.Values.Any(c => c.Writes.Count > 0);

    public void AddRead(string collection, string key, VersionedValue? hashed)
    {
        var read = new KVReadHash { KeyHash = PrivateNamespaces.KeyHash(key) };
        if (hashed is not null)
        {
            read.Version = new KvVersion { BlockNum = hashed.Version.BlockNumber, TxNum = hashed.Version.TransactionNumber };
        }

        Get(collection).Reads.TryAdd(key, read);
    }

    public void AddWrite(string collection, string key, ByteString value) =>
        Get(collection).Writes[key] = (new KVWrite { Key = key, Value = value },
            new KVWriteHash { KeyHash = PrivateNamespaces.KeyHash(key), ValueHash = PrivateNamespaces.ValueHash(value) });

    public void AddDelete(string collection, string key, bool purge = false) =>
        Get(collection).Writes[key] = (new KVWrite { Key = key, IsDelete = true },
            new KVWriteHash { KeyHash = PrivateNamespaces.KeyHash(key), IsDelete = true, IsPurge = purge });

    /// <summary>The hashed sets for the public read-write set of namespace <paramref name="ns"/>.</summary>
    public IEnumerable<CollectionHashedReadWriteSet> BuildHashed()
    {
        foreach (var (name, collection) in _collections)
        {
            var hashed = new HashedRWSet();
            hashed.HashedReads.AddRange(collection.Reads.Values);
            hashed.HashedWrites.AddRange(collection.Writes.Values.Select(w => w.Hashed));
            var set = new CollectionHashedReadWriteSet { CollectionName = name, HashedRwset = hashed.ToByteString() };
            if (collection.Writes.Count > 0)
            {
                set.PvtRwsetHash = PrivateNamespaces.ValueHash(collection.PrivateBytes());
            }

            yield return set;
        }
    }

    /// <summary>The private write set of namespace <paramref name="ns"/>, or null when nothing was written.</summary>
    public TxPvtReadWriteSet? BuildPrivate(string ns)
    {
        var written = _collections.Where(c => c.Value.Writes.Count > 0).ToList();
        if (written.Count == 0)
        {
            return null;
        }

        var nsSet = new NsPvtReadWriteSet { Namespace = ns };
        nsSet.CollectionPvtRwset.AddRange(written.Select(c => new CollectionPvtReadWriteSet { CollectionName = c.Key, Rwset = c.Value.PrivateBytes() }));
        return new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv, NsPvtRwset = { nsSet } };
    }

    private Collection Get(string name)
    {
        if (!_collections.TryGetValue(name, out var collection))
        {
            collection = new Collection();
            _collections[name] = collection;
        }

        return collection;
    }

    private sealed class Collection
    {
        private ByteString? _privateBytes;

        public SortedDictionary<string, KVReadHash> Reads { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, (KVWrite Private, KVWriteHash Hashed)> Writes { get; } = new(StringComparer.Ordinal);

        /// <summary>The collection's serialized private KVRWSet; the hashed set carries its SHA-256.</summary>
        public ByteString PrivateBytes()
        {
            if (_privateBytes is null)
            {
                var set = new KVRWSet();
                set.Writes.AddRange(Writes.Values.Select(w => w.Private));
                _privateBytes = set.ToByteString();
            }

            return _privateBytes;
        }
    }
}
