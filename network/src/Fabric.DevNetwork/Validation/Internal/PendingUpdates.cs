using Fabric.DevNetwork.Ledger.Internal;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>The writes of the earlier valid transactions of the block being validated.</summary>
internal sealed class PendingUpdates
{
    private readonly Dictionary<(string Namespace, string Key), KeyUpdate> _byKey = [];
    private readonly List<KeyUpdate> _inOrder = [];

    /// <summary>Every update, in transaction order (a later one for the same key supersedes an earlier one).</summary>
    public IReadOnlyList<KeyUpdate> InOrder => _inOrder;

    public bool TryGet(string ns, string key, out KeyUpdate update) => _byKey.TryGetValue((ns, key), out update!);

    public void AddRange(IEnumerable<KeyUpdate> updates)
    {
        foreach (var update in updates)
        {
            _byKey[(update.Namespace, update.Key)] = update;
            _inOrder.Add(update);
        }
    }

    /// <summary>The latest pending update of each key of <paramref name="ns"/> in [start, end], sorted by key.</summary>
    public List<KeyUpdate> InRange(string ns, string startKey, string endKey, bool includeEnd)
    {
        var order = KeyOrder.Instance;
        return _byKey.Values
            .Where(u => u.Namespace == ns
                && order.Compare(u.Key, startKey) >= 0
                && (endKey.Length == 0 || (includeEnd ? order.Compare(u.Key, endKey) <= 0 : order.Compare(u.Key, endKey) < 0)))
            .OrderBy(u => u.Key, order)
            .ToList();
    }
}
