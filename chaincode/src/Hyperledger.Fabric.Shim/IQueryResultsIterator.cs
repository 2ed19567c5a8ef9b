namespace Hyperledger.Fabric.Shim;

/// <summary>
/// Results of a query, fetched from the peer in batches as they are enumerated. It can be enumerated
/// once. Disposing it (or leaving an <c>await foreach</c>) closes the peer-side cursor with
/// QUERY_STATE_CLOSE; disposing twice is harmless.
/// </summary>
/// <typeparam name="T"><see cref="KeyValue"/> or <see cref="KeyModification"/>.</typeparam>
public interface IQueryResultsIterator<out T> : IAsyncEnumerable<T>, IAsyncDisposable
{
}
