namespace Hyperledger.Fabric.Shim;

/// <summary>
/// One page of a paginated query. Pass <see cref="Bookmark"/> to the next call to get the next page.
/// Fabric allows pagination only in read-only transactions.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public interface IQueryResultsPage<out T> : IQueryResultsIterator<T>
{
    /// <summary>How many records the peer put in this page.</summary>
    int FetchedRecordsCount { get; }

    /// <summary>Where the next page starts; empty when there are no more records.</summary>
    string Bookmark { get; }
}
