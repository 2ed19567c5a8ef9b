using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hyperledger.Fabric.Protos.Ledger.Queryresult;
using Hyperledger.Fabric.Protos.Peer;
using PbKeyModification = Hyperledger.Fabric.Protos.Ledger.Queryresult.KeyModification;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace TestSupport;

/// <summary>
/// The fake peer's answers to state requests: a small deterministic world state with the peer's
/// semantics (writes kept per transaction and applied only when it completes with status 200,
/// range results in batches of <see cref="BatchSize"/> with cursors, pagination metadata, history).
/// </summary>
public sealed class ScriptedLedger
{
    private readonly SortedDictionary<string, byte[]> _state = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string Collection, string Key), byte[]> _private = [];
    private readonly Dictionary<string, List<PbKeyModification>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), byte[]> _policies = [];
    private readonly Dictionary<string, List<(string Collection, string Key, byte[]? Value)>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<ByteString>> _cursors = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _cursorCount;
    private long _clock = 1_700_000_000;

    /// <summary>How many results each range/query batch carries (the peer's default is 100).</summary>
    public int BatchSize { get; init; } = 2;

    /// <summary>Keys whose GET_STATE the peer answers with ERROR.</summary>
    public HashSet<string> FailingKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Cursors the chaincode left open.</summary>
    public int OpenCursors
    {
        get { lock (_gate) { return _cursors.Count; } }
    }

    /// <summary>Commits <paramref name="key"/> = <paramref name="value"/> (UTF-8) before any transaction runs.</summary>
    public ScriptedLedger Seed(string key, string value) => Commit("seed-" + key, [(string.Empty, key, System.Text.Encoding.UTF8.GetBytes(value))]);

    /// <summary>The committed value of <paramref name="key"/>, or <see langword="null"/>.</summary>
    public byte[]? Get(string key)
    {
        lock (_gate)
        {
            return _state.TryGetValue(key, out var value) ? value : null;
        }
    }

    /// <summary>A copy of the committed public state.</summary>
    public IReadOnlyDictionary<string, byte[]> State
    {
        get { lock (_gate) { return new Dictionary<string, byte[]>(_state); } }
    }

    /// <summary>Called with the chaincode's final message: applies the transaction's writes only if it succeeded.</summary>
    public void Complete(ChaincodeMessage final)
    {
        List<(string, string, byte[]?)>? writes;
        lock (_gate)
        {
            _pending.Remove(final.Txid, out writes);
        }

        var succeeded = final.Type == MessageType.Completed && Response.Parser.ParseFrom(final.Payload).Status < 400;
        if (succeeded && writes is not null)
        {
            Commit(final.Txid, writes);
        }
    }

    /// <summary>The peer's answer to one of the chaincode's requests (pass it to <see cref="FakePeer.ServeAsync"/>).</summary>
    public ChaincodeMessage Respond(ChaincodeMessage request)
    {
        lock (_gate)
        {
            return request.Type switch
            {
                MessageType.GetState => Read(Hyperledger.Fabric.Protos.Peer.GetState.Parser.ParseFrom(request.Payload)),
                MessageType.GetStateMultiple => ReadMany(GetStateMultiple.Parser.ParseFrom(request.Payload)),
                MessageType.WriteBatchState => WriteBatch(request.Txid, WriteBatchState.Parser.ParseFrom(request.Payload)),
                MessageType.GetPrivateDataHash => HashOf(Hyperledger.Fabric.Protos.Peer.GetState.Parser.ParseFrom(request.Payload)),
                MessageType.PutState => Write(request.Txid, PutState.Parser.ParseFrom(request.Payload)),
                MessageType.DelState or MessageType.PurgePrivateData => Delete(request.Txid, DelState.Parser.ParseFrom(request.Payload)),
                MessageType.GetStateByRange => Range(GetStateByRange.Parser.ParseFrom(request.Payload)),
                MessageType.GetQueryResult => Query(GetQueryResult.Parser.ParseFrom(request.Payload)),
                MessageType.QueryStateNext => Next(QueryStateNext.Parser.ParseFrom(request.Payload).Id),
                MessageType.QueryStateClose => Close(QueryStateClose.Parser.ParseFrom(request.Payload).Id),
                MessageType.GetHistoryForKey => History(GetHistoryForKey.Parser.ParseFrom(request.Payload).Key),
                MessageType.GetStateMetadata => Metadata(GetStateMetadata.Parser.ParseFrom(request.Payload)),
                MessageType.PutStateMetadata => SetMetadata(PutStateMetadata.Parser.ParseFrom(request.Payload)),
                MessageType.InvokeChaincode => Invoke(ChaincodeSpec.Parser.ParseFrom(request.Payload)),
                _ => FakePeer.Error($"scripted peer cannot handle {request.Type}"),
            };
        }
    }

    private ScriptedLedger Commit(string txId, List<(string Collection, string Key, byte[]? Value)> writes)
    {
        lock (_gate)
        {
            var timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(++_clock));
            foreach (var (collection, key, value) in writes)
            {
                if (collection.Length > 0)
                {
                    if (value is null) { _private.Remove((collection, key)); } else { _private[(collection, key)] = value; }
                    continue;
                }

                if (value is null) { _state.Remove(key); } else { _state[key] = value; }
                if (!_history.TryGetValue(key, out var list))
                {
                    _history[key] = list = [];
                }

                list.Insert(0, new PbKeyModification { TxId = txId, Value = ByteString.CopyFrom(value ?? []), IsDelete = value is null, Timestamp = timestamp });
            }
        }

        return this;
    }

    private ChaincodeMessage Read(GetState request)
    {
        if (FailingKeys.Contains(request.Key))
        {
            return FakePeer.Error($"scripted failure reading key {request.Key}");
        }

        var value = request.Collection.Length == 0
            ? _state.GetValueOrDefault(request.Key)
            : _private.GetValueOrDefault((request.Collection, request.Key));
        return FakePeer.Response(ByteString.CopyFrom(value ?? []));
    }

    private ChaincodeMessage ReadMany(GetStateMultiple request)
    {
        var result = new GetStateMultipleResult();
        result.Values.AddRange(request.Keys.Select(k => ByteString.CopyFrom(_state.GetValueOrDefault(k) ?? [])));
        return FakePeer.Response(result);
    }

    private ChaincodeMessage WriteBatch(string txId, WriteBatchState batch)
    {
        foreach (var record in batch.Rec)
        {
            var value = record.Type == WriteRecord.Types.Type.PutState && !record.Value.IsEmpty ? record.Value.ToByteArray() : null;
            Pending(txId).Add((record.Collection, record.Key, value));
        }

        return FakePeer.Response(ByteString.Empty);
    }

    private ChaincodeMessage HashOf(GetState request) =>
        FakePeer.Response(_private.TryGetValue((request.Collection, request.Key), out var value) ? ByteString.CopyFrom(SHA256.HashData(value)) : ByteString.Empty);

    private ChaincodeMessage Write(string txId, PutState request)
    {
        Pending(txId).Add((request.Collection, request.Key, request.Value.ToByteArray()));
        return FakePeer.Response(ByteString.Empty);
    }

    private ChaincodeMessage Delete(string txId, DelState request)
    {
        Pending(txId).Add((request.Collection, request.Key, null));
        return FakePeer.Response(ByteString.Empty);
    }

    private List<(string, string, byte[]?)> Pending(string txId) =>
        _pending.TryGetValue(txId, out var list) ? list : _pending[txId] = [];

    private ChaincodeMessage Range(GetStateByRange request)
    {
        var keys = (request.Collection.Length == 0
                ? _state.Select(e => (e.Key, e.Value))
                : _private.Where(e => e.Key.Collection == request.Collection).Select(e => (e.Key.Key, e.Value)))
            .Where(e => string.CompareOrdinal(e.Item1, request.StartKey) >= 0 && (request.EndKey.Length == 0 || string.CompareOrdinal(e.Item1, request.EndKey) < 0))
            .ToList();
        ByteString metadata = ByteString.Empty;
        if (!request.Metadata.IsEmpty)
        {
            var query = QueryMetadata.Parser.ParseFrom(request.Metadata);
            var start = query.Bookmark.Length == 0 ? 0 : keys.FindIndex(e => string.CompareOrdinal(e.Item1, query.Bookmark) >= 0);
            start = start < 0 ? keys.Count : start;
            var page = keys.Skip(start).Take(query.PageSize).ToList();
            var next = start + page.Count < keys.Count ? keys[start + page.Count].Item1 : string.Empty;
            metadata = new QueryResponseMetadata { FetchedRecordsCount = page.Count, Bookmark = next }.ToByteString();
            keys = page;
        }

        return OpenCursor(keys.Select(e => new KV { Key = e.Item1, Value = ByteString.CopyFrom(e.Item2) }.ToByteString()), metadata);
    }

    private ChaincodeMessage Query(GetQueryResult request) =>
        OpenCursor(_state.Where(e => System.Text.Encoding.UTF8.GetString(e.Value).Contains(request.Query, StringComparison.Ordinal))
            .Select(e => new KV { Key = e.Key, Value = ByteString.CopyFrom(e.Value) }.ToByteString()), ByteString.Empty);

    private ChaincodeMessage History(string key) =>
        OpenCursor((_history.GetValueOrDefault(key) ?? []).Select(m => m.ToByteString()), ByteString.Empty);

    private ChaincodeMessage OpenCursor(IEnumerable<ByteString> results, ByteString metadata)
    {
        var id = "cursor-" + ++_cursorCount;
        _cursors[id] = new Queue<ByteString>(results);
        var response = Batch(id);
        response.Metadata = metadata;
        return FakePeer.Response(response);
    }

    private QueryResponse Batch(string id)
    {
        var queue = _cursors[id];
        var response = new QueryResponse { Id = id };
        while (response.Results.Count < BatchSize && queue.Count > 0)
        {
            response.Results.Add(new QueryResultBytes { ResultBytes = queue.Dequeue() });
        }

        response.HasMore = queue.Count > 0;
        if (!response.HasMore)
        {
            _cursors.Remove(id); // the peer drops an exhausted cursor itself
        }

        return response;
    }

    private ChaincodeMessage Next(string id) =>
        _cursors.ContainsKey(id) ? FakePeer.Response(Batch(id)) : FakePeer.Error($"query iterator not found: {id}");

    private ChaincodeMessage Close(string id)
    {
        _cursors.Remove(id);
        return FakePeer.Response(new QueryResponse { Id = id });
    }

    private ChaincodeMessage Metadata(GetStateMetadata request)
    {
        var result = new StateMetadataResult();
        if (_policies.TryGetValue((request.Collection, request.Key), out var policy))
        {
            result.Entries.Add(new StateMetadata { Metakey = "VALIDATION_PARAMETER", Value = ByteString.CopyFrom(policy) });
        }

        return FakePeer.Response(result);
    }

    private ChaincodeMessage SetMetadata(PutStateMetadata request)
    {
        _policies[(request.Collection, request.Key)] = request.Metadata.Value.ToByteArray();
        return FakePeer.Response(ByteString.Empty);
    }

    private static ChaincodeMessage Invoke(ChaincodeSpec spec)
    {
        var inner = new ChaincodeMessage
        {
            Type = MessageType.Completed,
            Payload = new Response { Status = 200, Payload = ByteString.CopyFromUtf8("called " + spec.ChaincodeId.Name + " with " + spec.Input.Args.Count + " args") }.ToByteString(),
        };
        return FakePeer.Response(inner);
    }
}
