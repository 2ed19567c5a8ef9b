using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Client.Tests.Support;

/// <summary>
/// A committed world state in memory with Fabric's transaction semantics: a transaction reads committed
/// state only, buffers its writes, and commits them only when told to (a submit that succeeded).
/// </summary>
public sealed class MemoryWorldState
{
    private readonly SortedDictionary<string, byte[]> _committed = new(StringComparer.Ordinal);
    private int _counter;

    public MemoryWorldState(string seed = "tx")
    {
        Seed = seed;
    }

    /// <summary>Makes transaction ids differ between two worlds fed the same calls.</summary>
    public string Seed { get; }

    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public Transaction Begin(Caller caller)
    {
        _counter++;
        var txId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}-{_counter}")));
        var tx = new Transaction(this, txId, Now, caller);
        Now = Now.AddSeconds(1);
        return tx;
    }

    public void Commit(Transaction tx)
    {
        foreach (var (key, value) in tx.Writes)
        {
            _committed[key] = value;
        }
    }

    private List<KeyValuePair<string, byte[]>> Prefix(string prefix) =>
        _committed.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    public sealed class Transaction : ITransactionContext, ILedger
    {
        private readonly MemoryWorldState _world;

        internal Transaction(MemoryWorldState world, string txId, DateTimeOffset timestamp, Caller caller)
        {
            _world = world;
            TxId = txId;
            Timestamp = timestamp;
            Caller = caller;
        }

        public string TxId { get; }

        public DateTimeOffset Timestamp { get; }

        public Caller Caller { get; }

        public ILedger Ledger => this;

        public List<(string Key, byte[] Value)> Writes { get; } = [];

        public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) =>
            Task.FromResult(_world._committed.TryGetValue(key, out var v) ? v : null);

        public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
        {
            Writes.Add((key, value));
            return Task.CompletedTask;
        }

        public string CreateCompositeKey(string objectType, params string[] attributes) =>
            "\0" + objectType + "\0" + string.Concat(attributes.Select(a => a + "\0"));

        public async IAsyncEnumerable<LedgerEntry> GetStateByPartialCompositeKeyAsync(
            string objectType, IReadOnlyList<string> attributes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var (key, value) in _world.Prefix(CreateCompositeKey(objectType, [.. attributes])))
            {
                yield return new LedgerEntry(key, value);
            }
        }

        public Task<LedgerPage> GetStateByPartialCompositeKeyWithPaginationAsync(
            string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
        {
            var all = _world.Prefix(CreateCompositeKey(objectType, [.. attributes]))
                .Where(kv => bookmark.Length == 0 || string.CompareOrdinal(kv.Key, bookmark) >= 0)
                .ToList();
            var page = all.Take(pageSize).Select(kv => new LedgerEntry(kv.Key, kv.Value)).ToList();
            return Task.FromResult(new LedgerPage(page, all.Count > pageSize ? all[pageSize].Key : string.Empty, page.Count));
        }

        public void SetEvent(string name, byte[] payload)
        {
        }
    }
}
