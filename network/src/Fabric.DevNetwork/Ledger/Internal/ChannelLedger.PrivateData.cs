using Fabric.DevNetwork.Validation.Internal;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The private data step of a commit, after validation and apart from it: for each valid transaction
/// with collection hashes, a member peer takes the private write set (from the transient store when
/// committing, from its private data store when recovering), checks it against the block's hashes, and
/// writes the values into its private namespaces. A set that is missing or does not match is not
/// applied; as on Fabric the transaction stays valid and the peer lacks that data.
/// </summary>
internal sealed partial class ChannelLedger
{
    private PrivateDataPeer? _privatePeer;
    private PrivateDataStore? _privateStore;

    /// <summary>
    /// The private write sets this peer committed for block <paramref name="blockNumber"/>, by
    /// transaction index, only the collections its organisation is a member of and without purged
    /// values: the <c>private_data_map</c> of Fabric's <c>BlockAndPrivateData</c> for DeliverWithPrivateData.
    /// Empty for a block without private data, and on a peer without collections.
    /// </summary>
    internal IReadOnlyDictionary<ulong, TxPvtReadWriteSet> GetBlockPrivateData(ulong blockNumber) =>
        _privateStore?.GetBlock(blockNumber) ?? new Dictionary<ulong, TxPvtReadWriteSet>();

    private void OpenPrivateData(string directory, PrivateDataPeer? peer, BlockToLive blockToLive)
    {
        _privatePeer = peer;
        _privateStore = peer is null ? null : PrivateDataStore.Open(directory);
        _blockToLive = blockToLive;
    }

    /// <summary>Collects the block's private data and makes it durable (before the block is appended).</summary>
    private List<KeyUpdate> CommitPrivateData(ulong blockNumber, IReadOnlyList<ParsedTransaction> transactions, TxValidationCode[] codes, StateSnapshot state)
    {
        if (_privatePeer is null || _privateStore is null)
        {
            return [];
        }

        var (updates, kept, purged, missing) = CollectPrivateData(blockNumber, transactions, codes, state, (txId, _) => _privatePeer.Transient.Find(txId, _privatePeer.PeerName), recovering: false);
        _privateStore.Append(blockNumber, kept);
        _privateStore.Purge(blockNumber, purged);
        _privateStore.Expire(blockNumber, _blockToLive);
        RecordMissing(missing);
        foreach (var transaction in transactions.Where(t => t.Collections.Count > 0))
        {
            _privatePeer.Transient.Committed(transaction.TxId, _privatePeer.PeerName);
        }

        return updates;
    }

    /// <summary>
    /// Re-applies a stored block's private data while recovering; what the store lacks (and has not
    /// expired by the end of recovery) is missing, for the reconciler.
    /// </summary>
    private List<KeyUpdate> RecoverPrivateData(ulong blockNumber, IReadOnlyList<ParsedTransaction> transactions, TxValidationCode[] codes, List<MissingPrivateData> missing)
    {
        if (_privatePeer is null || _privateStore is null)
        {
            return [];
        }

        var stored = _privateStore.GetBlock(blockNumber);
        var collected = CollectPrivateData(blockNumber, transactions, codes, _state, (_, index) => stored.GetValueOrDefault(index), recovering: true);
        missing.AddRange(collected.Missing);
        return collected.Updates;
    }

