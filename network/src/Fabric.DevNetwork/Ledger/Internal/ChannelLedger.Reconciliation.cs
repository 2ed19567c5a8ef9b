using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Ledger.Rwset;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <content>
/// Private data a member peer committed without: recorded at commit (and found again at recovery, as
/// the blocks' hashes the private data store cannot answer), and filled in later from another member
/// peer by <see cref="PrivateDataReconciler"/>, as Fabric's reconciler does. Until then a read of such a
/// key fails as on Fabric: the hash's version has no matching private value.
/// </content>
internal sealed partial class ChannelLedger
{
    private readonly Lock _missingLock = new();
    private readonly List<MissingPrivateData> _missing = [];

    /// <summary>The private write sets this peer is missing and will reconcile, oldest first.</summary>
    internal IReadOnlyList<MissingPrivateData> MissingPrivateData
    {
        get
        {
            lock (_missingLock)
            {
                return [.. _missing];
            }
        }
    }

    /// <summary>This peer's private data store's copy of one collection's write set, or null (a supplier's side of reconciliation).</summary>
    internal CollectionPvtReadWriteSet? FindPrivateData(ulong blockNumber, ulong txIndex, string ns, string collection) =>
        _privateStore is { } store && store.GetBlock(blockNumber).TryGetValue(txIndex, out var set) ? PrivateWriteSets.Find(set, ns, collection)?.Clone() : null;

    /// <summary>
    /// Asks <paramref name="fetch"/> for each missing write set; one that matches the block's hashes goes
    /// into the private data store, and its values into state where the key still has that version (a key
    /// written, deleted, purged or expired since keeps its later state). Expired entries are dropped
    /// without asking. Returns the number of write sets reconciled.
    /// </summary>
    internal async Task<int> ReconcileAsync(Func<MissingPrivateData, CollectionPvtReadWriteSet?> fetch, CancellationToken cancellationToken)
    {
        if (_privateStore is null || MissingPrivateData.Count == 0)
        {
            return 0;
        }

        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var reconciled = 0;
            var updates = new List<KeyUpdate>();
            foreach (var missing in MissingPrivateData)
            {
                if (_blockToLive.IsExpired(missing.Namespace, missing.Collection, missing.BlockNumber, Height))
                {
                    Forget(missing);
                    continue;
                }

                var supplied = fetch(missing);
                var writes = supplied is null ? null : PrivateWriteSets.Verify(supplied, missing.Hashes);
                if (writes is null)
                {
                    continue;
                }

                var version = new StateVersion(missing.BlockNumber, missing.TxIndex);
                var privateNamespace = PrivateNamespaces.Private(missing.Namespace, missing.Collection);
                var kept = new KVRWSet();
                foreach (var write in writes.Writes)
                {
                    var hashed = _state.GetState(missing.Hashes.HashedNamespace, PrivateNamespaces.HashedKey(PrivateNamespaces.KeyHash(write.Key)));
                    if (write.IsDelete)
                    {
                        kept.Writes.Add(write);
                    }
                    else if (hashed is not null)
                    {
                        // a key deleted or purged since keeps no value of this version, in state or in the store
                        kept.Writes.Add(write);
                        if (hashed.Version == version)
                        {
                            updates.Add(new KeyUpdate(privateNamespace, write.Key, version, missing.TxId, new Timestamp(), true, false, write.Value, null));
                        }
                    }
                }

                _privateStore.Merge(missing.BlockNumber, missing.TxIndex, missing.Namespace, new CollectionPvtReadWriteSet { CollectionName = missing.Collection, Rwset = kept.ToByteString() });
                Forget(missing);
                reconciled++;
                LogReconciled(_logger, ChannelId, _privatePeer?.PeerName ?? string.Empty, missing.TxId, missing.Namespace, missing.Collection, missing.BlockNumber);
            }

            if (updates.Count > 0)
            {
                _state = _state.Apply(updates, _state.Height);
            }

            return reconciled;
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>Sets found missing while replaying the block store, collected until recovery ends.</summary>
    private readonly List<MissingPrivateData> _recoveredMissing = [];

    /// <summary>After recovery: what the store lacks and has not expired by now is missing.</summary>
    private void TakeRecoveredMissing()
    {
        var missing = _recoveredMissing.Where(m => !_blockToLive.IsExpired(m.Namespace, m.Collection, m.BlockNumber, Height)).ToList();
        _recoveredMissing.Clear();
        if (missing.Count > 0)
        {
            RecordMissing(missing);
            LogMissingAtRecovery(_logger, ChannelId, _privatePeer?.PeerName ?? string.Empty, missing.Count);
        }
    }

    private void RecordMissing(IEnumerable<MissingPrivateData> missing)
    {
        lock (_missingLock)
        {
            _missing.AddRange(missing);
        }
    }

    private void Forget(MissingPrivateData missing)
    {
        lock (_missingLock)
        {
            _missing.Remove(missing);
        }
    }

    [LoggerMessage(EventId = 6131, Level = LogLevel.Information, Message = "Channel {ChannelId}, peer {Peer}: reconciled the private data of transaction {TxId} for collection {Namespace}/{Collection} (block {Number}) from another member peer.")]
    private static partial void LogReconciled(ILogger logger, string channelId, string peer, string txId, string @namespace, string collection, ulong number);

    [LoggerMessage(EventId = 6132, Level = LogLevel.Warning, Message = "Channel {ChannelId}, peer {Peer}: {Count} private write sets of committed blocks are missing from the private data store; the reconciler fetches them from other member peers.")]
    private static partial void LogMissingAtRecovery(ILogger logger, string channelId, string peer, int count);
}
