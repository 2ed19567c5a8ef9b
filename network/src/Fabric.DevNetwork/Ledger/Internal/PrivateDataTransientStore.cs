using System.Collections.Concurrent;
using Hyperledger.Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The channel's private write sets on their way from endorsers to committers, keyed by tx id. In
/// Fabric an endorser disseminates them over gossip to member peers before it endorses, and they keep
/// them in their transient stores until the block arrives; here one store stands for that hand-over and
/// records, per collection, which peers received the set: the endorser and, as Fabric's distributor
/// plans it, up to the collection's <c>maxPeerCount</c> other member peers that are up (committing),
/// failing the endorsement when fewer than <c>requiredPeerCount</c> are. A member peer that did not
/// receive a collection commits its block without it and reconciles it later. An entry is dropped once
/// every peer has committed the block that holds its transaction.
/// </summary>
internal sealed class PrivateDataTransientStore
{
    private readonly int _peerCount;
    private readonly Dictionary<(string Namespace, string Collection), CollectionDefinition> _collections = [];
    private readonly List<Recipient> _recipients = [];
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <param name="peerCount">Peers of the channel: an entry goes once that many have committed its block.</param>
    /// <param name="chaincodes">The chaincode definitions, whose collections set how far a set is disseminated.</param>
    public PrivateDataTransientStore(int peerCount, IEnumerable<ChaincodeDefinition>? chaincodes = null)
    {
        _peerCount = peerCount;
        foreach (var chaincode in chaincodes ?? [])
        {
            foreach (var collection in chaincode.Collections)
            {
                _collections[(chaincode.Name, collection.Name)] = collection;
            }
        }
    }

    /// <summary>Number of entries waiting for a block (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a peer that private data can be disseminated to; <paramref name="isUp"/> tells whether it would acknowledge now.</summary>
    public void AddRecipient(PrivateDataPeer peer, Func<bool> isUp)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_recipients)
        {
            _recipients.Add(new Recipient(peer, isUp));
        }
    }

    /// <summary>
    /// The endorser <paramref name="endorser"/> disseminates its private write set: each collection to the
    /// endorser itself and up to its <c>maxPeerCount</c> other member peers that are up. Returns null, or
    /// Fabric's error when a collection has fewer such peers than its <c>requiredPeerCount</c> (nothing is
    /// then kept, as the endorsement fails). A second endorser's set is not kept (commit checks the first
    /// against the block's hashes), but the peers it reached are added.
    /// </summary>
    public string? Disseminate(string txId, string channelId, string endorser, TxPvtReadWriteSet writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        Recipient[] recipients;
        lock (_recipients)
        {
            recipients = [.. _recipients];
        }

        var plan = new Dictionary<(string, string), HashSet<string>>();
        foreach (var ns in writes.NsPvtRwset)
        {
            foreach (var collection in ns.CollectionPvtRwset)
            {
                var definition = _collections.GetValueOrDefault((ns.Namespace, collection.CollectionName));
                var eligible = recipients
                    .Where(r => !string.Equals(r.Peer.PeerName, endorser, StringComparison.OrdinalIgnoreCase)
                        && r.Peer.IsMember(ns.Namespace, collection.CollectionName) && r.IsUp())
                    .Select(r => r.Peer.PeerName)
                    .ToList();
                var required = definition?.RequiredPeerCount ?? 0;
                if (eligible.Count < required)
                {
                    return $"failed to distribute private collection, txID {txId}, channel {channelId}: could not build private data dissemination plan for chaincode {ns.Namespace} and collection {collection.CollectionName}: required to disseminate to at least {required} peers, but know of only {eligible.Count} eligible peers";
                }

                var chosen = new HashSet<string>(eligible.Take(Math.Max(0, definition?.MaxPeerCount ?? 1)), StringComparer.OrdinalIgnoreCase) { endorser };
                plan[(ns.Namespace, collection.CollectionName)] = chosen;
            }
        }

        var entry = _entries.GetOrAdd(txId, _ => new Entry(writes));
        entry.Reached(plan);
        return null;
    }

    /// <summary>The collections of <paramref name="txId"/>'s private write set that reached <paramref name="peerName"/>, or null when none did.</summary>
    public TxPvtReadWriteSet? Find(string txId, string peerName) =>
        _entries.TryGetValue(txId, out var entry) ? entry.For(peerName) : null;

    /// <summary>One peer has committed the block holding <paramref name="txId"/>.</summary>
    public void Committed(string txId, string peerName)
    {
        if (_entries.TryGetValue(txId, out var entry) && entry.AddCommitted(peerName) >= _peerCount)
        {
            _entries.TryRemove(txId, out _);
        }
    }

    private sealed record Recipient(PrivateDataPeer Peer, Func<bool> IsUp);

    private sealed class Entry(TxPvtReadWriteSet writes)
    {
        private readonly HashSet<string> _committed = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<(string Namespace, string Collection), HashSet<string>> _reached = [];

        public void Reached(Dictionary<(string, string), HashSet<string>> plan)
        {
            lock (_reached)
            {
                foreach (var (collection, peers) in plan)
                {
                    if (_reached.TryGetValue(collection, out var known))
                    {
                        known.UnionWith(peers);
                    }
                    else
                    {
                        _reached[collection] = peers;
                    }
                }
            }
        }

        public TxPvtReadWriteSet? For(string peerName)
        {
            var result = new TxPvtReadWriteSet { DataModel = writes.DataModel };
            lock (_reached)
            {
                foreach (var ns in writes.NsPvtRwset)
                {
                    var mine = new NsPvtReadWriteSet { Namespace = ns.Namespace };
                    mine.CollectionPvtRwset.AddRange(ns.CollectionPvtRwset.Where(c =>
                        _reached.TryGetValue((ns.Namespace, c.CollectionName), out var peers) && peers.Contains(peerName)));
                    if (mine.CollectionPvtRwset.Count > 0)
                    {
                        result.NsPvtRwset.Add(mine);
                    }
                }
            }

            return result.NsPvtRwset.Count > 0 ? result : null;
        }

        public int AddCommitted(string peerName)
        {
            lock (_committed)
            {
                _committed.Add(peerName);
                return _committed.Count;
            }
        }
    }
}