    /// <param name="recovering">
    /// True: the sets come from this peer's own store, checked when stored, whose purged values were taken
    /// out since (so checked write by write); false: from the transient hand-over, checked as a whole.
    /// </param>
    private (List<KeyUpdate> Updates, List<(ulong TxIndex, TxPvtReadWriteSet Writes)> Kept, List<(string Namespace, string Collection, string Key)> Purged, List<MissingPrivateData> Missing) CollectPrivateData(
        ulong blockNumber, IReadOnlyList<ParsedTransaction> transactions, TxValidationCode[] codes, StateSnapshot state, Func<string, ulong, TxPvtReadWriteSet?> source, bool recovering)
    {
        var peer = _privatePeer!;
        var updates = new List<KeyUpdate>();
        var kept = new List<(ulong, TxPvtReadWriteSet)>();
        var purged = new List<(string, string, string)>();
        var missing = new List<MissingPrivateData>();
        for (var i = 0; i < transactions.Count; i++)
        {
            var transaction = transactions[i];
            if (codes[i] != TxValidationCode.Valid || transaction.Collections.Count == 0)
            {
                continue;
            }

            var version = new StateVersion(blockNumber, (ulong)i);
            var timestamp = transaction.ChannelHeader?.Timestamp ?? new Timestamp();
            var available = source(transaction.TxId, (ulong)i);
            var mine = new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
            foreach (var hashes in transaction.Collections.Where(c => peer.IsMember(c.Namespace, c.Collection)))
            {
                var privateSet = PrivateWriteSets.Find(available, hashes.Namespace, hashes.Collection);
                KVRWSet? writes = null;
                if (privateSet is not null && recovering)
                {
                    writes = PrivateWriteSets.Verify(privateSet, hashes);
                }
                else if (privateSet is not null && PrivateNamespaces.ValueHash(privateSet.Rwset).Equals(hashes.PrivateSetHash))
                {
                    writes = KVRWSet.Parser.ParseFrom(privateSet.Rwset);
                    AddTo(mine, hashes.Namespace, privateSet);
                }

                if (writes is null && hashes.Hashed.HashedWrites.Count > 0)
                {
                    missing.Add(new MissingPrivateData(blockNumber, (ulong)i, transaction.TxId, hashes));
                    if (!recovering)
                    {
                        LogPrivateDataMissing(_logger, ChannelId, peer.PeerName, transaction.TxId, hashes.Namespace, hashes.Collection);
                    }
                }

                var privateNamespace = PrivateNamespaces.Private(hashes.Namespace, hashes.Collection);
                foreach (var write in writes?.Writes ?? [])
                {
                    updates.Add(new KeyUpdate(privateNamespace, write.Key, version, transaction.TxId, timestamp, true, write.IsDelete, write.Value, null));
                }

                foreach (var purge in hashes.Hashed.HashedWrites.Where(w => w.IsPurge))
                {
                    // the key by its hash: the private write set may be missing, the hash never is
                    var key = writes?.Writes.FirstOrDefault(w => PrivateNamespaces.KeyHash(w.Key).Equals(purge.KeyHash))?.Key
                        ?? state.GetStateRange(privateNamespace, string.Empty, string.Empty).FirstOrDefault(e => PrivateNamespaces.KeyHash(e.Key).Equals(purge.KeyHash))?.Key;
                    if (key is not null)
                    {
                        purged.Add((hashes.Namespace, hashes.Collection, key));
                        updates.Add(new KeyUpdate(privateNamespace, key, version, transaction.TxId, timestamp, true, true, Google.Protobuf.ByteString.Empty, null));
                    }
                }
            }

            if (mine.NsPvtRwset.Count > 0)
            {
                kept.Add(((ulong)i, mine));
            }
        }

        return (updates, kept, purged, missing);
    }

    private static void AddTo(TxPvtReadWriteSet set, string ns, CollectionPvtReadWriteSet collection)
    {
        var nsSet = set.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns);
        if (nsSet is null)
        {
            nsSet = new NsPvtReadWriteSet { Namespace = ns };
            set.NsPvtRwset.Add(nsSet);
        }

        nsSet.CollectionPvtRwset.Add(collection.Clone());
    }

    [LoggerMessage(EventId = 6107, Level = LogLevel.Warning, Message = "Channel {ChannelId}, peer {Peer}: private data of transaction {TxId} for collection {Namespace}/{Collection} is missing or does not match the block's hashes; not applied, recorded as missing for reconciliation.")]
    private static partial void LogPrivateDataMissing(ILogger logger, string channelId, string peer, string txId, string @namespace, string collection);
}
