using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>A query cursor plus the page metadata the peer returned with its first batch.</summary>
internal sealed class QueryResultsPage<T> : QueryResultsIterator<T>, IQueryResultsPage<T>
{
    public QueryResultsPage(ChaincodeStreamHandler handler, InFlightTransaction transaction, QueryResponse first, Func<ByteString, T> decode)
        : base(handler, transaction, first, decode)
    {
        if (!first.Metadata.IsEmpty)
        {
            var metadata = QueryResponseMetadata.Parser.ParseFrom(first.Metadata);
            FetchedRecordsCount = metadata.FetchedRecordsCount;
            Bookmark = metadata.Bookmark;
        }
    }

    public int FetchedRecordsCount { get; }

    public string Bookmark { get; } = string.Empty;
}
