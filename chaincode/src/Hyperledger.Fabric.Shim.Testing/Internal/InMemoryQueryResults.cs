namespace Hyperledger.Fabric.Shim.Testing.Internal;

/// <summary>Query results held in memory; enumerable once, like the peer's cursors.</summary>
internal sealed class InMemoryQueryResults<T> : IQueryResultsPage<T>
{
    private readonly IReadOnlyList<T> _items;
    private bool _enumerated;

    public InMemoryQueryResults(IReadOnlyList<T> items, string bookmark = "")
    {
        _items = items;
        Bookmark = bookmark;
    }

    public int FetchedRecordsCount => _items.Count;

    public string Bookmark { get; }

    public bool IsDisposed { get; private set; }

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_enumerated)
        {
            throw new InvalidOperationException("query results can be enumerated only once");
        }

        _enumerated = true;
        foreach (var item in _items)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return ValueTask.CompletedTask;
    }
}
