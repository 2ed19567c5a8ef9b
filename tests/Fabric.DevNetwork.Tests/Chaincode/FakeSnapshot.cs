using Fabric.DevNetwork.Ledger;
using Google.Protobuf;

namespace Fabric.DevNetwork.Tests.Chaincode;

/// <summary>An in-memory ledger snapshot for unit tests of the peer's chaincode-side handling.</summary>
public sealed class FakeSnapshot : ILedgerSnapshot
{
    private readonly SortedDictionary<string, VersionedValue> _state = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KeyHistoryEntry>> _history = [];

    public ulong Height { get; init; } = 5;

    public FakeSnapshot With(string key, string value, ulong block, ulong tx, IReadOnlyDictionary<string, ByteString>? metadata = null)
    {
        _state[key] = new VersionedValue(ByteString.CopyFromUtf8(value), new StateVersion(block, tx), metadata ?? new Dictionary<string, ByteString>());
        return this;
    }

    public FakeSnapshot WithHistory(string key, params KeyHistoryEntry[] entries)
    {
        _history[key] = [.. entries];
        return this;
    }

    public VersionedValue? GetState(string ns, string key) => _state.GetValueOrDefault(key);

    public IEnumerable<StateEntry> GetStateRange(string ns, string startKey, string endKey) =>
        _state.Where(e => string.CompareOrdinal(e.Key, startKey) >= 0 && (endKey.Length == 0 || string.CompareOrdinal(e.Key, endKey) < 0))
            .Select(e => new StateEntry(e.Key, e.Value));

    public IReadOnlyList<KeyHistoryEntry> GetHistory(string ns, string key) => _history.GetValueOrDefault(key) ?? [];
}
