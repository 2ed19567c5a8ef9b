using System.Collections.Concurrent;
using Hyperledger.Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// The channel's private write sets on their way from endorsers to committers, keyed by tx id. In
/// Fabric an endorser sends them over gossip to member peers, which keep them in their transient
/// stores until the block arrives; here one store stands for that hand-over, and each peer's committer
/// takes from it only the collections its organisation is a member of. An entry is dropped once every
/// peer has committed the block that holds its transaction.
/// </summary>
internal sealed class PrivateDataTransientStore(int peerCount)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Number of entries waiting for a block (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <summary>Keeps the endorser's private write set; a second endorser's copy is ignored (commit checks it against the block's hashes).</summary>
    public void Put(string txId, TxPvtReadWriteSet writes) => _entries.TryAdd(txId, new Entry(writes));

    public TxPvtReadWriteSet? Find(string txId) => _entries.TryGetValue(txId, out var entry) ? entry.Writes : null;

    /// <summary>One peer has committed the block holding <paramref name="txId"/>.</summary>
    public void Committed(string txId, string peerName)
    {
        if (_entries.TryGetValue(txId, out var entry) && entry.AddPeer(peerName) >= peerCount)
        {
            _entries.TryRemove(txId, out _);
        }
    }

    private sealed class Entry(TxPvtReadWriteSet writes)
    {
        private readonly HashSet<string> _peers = new(StringComparer.OrdinalIgnoreCase);

        public TxPvtReadWriteSet Writes { get; } = writes;

        public int AddPeer(string peerName)
        {
            lock (_peers)
            {
                _peers.Add(peerName);
                return _peers.Count;
            }
        }
    }
}
