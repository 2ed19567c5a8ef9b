using System.Security.Cryptography;
using System.Text;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Tests.Support;

/// <summary>
/// A world state in memory with Fabric's transaction semantics: each transaction reads the
/// committed state only, buffers its writes and one event, and commits them only if it succeeds.
/// Transaction ids and timestamps are deterministic (a counter and a clock the test controls), so
/// two ledgers fed the same calls end up byte-identical.
/// </summary>
public sealed class InMemoryLedger
{
    private readonly SortedDictionary<string, byte[]> _committed = new(StringComparer.Ordinal);
    private readonly string _seed;
    private int _txCounter;

    /// <summary>Creates an empty ledger; <paramref name="seed"/> makes transaction ids differ between two ledgers fed the same calls.</summary>
    public InMemoryLedger(string seed = "tx")
    {
        _seed = seed;
    }

    /// <summary>The next transaction's timestamp; each <see cref="RunAsync{T}"/> advances it by one second.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The committed state, in key order.</summary>
    public IReadOnlyDictionary<string, byte[]> State => _committed;

    /// <summary>The last transaction run, committed or not.</summary>
    public TestTransaction? Last { get; private set; }

    /// <summary>Every committed transaction, in order.</summary>
    public List<TestTransaction> Committed { get; } = [];

    /// <summary>Starts a transaction as <paramref name="caller"/> without running anything.</summary>
    public TestTransaction Begin(Caller caller, string? txId = null)
    {
        _txCounter++;
        var id = txId ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_seed + "-" + _txCounter)));
        var tx = new TestTransaction(this, id, Now, caller);
        Now = Now.AddSeconds(1);
        Last = tx;
        return tx;
    }

    /// <summary>Runs <paramref name="body"/> in a new transaction; commits its writes only if it returns.</summary>
    public async Task<T> RunAsync<T>(Caller caller, Func<ITransactionContext, Task<T>> body, string? txId = null)
    {
        var tx = Begin(caller, txId);
        var result = await body(tx).WaitAsync(TestSupport.TestTimeouts.Short);
        Commit(tx);
        return result;
    }

    /// <summary>
    /// A copy of the committed state now, with its own transaction ids and clock: what a peer that has not
    /// applied later blocks would answer from. Transactions on the copy never touch this ledger.
    /// </summary>
    public InMemoryLedger Snapshot()
    {
        var copy = new InMemoryLedger(_seed + "-snapshot") { Now = Now };
        foreach (var (key, value) in _committed)
        {
            copy._committed[key] = value;
        }

        return copy;
    }

    internal byte[]? Read(string key) => _committed.TryGetValue(key, out var value) ? value : null;

    internal IEnumerable<KeyValuePair<string, byte[]>> ReadPrefix(string prefix) =>
        _committed.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    /// <summary>The committed entries with <paramref name="start"/> &lt;= key &lt; <paramref name="end"/> (ordinal), in key order.</summary>
    internal IEnumerable<KeyValuePair<string, byte[]>> ReadRange(string start, string end) =>
        _committed.Where(kv => string.CompareOrdinal(kv.Key, start) >= 0 && string.CompareOrdinal(kv.Key, end) < 0).ToList();

    /// <summary>Commits <paramref name="tx"/>'s writes (what a successful submit does).</summary>
    internal void Commit(TestTransaction tx)
    {
        foreach (var (key, value) in tx.WriteSet)
        {
            _committed[key] = value;
        }

        tx.IsCommitted = true;
        Committed.Add(tx);
    }
}
