using System.Collections.Immutable;
using Google.Protobuf;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// Immutable world state and key history at one height. Commits build a new snapshot from the old
/// one (persistent trees share structure), so readers holding an old snapshot are never disturbed.
/// </summary>
internal sealed class StateSnapshot : ILedgerSnapshot
{
    private static readonly IComparer<StateEntry> EntryOrder =
        Comparer<StateEntry>.Create((a, b) => KeyOrder.Instance.Compare(a.Key, b.Key));

    private static readonly IReadOnlyDictionary<string, ByteString> NoMetadata = ImmutableDictionary<string, ByteString>.Empty;

    private readonly ImmutableDictionary<string, ImmutableSortedSet<StateEntry>> _namespaces;
    private readonly ImmutableDictionary<(string Namespace, string Key), ImmutableList<KeyHistoryEntry>> _history;

    private StateSnapshot(
        ulong height,
        ImmutableDictionary<string, ImmutableSortedSet<StateEntry>> namespaces,
        ImmutableDictionary<(string Namespace, string Key), ImmutableList<KeyHistoryEntry>> history)
    {
        Height = height;
        _namespaces = namespaces;
        _history = history;
    }

    public static StateSnapshot Empty { get; } = new(
        0,
        ImmutableDictionary.Create<string, ImmutableSortedSet<StateEntry>>(StringComparer.Ordinal),
        ImmutableDictionary<(string, string), ImmutableList<KeyHistoryEntry>>.Empty);

    public ulong Height { get; }

    public VersionedValue? GetState(string ns, string key)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(key);
        return _namespaces.TryGetValue(ns, out var set) && set.TryGetValue(Probe(key), out var entry) ? entry.Value : null;
    }

    public IEnumerable<StateEntry> GetStateRange(string ns, string startKey, string endKey)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(startKey);
        ArgumentNullException.ThrowIfNull(endKey);
        return _namespaces.TryGetValue(ns, out var set) ? Range(set, startKey, endKey) : [];
    }

    public IReadOnlyList<KeyHistoryEntry> GetHistory(string ns, string key)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(key);
        return _history.TryGetValue((ns, key), out var list) ? list.Reverse().ToArray() : [];
    }

    /// <summary>The snapshot after applying the valid writes of one block.</summary>
    public StateSnapshot Apply(IReadOnlyList<KeyUpdate> updates, ulong newHeight)
    {
        if (updates.Count == 0)
        {
            return new StateSnapshot(newHeight, _namespaces, _history);
        }

        var namespaces = _namespaces.ToBuilder();
        var history = _history.ToBuilder();
        var builders = new Dictionary<string, ImmutableSortedSet<StateEntry>.Builder>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            if (!builders.TryGetValue(update.Namespace, out var set))
            {
                set = (namespaces.TryGetValue(update.Namespace, out var existingSet)
                    ? existingSet
                    : ImmutableSortedSet.Create(EntryOrder)).ToBuilder();
                builders.Add(update.Namespace, set);
            }

            ApplyOne(set, update);
            // Fabric's history database indexes public writes only: no private value stays behind in it.
            if (update.HasValueWrite && !PrivateNamespaces.IsCollectionNamespace(update.Namespace))
            {
                var entry = new KeyHistoryEntry(update.TxId, update.IsDelete ? ByteString.Empty : update.Value, update.Timestamp, update.IsDelete, update.Version);
                var id = (update.Namespace, update.Key);
                history[id] = history.TryGetValue(id, out var list) ? list.Add(entry) : [entry];
            }
        }

        foreach (var (ns, set) in builders)
        {
            namespaces[ns] = set.ToImmutable();
        }

        return new StateSnapshot(newHeight, namespaces.ToImmutable(), history.ToImmutable());
    }

    private static void ApplyOne(ImmutableSortedSet<StateEntry>.Builder set, KeyUpdate update)
    {
        var probe = Probe(update.Key);
        var existing = set.TryGetValue(probe, out var found) ? found : null;
        if (update.HasValueWrite && update.IsDelete)
        {
            set.Remove(probe);
            return;
        }

        VersionedValue value;
        if (update.HasValueWrite)
        {
            value = new VersionedValue(update.Value, update.Version, update.Metadata ?? existing?.Value.Metadata ?? NoMetadata);
        }
        else if (existing is not null)
        {
            // a metadata-only write keeps the value; Fabric ignores one for a key that does not exist
            value = new VersionedValue(existing.Value.Value, update.Version, update.Metadata ?? NoMetadata);
        }
        else
        {
            return;
        }

        set.Remove(probe);
        set.Add(new StateEntry(update.Key, value));
    }

    private static IEnumerable<StateEntry> Range(ImmutableSortedSet<StateEntry> set, string startKey, string endKey)
    {
        var index = set.IndexOf(Probe(startKey));
        if (index < 0)
        {
            index = ~index;
        }

        for (; index < set.Count; index++)
        {
            var entry = set[index];
            if (endKey.Length != 0 && KeyOrder.Instance.Compare(entry.Key, endKey) >= 0)
            {
                yield break;
            }

            yield return entry;
        }
    }

    private static StateEntry Probe(string key) => new(key, null!);
}
