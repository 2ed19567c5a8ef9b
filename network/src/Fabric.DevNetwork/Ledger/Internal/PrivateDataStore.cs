using System.Buffers.Binary;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// A member peer's private data store (Fabric's pvtdata store): the private write sets it committed,
/// per block and transaction, in <c>private.dat</c> beside its block store. Written and flushed before
/// the block, so a committed block never lacks its private data; a purge rewrites the file without the
/// purged key's earlier values, so they are gone from disk as on Fabric 2.5.
/// </summary>
internal sealed class PrivateDataStore
{
    private readonly string _path;
    private readonly SortedDictionary<ulong, SortedDictionary<ulong, TxPvtReadWriteSet>> _blocks = [];
    private readonly Lock _lock = new();

    private PrivateDataStore(string path) => _path = path;

    /// <summary>Loads the store in <paramref name="directory"/> (empty when there is none yet).</summary>
    public static PrivateDataStore Open(string directory)
    {
        var store = new PrivateDataStore(Path.Combine(directory, "private.dat"));
        if (File.Exists(store._path))
        {
            var bytes = File.ReadAllBytes(store._path);
            var offset = 0;
            while (offset + 20 <= bytes.Length)
            {
                var block = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
                var tx = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset + 8));
                var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 16));
                if (length < 0 || offset + 20 + length > bytes.Length)
                {
                    break; // a torn tail: its block was never appended, so the block is committed again from the orderer
                }

                store.Add(block, tx, TxPvtReadWriteSet.Parser.ParseFrom(bytes.AsSpan(offset + 20, length)));
                offset += 20 + length;
            }
        }

        return store;
    }

    /// <summary>The private write sets this peer committed for block <paramref name="blockNumber"/>, by transaction index.</summary>
    public IReadOnlyDictionary<ulong, TxPvtReadWriteSet> GetBlock(ulong blockNumber)
    {
        lock (_lock)
        {
            // copies: purge and expiry change the stored sets in place
            return _blocks.TryGetValue(blockNumber, out var txs) ? txs.ToDictionary(e => e.Key, e => e.Value.Clone()) : new Dictionary<ulong, TxPvtReadWriteSet>();
        }
    }

    /// <summary>Stores a block's private write sets and flushes them to disk.</summary>
    public void Append(ulong blockNumber, IReadOnlyList<(ulong TxIndex, TxPvtReadWriteSet Writes)> writes)
    {
        if (writes.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            foreach (var (tx, set) in writes)
            {
                WriteRecord(stream, blockNumber, tx, set);
                Add(blockNumber, tx, set);
            }

            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Removes every earlier value of the purged keys (per namespace and collection) from the store and
    /// rewrites it; the purge's own write set (a delete, no value) stays.
    /// </summary>
    public void Purge(ulong beforeBlock, IReadOnlyCollection<(string Namespace, string Collection, string Key)> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            var changed = false;
            foreach (var (_, txs) in _blocks.Where(b => b.Key < beforeBlock))
            {
                foreach (var set in txs.Values)
                {
                    changed |= PrivateWriteSets.RemoveKeys(set, keys);
                }
            }

            if (changed)
            {
                Rewrite();
            }
        }
    }

    /// <summary>
    /// Adds one collection's write set to a transaction's stored set (reconciled from another peer) and
    /// flushes it: the whole merged set is appended, and the last record of a transaction wins on load.
    /// </summary>
    public void Merge(ulong blockNumber, ulong txIndex, string ns, CollectionPvtReadWriteSet collection)
    {
        lock (_lock)
        {
            var set = _blocks.TryGetValue(blockNumber, out var txs) && txs.TryGetValue(txIndex, out var existing)
                ? existing.Clone()
                : new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
            var nsSet = set.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns);
            if (nsSet is null)
            {
                nsSet = new NsPvtReadWriteSet { Namespace = ns };
                set.NsPvtRwset.Add(nsSet);
            }

            nsSet.CollectionPvtRwset.Add(collection);
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            WriteRecord(stream, blockNumber, txIndex, set);
            stream.Flush(flushToDisk: true);
            Add(blockNumber, txIndex, set);
        }
    }

    /// <summary>
    /// Removes the write sets that expire when block <paramref name="blockNumber"/> commits
    /// (block-to-live) and rewrites the file when something went, as Fabric's pvtdata store purges them.
    /// </summary>
    public void Expire(ulong blockNumber, BlockToLive blockToLive)
    {
        if (blockToLive.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            var changed = false;
            foreach (var (block, txs) in _blocks.TakeWhile(b => b.Key < blockNumber).ToList())
            {
                foreach (var (tx, set) in txs.ToList())
                {
                    foreach (var ns in set.NsPvtRwset)
                    {
                        var expired = ns.CollectionPvtRwset.Where(c => blockToLive.ExpiresBy(ns.Namespace, c.CollectionName, block, blockNumber)).ToList();
                        expired.ForEach(c => ns.CollectionPvtRwset.Remove(c));
                        changed |= expired.Count > 0;
                    }

                    foreach (var empty in set.NsPvtRwset.Where(n => n.CollectionPvtRwset.Count == 0).ToList())
                    {
                        set.NsPvtRwset.Remove(empty);
                    }

                    if (set.NsPvtRwset.Count == 0)
                    {
                        txs.Remove(tx);
                    }
                }

                if (txs.Count == 0)
                {
                    _blocks.Remove(block);
                }
            }

            if (changed)
            {
                Rewrite();
            }
        }
    }

    /// <summary>Drops records of blocks the block store does not hold (written just before a crash).</summary>
    public void DropFrom(ulong height)
    {
        lock (_lock)
        {
            var stale = _blocks.Keys.Where(b => b >= height).ToList();
            if (stale.Count == 0)
            {
                return;
            }

            stale.ForEach(b => _blocks.Remove(b));
            Rewrite();
        }
    }

    private void Add(ulong block, ulong tx, TxPvtReadWriteSet set)
    {
        if (!_blocks.TryGetValue(block, out var txs))
        {
            txs = [];
            _blocks[block] = txs;
        }

        txs[tx] = set;
    }

    private void Rewrite()
    {
        var temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var (block, txs) in _blocks)
            {
                foreach (var (tx, set) in txs)
                {
                    WriteRecord(stream, block, tx, set);
                }
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    private static void WriteRecord(Stream stream, ulong block, ulong tx, TxPvtReadWriteSet set)
    {
        var body = set.ToByteArray();
        Span<byte> header = stackalloc byte[20];
        BinaryPrimitives.WriteUInt64LittleEndian(header, block);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], tx);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], body.Length);
        stream.Write(header);
        stream.Write(body);
    }
}
