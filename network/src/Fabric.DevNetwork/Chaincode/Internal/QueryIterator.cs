using Fabric.DevNetwork.Ledger;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Queryresult;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// An open range or history query of one transaction. Pages results into <see cref="QueryResponse"/>s
/// like Fabric's peer: batches of at most 100 with <c>has_more</c>, or one page with a bookmark for
/// paginated queries. A range query remembers every key it handed out for the phantom-read check.
/// </summary>
internal sealed class QueryIterator : IDisposable
{
    /// <summary>Fabric's per-response batch size (the handler's maxResultLimit).</summary>
    public const int BatchSize = 100;

    /// <summary>Fabric's default ledger.state.totalQueryLimit.</summary>
    public const int TotalQueryLimit = 100_000;

    private readonly IEnumerator<ByteString> _results;
    private readonly Func<ByteString?>? _peekBookmark;
    private readonly int _limit;
    private readonly bool _paginated;
    private readonly RangeQueryInfo? _rangeInfo;
    private readonly string _originalEndKey;
    private ByteString? _pending;
    private int _returned;
    private bool _exhausted;

    private QueryIterator(string id, IEnumerator<ByteString> results, int limit, bool paginated, RangeQueryInfo? rangeInfo, string endKey, Func<ByteString?>? peekBookmark)
    {
        Id = id;
        _results = results;
        _limit = limit;
        _paginated = paginated;
        _rangeInfo = rangeInfo;
        _originalEndKey = endKey;
        _peekBookmark = peekBookmark;
    }

    public string Id { get; }

    /// <summary>The range read record, complete once the iterator is closed (null for history queries).</summary>
    public RangeQueryInfo? RangeInfo => _rangeInfo;

    public static QueryIterator ForRange(string id, string ns, IEnumerable<StateEntry> entries, string startKey, string endKey, int pageSize)
    {
        var paginated = pageSize > 0;
        var info = new RangeQueryInfo { StartKey = startKey, EndKey = endKey, RawReads = new QueryReads() };
        var source = entries.GetEnumerator();
        QueryIterator? iterator = null;
        IEnumerator<ByteString> Results()
        {
            while (source.MoveNext())
            {
                var entry = source.Current;
                info.RawReads.KvReads.Add(ReadWriteSetBuilder.CreateRead(entry.Key, entry.Value));
                info.EndKey = entry.Key;
                yield return new KV { Namespace = ns, Key = entry.Key, Value = entry.Value.Value }.ToByteString();
            }

            info.ItrExhausted = true;
            info.EndKey = iterator!._originalEndKey;
        }

        // The bookmark of a page is the key after its last record, looked up without recording a read.
        ByteString? Peek() => source.MoveNext() ? ByteString.CopyFromUtf8(source.Current.Key) : null;
        iterator = new QueryIterator(id, Results(), paginated ? pageSize : TotalQueryLimit, paginated, info, endKey, Peek);
        return iterator;
    }

    public static QueryIterator ForHistory(string id, IReadOnlyList<KeyHistoryEntry> history)
    {
        var results = history.Select(h => new KeyModification { TxId = h.TxId, Value = h.Value, Timestamp = h.Timestamp, IsDelete = h.IsDelete }.ToByteString());
        return new QueryIterator(id, results.GetEnumerator(), TotalQueryLimit, paginated: false, rangeInfo: null, endKey: "", peekBookmark: null);
    }

    /// <summary>The next response; <see cref="IsDone"/> tells whether the iterator may be dropped.</summary>
    public QueryResponse Next()
    {
        var response = new QueryResponse { Id = Id };
        if (_pending is not null)
        {
            response.Results.Add(new QueryResultBytes { ResultBytes = _pending });
            _pending = null;
        }

        while (true)
        {
            if (_returned >= _limit || _exhausted || !_results.MoveNext())
            {
                _exhausted = true;
                if (_paginated)
                {
                    var bookmark = _returned >= _limit ? _peekBookmark?.Invoke()?.ToStringUtf8() ?? "" : "";
                    response.Metadata = new QueryResponseMetadata { FetchedRecordsCount = _returned, Bookmark = bookmark }.ToByteString();
                }

                response.HasMore = false;
                IsDone = true;
                return response;
            }

            _returned++;
            if (!_paginated && response.Results.Count == BatchSize)
            {
                _pending = _results.Current;
                response.HasMore = true;
                return response;
            }

            response.Results.Add(new QueryResultBytes { ResultBytes = _results.Current });
        }
    }

    /// <summary>True when the last response carried <c>has_more = false</c>.</summary>
    public bool IsDone { get; private set; }

    public void Dispose() => _results.Dispose();
}
