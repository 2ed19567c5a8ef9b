using Fabric.DevNetwork.Ledger;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using KvVersion = Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset.Version;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// Collects a simulation's reads, writes, range queries and metadata writes for one namespace and
/// emits them the way Fabric's rwset builder does: keys sorted, one read per key (the first), the last
/// write of a key wins, range query infos in the order their iterators closed.
/// </summary>
internal sealed class ReadWriteSetBuilder
{
    private readonly string _namespace;
    private readonly SortedDictionary<string, KVRead> _reads = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, KVWrite> _writes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, KVMetadataWrite> _metadataWrites = new(StringComparer.Ordinal);
    private readonly List<RangeQueryInfo> _rangeQueries = [];

    public ReadWriteSetBuilder(string ns) => _namespace = ns;

    /// <summary>True once the transaction wrote anything (paginated queries are then refused).</summary>
    public bool HasWrites => _writes.Count > 0 || _metadataWrites.Count > 0;

    public static KVRead CreateRead(string key, VersionedValue? value)
    {
        var read = new KVRead { Key = key };
        if (value is not null)
        {
            read.Version = new KvVersion { BlockNum = value.Version.BlockNumber, TxNum = value.Version.TransactionNumber };
        }

        return read;
    }

    public void AddRead(string key, VersionedValue? value) => _reads.TryAdd(key, CreateRead(key, value));

    public void AddWrite(string key, ByteString value) => _writes[key] = new KVWrite { Key = key, Value = value };

    public void AddDelete(string key) => _writes[key] = new KVWrite { Key = key, IsDelete = true };

    public void AddMetadataWrite(string key, string name, ByteString value)
    {
        var write = new KVMetadataWrite { Key = key };
        write.Entries.Add(new KVMetadataEntry { Name = name, Value = value });
        _metadataWrites[key] = write;
    }

    public void AddRangeQuery(RangeQueryInfo info) => _rangeQueries.Add(info);

    /// <param name="collections">The simulation's private data, whose hashes join the namespace's set.</param>
    public TxReadWriteSet Build(PrivateReadWriteSetBuilder? collections = null)
    {
        var result = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        var hasPrivate = collections is { IsEmpty: false };
        if (_reads.Count == 0 && _writes.Count == 0 && _metadataWrites.Count == 0 && _rangeQueries.Count == 0 && !hasPrivate)
        {
            return result;
        }

        var kv = new KVRWSet();
        kv.Reads.AddRange(_reads.Values);
        kv.RangeQueriesInfo.AddRange(_rangeQueries);
        kv.Writes.AddRange(_writes.Values);
        kv.MetadataWrites.AddRange(_metadataWrites.Values);
        var ns = new NsReadWriteSet { Namespace = _namespace, Rwset = kv.ToByteString() };
        if (hasPrivate)
        {
            ns.CollectionHashedRwset.AddRange(collections!.BuildHashed());
        }

        result.NsRwset.Add(ns);
        return result;
    }
}
