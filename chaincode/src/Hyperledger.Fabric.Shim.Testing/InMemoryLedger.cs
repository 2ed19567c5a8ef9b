using System.Text;
using Hyperledger.Fabric.Shim.Testing.Internal;

namespace Hyperledger.Fabric.Shim.Testing;

/// <summary>
/// Committed state of one channel's chaincode namespace, kept in memory: world state in UTF-8 key
/// order, private data collections, key metadata (endorsement policies), key history and committed
/// events. Transactions read it through <see cref="InMemoryChaincodeStub"/>s and change it only when
/// committed. Thread-safe.
/// </summary>
public sealed class InMemoryLedger
{
    private static readonly DateTimeOffset ClockStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, byte[]> _state = new(Utf8Ordinal.Instance);
    private readonly Dictionary<string, SortedDictionary<string, byte[]>> _private = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), Dictionary<string, byte[]>> _metadata = [];
    private readonly Dictionary<string, List<KeyModification>> _history = new(StringComparer.Ordinal);
    private readonly List<InMemoryChaincodeEvent> _events = [];
    private readonly List<string> _committed = [];
    private long _sequence;

    /// <summary>Creates an empty ledger for <paramref name="channelId"/>.</summary>
    public InMemoryLedger(string channelId = "mychannel")
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ChannelId = channelId;
    }

    /// <summary>The channel id stubs report.</summary>
    public string ChannelId { get; }

    /// <summary>Committed events, oldest first.</summary>
    public IReadOnlyList<InMemoryChaincodeEvent> Events
    {
        get { lock (_gate) { return _events.ToArray(); } }
    }

    /// <summary>Ids of committed transactions, in commit order.</summary>
    public IReadOnlyList<string> CommittedTransactions
    {
        get { lock (_gate) { return _committed.ToArray(); } }
    }

    /// <summary>The committed value of <paramref name="key"/>, or null.</summary>
    public byte[]? GetState(string key)
    {
        lock (_gate)
        {
            return _state.TryGetValue(key, out var value) ? value : null;
        }
    }

    /// <summary>The committed value of <paramref name="key"/> as UTF-8 text, or null.</summary>
    public string? GetStateAsString(string key) => GetState(key) is { } value ? Encoding.UTF8.GetString(value) : null;

    /// <summary>The committed private value of <paramref name="key"/> in <paramref name="collection"/>, or null.</summary>
    public byte[]? GetPrivateData(string collection, string key)
    {
        lock (_gate)
        {
            return _private.TryGetValue(collection, out var data) && data.TryGetValue(key, out var value) ? value : null;
        }
    }

    /// <summary>Every committed key and value, in UTF-8 key order.</summary>
    public IReadOnlyList<KeyValue> GetAllState()
    {
        lock (_gate)
        {
            return _state.Select(e => new KeyValue(e.Key, e.Value)).ToArray();
        }
    }

    /// <summary>The committed changes of <paramref name="key"/>, newest first (as Fabric 2.x returns them).</summary>
    public IReadOnlyList<KeyModification> GetHistory(string key)
    {
        lock (_gate)
        {
            return _history.TryGetValue(key, out var list) ? list.AsEnumerable().Reverse().ToArray() : [];
        }
    }

    /// <summary>Seeds a key directly, as if a transaction had committed it.</summary>
    public void SeedState(string key, ReadOnlyMemory<byte> value)
    {
        var stub = CreateStub([], new InMemoryTransactionOptions());
        stub.BufferWrite(string.Empty, key, value.IsEmpty ? null : value.ToArray());
        Commit(stub);
    }

    /// <summary>Starts a transaction with string arguments (the function name first).</summary>
    public InMemoryChaincodeStub CreateStub(params string[] args) =>
        CreateStub(args.Select(a => Encoding.UTF8.GetBytes(a)).ToArray(), null);

    /// <summary>Starts a transaction: its stub reads this ledger and buffers writes until <see cref="Commit"/>.</summary>
    public InMemoryChaincodeStub CreateStub(IReadOnlyList<byte[]> args, InMemoryTransactionOptions? options)
    {
        ArgumentNullException.ThrowIfNull(args);
        options ??= new InMemoryTransactionOptions();
        long sequence;
        lock (_gate)
        {
            sequence = ++_sequence;
        }

        var timestamp = options.Timestamp ?? ClockStart.AddSeconds(sequence);
        return new InMemoryChaincodeStub(this, args, options, sequence, timestamp);
    }

    /// <summary>Applies a transaction's writes, metadata, history and event, then closes its stub.</summary>
    /// <exception cref="InvalidOperationException">The stub belongs to another ledger or was already committed or discarded.</exception>
    public void Commit(InMemoryChaincodeStub stub)
    {
        ArgumentNullException.ThrowIfNull(stub);
        if (!ReferenceEquals(stub.Ledger, this))
        {
            throw new InvalidOperationException("the stub belongs to another ledger");
        }

        var writes = stub.Finish(committed: true);
        lock (_gate)
        {
            foreach (var (key, value) in writes.State)
            {
                ApplyPublic(stub, key, value);
            }

            foreach (var ((collection, key), value) in writes.Private)
            {
                ApplyPrivate(collection, key, value);
            }

            foreach (var ((collection, key), entries) in writes.Metadata)
            {
                var target = _metadata.TryGetValue((collection, key), out var existing) ? existing : _metadata[(collection, key)] = new(StringComparer.Ordinal);
                foreach (var (name, value) in entries)
                {
                    target[name] = value;
                }
            }

            if (writes.Event is not null)
            {
                _events.Add(writes.Event);
            }

            _committed.Add(stub.TxId);
        }
    }

    internal List<KeyValue> Range(string collection, string startKey, string endKey)
    {
        lock (_gate)
        {
            IEnumerable<KeyValuePair<string, byte[]>> source = collection.Length == 0 ? _state
                : _private.TryGetValue(collection, out var data) ? data : [];
            return source
                .Where(e => Utf8Ordinal.Instance.Compare(e.Key, startKey) >= 0 && (endKey.Length == 0 || Utf8Ordinal.Instance.Compare(e.Key, endKey) < 0))
                .Select(e => new KeyValue(e.Key, e.Value))
                .ToList();
        }
    }

    internal byte[]? Read(string collection, string key) => collection.Length == 0 ? GetState(key) : GetPrivateData(collection, key);

    internal IReadOnlyDictionary<string, byte[]> ReadMetadata(string collection, string key)
    {
        lock (_gate)
        {
            return _metadata.TryGetValue((collection, key), out var entries)
                ? new Dictionary<string, byte[]>(entries, StringComparer.Ordinal)
                : new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }
    }

    private void ApplyPublic(InMemoryChaincodeStub stub, string key, byte[]? value)
    {
        if (value is null)
        {
            _state.Remove(key);
        }
        else
        {
            _state[key] = value;
        }

        if (!_history.TryGetValue(key, out var history))
        {
            _history[key] = history = [];
        }

        history.Add(new KeyModification(stub.TxId, value ?? [], stub.TxTimestamp, value is null));
    }

    private void ApplyPrivate(string collection, string key, byte[]? value)
    {
        if (!_private.TryGetValue(collection, out var data))
        {
            _private[collection] = data = new SortedDictionary<string, byte[]>(Utf8Ordinal.Instance);
        }

        if (value is null)
        {
            data.Remove(key);
        }
        else
        {
            data[key] = value;
        }
    }
}
