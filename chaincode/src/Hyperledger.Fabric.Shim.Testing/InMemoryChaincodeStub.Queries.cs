using Hyperledger.Fabric.Shim.Testing.Internal;

namespace Hyperledger.Fabric.Shim.Testing;

/// <content>Range, composite key, rich and history queries over committed state.</content>
public sealed partial class InMemoryChaincodeStub
{
    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetStateByRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultsIterator<KeyValue>>(new InMemoryQueryResults<KeyValue>(SimpleRange(string.Empty, startKey, endKey)));

    /// <inheritdoc />
    public Task<IQueryResultsPage<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultsPage<KeyValue>>(Page(SimpleRange(string.Empty, startKey, endKey), pageSize, bookmark));

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetStateByPartialCompositeKeyAsync(string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultsIterator<KeyValue>>(new InMemoryQueryResults<KeyValue>(PartialKeyRange(string.Empty, objectType, attributes)));

    /// <inheritdoc />
    public Task<IQueryResultsPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultsPage<KeyValue>>(Page(PartialKeyRange(string.Empty, objectType, attributes), pageSize, bookmark));

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetQueryResultAsync(string query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultsIterator<KeyValue>>(new InMemoryQueryResults<KeyValue>(Query(string.Empty, query)));

    /// <inheritdoc />
    public Task<IQueryResultsPage<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        Task.FromResult<IQueryResultsPage<KeyValue>>(Page(Query(string.Empty, query), pageSize, bookmark));

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyModification>> GetHistoryForKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureOpen();
        return Task.FromResult<IQueryResultsIterator<KeyModification>>(new InMemoryQueryResults<KeyModification>(Ledger.GetHistory(key)));
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Task.FromResult<IQueryResultsIterator<KeyValue>>(new InMemoryQueryResults<KeyValue>(SimpleRange(collection, startKey, endKey)));
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Task.FromResult<IQueryResultsIterator<KeyValue>>(new InMemoryQueryResults<KeyValue>(PartialKeyRange(collection, objectType, attributes)));
    }

    /// <inheritdoc />
    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataQueryResultAsync(string collection, string query, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return Task.FromResult<IQueryResultsIterator<KeyValue>>(new InMemoryQueryResults<KeyValue>(Query(collection, query)));
    }

    private List<KeyValue> SimpleRange(string collection, string startKey, string endKey)
    {
        ArgumentNullException.ThrowIfNull(startKey);
        ArgumentNullException.ThrowIfNull(endKey);
        EnsureOpen();
        foreach (var key in new[] { startKey, endKey })
        {
            if (key.Length > 0 && key[0] == CompositeKey.Namespace)
            {
                throw new ArgumentException($"first character of the key [{key}] contains a null character which is not allowed");
            }
        }

        // The peer substitutes U+0001 for an empty start key, which also keeps composite keys out.
        return Ledger.Range(collection, startKey.Length == 0 ? "\u0001" : startKey, endKey);
    }

    private List<KeyValue> PartialKeyRange(string collection, string objectType, IReadOnlyList<string> attributes)
    {
        EnsureOpen();
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        return Ledger.Range(collection, start, end);
    }

    private List<KeyValue> Query(string collection, string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        EnsureOpen();
        var matches = RichQuery.Compile(query);
        return Ledger.Range(collection, string.Empty, string.Empty).Where(kv => matches(kv.Value)).ToList();
    }

    private InMemoryQueryResults<KeyValue> Page(List<KeyValue> all, int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        lock (_gate)
        {
            if (_writes.Count > 0 || _privateWrites.Count > 0 || _metadataWrites.Count > 0)
            {
                throw new InvalidOperationException($"txid [{TxId}]: a transaction that wrote cannot run a paginated query (Fabric allows pagination only in read-only transactions)");
            }

            _paginatedQueryPerformed = true;
        }

        // The bookmark is the first key of the next page, as the peer's LevelDB returns it.
        var start = string.IsNullOrEmpty(bookmark) ? 0 : all.FindIndex(kv => Utf8Ordinal.Instance.Compare(kv.Key, bookmark) >= 0);
        if (start < 0)
        {
            return new InMemoryQueryResults<KeyValue>([]);
        }

        var page = all.Skip(start).Take(pageSize).ToList();
        var next = start + page.Count < all.Count ? all[start + page.Count].Key : string.Empty;
        return new InMemoryQueryResults<KeyValue>(page, next);
    }

    private void EnsureOpen()
    {
        lock (_gate)
        {
            ThrowIfFinished();
        }
    }
}
