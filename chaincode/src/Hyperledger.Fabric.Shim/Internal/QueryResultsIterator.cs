using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Internal;

/// <summary>
/// Walks a peer-side query cursor: results come in batches (<c>QueryResponse</c>); when a batch is
/// used up and the peer said <c>has_more</c>, QUERY_STATE_NEXT fetches the next. Disposal sends
/// QUERY_STATE_CLOSE once, as the Node shim's async iteration does.
/// </summary>
internal class QueryResultsIterator<T> : IQueryResultsIterator<T>, IAsyncEnumerator<T>
{
    private readonly ChaincodeStreamHandler _handler;
    private readonly InFlightTransaction _transaction;
    private readonly Func<ByteString, T> _decode;
    private QueryResponse _batch;
    private int _index;
    private bool _enumerated;
    private bool _closed;
    private T _current = default!;

    public QueryResultsIterator(ChaincodeStreamHandler handler, InFlightTransaction transaction, QueryResponse first, Func<ByteString, T> decode)
    {
        _handler = handler;
        _transaction = transaction;
        _batch = first;
        _decode = decode;
    }

    public T Current => _current;

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_enumerated)
        {
            throw new InvalidOperationException("query results can be enumerated only once");
        }

        _enumerated = true;
        return this;
    }

    public async ValueTask<bool> MoveNextAsync()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        while (_index >= _batch.Results.Count)
        {
            if (!_batch.HasMore)
            {
                return false;
            }

            var payload = await _handler.CallPeerAsync(_transaction, MessageType.QueryStateNext, new QueryStateNext { Id = _batch.Id }, CancellationToken.None).ConfigureAwait(false);
            _batch = Decode(payload);
            _index = 0;
        }

        _current = _decode(_batch.Results[_index].ResultBytes);
        _index++;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        GC.SuppressFinalize(this);
        try
        {
            await _handler.CallPeerAsync(_transaction, MessageType.QueryStateClose, new QueryStateClose { Id = _batch.Id }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PeerRequestException or InvalidOperationException or OperationCanceledException)
        {
            // Closing is clean-up: the peer drops every cursor of a transaction when it completes anyway.
        }
    }

    internal static QueryResponse Decode(ByteString payload)
    {
        try
        {
            return QueryResponse.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new PeerRequestException("QueryResponse decode failed: " + e.Message, e);
        }
    }
}
