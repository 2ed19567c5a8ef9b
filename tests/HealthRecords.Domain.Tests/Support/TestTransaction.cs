using System.Runtime.CompilerServices;
using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Tests.Support;

/// <summary>One transaction on an <see cref="InMemoryLedger"/>: the context and the stub in one.</summary>
public sealed class TestTransaction : ITransactionContext, ILedger
{
    private readonly InMemoryLedger _ledger;
    private readonly List<(string Key, byte[] Value)> _writes = [];

    internal TestTransaction(InMemoryLedger ledger, string txId, DateTimeOffset timestamp, Caller caller)
    {
        _ledger = ledger;
        TxId = txId;
        Timestamp = timestamp;
        Caller = caller;

        // Fabric's binding hashes the client's random nonce; a hash of the tx id stands in for it here.
        Binding = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("binding:" + txId));
    }

    public string TxId { get; }

    public DateTimeOffset Timestamp { get; }

    public Caller Caller { get; }

    public ILedger Ledger => this;

    public ReadOnlyMemory<byte> Binding { get; }

    /// <summary>Every PutState, in call order (a key written twice appears twice).</summary>
    public IReadOnlyList<(string Key, byte[] Value)> WriteSet => _writes;

    /// <summary>The event set last, or null.</summary>
    public (string Name, byte[] Payload)? Event { get; private set; }

    /// <summary>How many times SetEvent was called (Fabric keeps only the last).</summary>
    public int EventCalls { get; private set; }

    public bool IsCommitted { get; internal set; }

    /// <summary>How many paginated range queries the transaction ran.</summary>
    public int PageQueries { get; private set; }

    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ledger.Read(key)); // committed state only, like Fabric

    public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        if (value is null || value.Length == 0)
        {
            throw new InvalidOperationException($"Empty value for '{key}': Fabric would treat it as a delete.");
        }

        _writes.Add((key, value));
        return Task.CompletedTask;
    }

    public string CreateCompositeKey(string objectType, params string[] attributes)
    {
        if (objectType.Contains('\0', StringComparison.Ordinal) || attributes.Any(a => a.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Composite key parts must not contain U+0000.");
        }

        return "\0" + objectType + "\0" + string.Concat(attributes.Select(a => a + "\0"));
    }

    public async IAsyncEnumerable<LedgerEntry> GetStateByPartialCompositeKeyAsync(
        string objectType, IReadOnlyList<string> attributes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var (key, value) in _ledger.ReadPrefix(CreateCompositeKey(objectType, [.. attributes])))
        {
            yield return new LedgerEntry(key, value);
        }
    }

    public Task<LedgerPage> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        // As Fabric's peer does: the bookmark replaces the range's start key without a bounds check,
        // and the end stays the prefix's end, so the chaincode must confine the bookmark itself.
        PageQueries++;
        var prefix = CreateCompositeKey(objectType, [.. attributes]);
        var all = _ledger.ReadRange(bookmark.Length == 0 ? prefix : bookmark, prefix + char.ConvertFromUtf32(0x10FFFF)).ToList();
        var page = all.Take(pageSize).Select(kv => new LedgerEntry(kv.Key, kv.Value)).ToList();
        var next = all.Count > pageSize ? all[pageSize].Key : string.Empty;
        return Task.FromResult(new LedgerPage(page, next, page.Count));
    }

    public void SetEvent(string name, byte[] payload)
    {
        EventCalls++;
        Event = (name, payload);
    }
}
