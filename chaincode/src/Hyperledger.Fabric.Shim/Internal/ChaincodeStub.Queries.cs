using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Queryresult;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Internal;

/// <content>Range, partial composite key, rich and history queries.</content>
internal sealed partial class ChaincodeStub
{
    public Task<IQueryResultsIterator<KeyValue>> GetStateByRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default) =>
        RangeAsync(string.Empty, startKey, endKey, cancellationToken);

    public async Task<IQueryResultsPage<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        (startKey, endKey) = SimpleRange(startKey, endKey);
        var first = await RangeRequestAsync(string.Empty, startKey, endKey, Pagination(pageSize, bookmark), cancellationToken).ConfigureAwait(false);
        return new QueryResultsPage<KeyValue>(_handler, _transaction, first, DecodeKeyValue);
    }

    public Task<IQueryResultsIterator<KeyValue>> GetStateByPartialCompositeKeyAsync(string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        return IteratorAsync(RangeRequestAsync(string.Empty, start, end, ByteString.Empty, cancellationToken));
    }

    public async Task<IQueryResultsPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        var first = await RangeRequestAsync(string.Empty, start, end, Pagination(pageSize, bookmark), cancellationToken).ConfigureAwait(false);
        return new QueryResultsPage<KeyValue>(_handler, _transaction, first, DecodeKeyValue);
    }

    public Task<IQueryResultsIterator<KeyValue>> GetQueryResultAsync(string query, CancellationToken cancellationToken = default) =>
        IteratorAsync(QueryRequestAsync(string.Empty, query, ByteString.Empty, cancellationToken));

    public async Task<IQueryResultsPage<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var first = await QueryRequestAsync(string.Empty, query, Pagination(pageSize, bookmark), cancellationToken).ConfigureAwait(false);
        return new QueryResultsPage<KeyValue>(_handler, _transaction, first, DecodeKeyValue);
    }

    public async Task<IQueryResultsIterator<KeyModification>> GetHistoryForKeyAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var payload = await CallAsync(MessageType.GetHistoryForKey, new GetHistoryForKey { Key = key }, cancellationToken).ConfigureAwait(false);
        return new QueryResultsIterator<KeyModification>(_handler, _transaction, QueryResultsIterator<KeyModification>.Decode(payload), DecodeKeyModification);
    }

    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return RangeAsync(collection, startKey, endKey, cancellationToken);
    }

    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        var (start, end) = CompositeKey.PartialKeyRange(objectType, attributes);
        return IteratorAsync(RangeRequestAsync(collection, start, end, ByteString.Empty, cancellationToken));
    }

    public Task<IQueryResultsIterator<KeyValue>> GetPrivateDataQueryResultAsync(string collection, string query, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return IteratorAsync(QueryRequestAsync(collection, query, ByteString.Empty, cancellationToken));
    }

    private Task<IQueryResultsIterator<KeyValue>> RangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken)
    {
        (startKey, endKey) = SimpleRange(startKey, endKey);
        return IteratorAsync(RangeRequestAsync(collection, startKey, endKey, ByteString.Empty, cancellationToken));
    }

    private async Task<IQueryResultsIterator<KeyValue>> IteratorAsync(Task<QueryResponse> first) =>
        new QueryResultsIterator<KeyValue>(_handler, _transaction, await first.ConfigureAwait(false), DecodeKeyValue);

    private async Task<QueryResponse> RangeRequestAsync(string collection, string startKey, string endKey, ByteString metadata, CancellationToken cancellationToken)
    {
        var request = new GetStateByRange { StartKey = startKey, EndKey = endKey, Collection = collection, Metadata = metadata };
        var payload = await CallAsync(MessageType.GetStateByRange, request, cancellationToken).ConfigureAwait(false);
        return QueryResultsIterator<KeyValue>.Decode(payload);
    }

    private async Task<QueryResponse> QueryRequestAsync(string collection, string query, ByteString metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new GetQueryResult { Query = query, Collection = collection, Metadata = metadata };
        var payload = await CallAsync(MessageType.GetQueryResult, request, cancellationToken).ConfigureAwait(false);
        return QueryResultsIterator<KeyValue>.Decode(payload);
    }

    /// <summary>An empty start key means "from the first simple key", written as U+0001 like the official shims.</summary>
    private static (string StartKey, string EndKey) SimpleRange(string startKey, string endKey)
    {
        ArgumentNullException.ThrowIfNull(startKey);
        ArgumentNullException.ThrowIfNull(endKey);
        if (startKey.Length == 0)
        {
            startKey = CompositeKey.EmptyKeySubstitute;
        }

        CompositeKey.ValidateSimpleKeys(startKey, endKey);
        return (startKey, endKey);
    }

    private static ByteString Pagination(int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return new QueryMetadata { PageSize = pageSize, Bookmark = bookmark ?? string.Empty }.ToByteString();
    }

    private static KeyValue DecodeKeyValue(ByteString bytes)
    {
        var kv = KV.Parser.ParseFrom(bytes);
        return new KeyValue(kv.Key, kv.Value.ToByteArray());
    }

    private static KeyModification DecodeKeyModification(ByteString bytes)
    {
        var km = Hyperledger.Fabric.Protos.Ledger.Queryresult.KeyModification.Parser.ParseFrom(bytes);
        return new KeyModification(km.TxId, km.Value.ToByteArray(), km.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch, km.IsDelete);
    }
}
