using Fabric.DevNetwork.Ledger;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// One transaction running on a chaincode stream: answers the chaincode's state calls from a single
/// ledger snapshot and records what it read and wrote. Fabric's transaction simulator has no
/// read-your-writes: a GET_STATE after a PUT_STATE of the same key still sees the committed value.
/// </summary>
internal sealed partial class SimulatedTransaction
{
    private readonly ILedgerSnapshot _snapshot;
    private readonly string _namespace;
    private readonly ReadWriteSetBuilder _rwset;
    private readonly Dictionary<string, QueryIterator> _iterators = new(StringComparer.Ordinal);
    private int _nextIteratorId;
    private bool _paginatedQueryDone;

    /// <param name="collections">The collection checks for this chaincode and proposal; null: collections are refused.</param>
    /// <param name="invocation">What INVOKE_CHAINCODE needs; null: refused.</param>
    /// <param name="sets">The transaction's read-write sets (a called chaincode shares its caller's); null: new, empty ones.</param>
    public SimulatedTransaction(
        string channelId, string txId, string ns, ILedgerSnapshot snapshot, ChaincodeBatchingOptions? batching = null,
        CollectionRules? collections = null, ChaincodeInvocation? invocation = null, TransactionRwSets? sets = null)
    {
        _batching = batching;
        _collections = collections;
        _invocation = invocation;
        _sets = sets ?? new TransactionRwSets();
        _private = _sets.Private(ns);
        ChannelId = channelId;
        TxId = txId;
        _namespace = ns;
        _snapshot = snapshot;
        _rwset = _sets.Public(ns);
    }

    public string ChannelId { get; }

    public string TxId { get; }

    /// <summary>Completed with the chaincode's COMPLETED or ERROR message.</summary>
    public TaskCompletionSource<ChaincodeMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers one state call; returns the RESPONSE or ERROR message to send back.</summary>
    public ChaincodeMessage Handle(ChaincodeMessage request)
    {
        lock (_iterators)
        {
            try
            {
                var payload = HandleCore(request);
                return Reply(ChaincodeMessage.Types.Type.Response, payload ?? ByteString.Empty);
            }
            catch (InvalidProtocolBufferException ex)
            {
                return Reply(ChaincodeMessage.Types.Type.Error, ByteString.CopyFromUtf8($"failed to unmarshal {request.Type} payload: {ex.Message}"));
            }
            catch (StateRequestException ex)
            {
                return Reply(ChaincodeMessage.Types.Type.Error, ByteString.CopyFromUtf8(ex.Message));
            }
        }
    }

    /// <summary>Closes iterators the chaincode left open, recording their range reads.</summary>
    public void CloseIterators()
    {
        lock (_iterators)
        {
            foreach (var id in _iterators.Keys.ToList())
            {
                Close(id);
            }
        }
    }

    /// <summary>
    /// Closes iterators the chaincode left open (recording their range reads) and builds the read-write
    /// set: every namespace the transaction reached, with the collections' hashes.
    /// </summary>
    public Hyperledger.Fabric.Protos.Ledger.Rwset.TxReadWriteSet Finish()
    {
        CloseIterators();
        lock (_iterators)
        {
            return _sets.Build();
        }
    }

    /// <summary>The private write set for member peers (null when nothing private was written); call after <see cref="Finish"/>.</summary>
    public Hyperledger.Fabric.Protos.Ledger.Rwset.TxPvtReadWriteSet? PrivateWrites()
    {
        lock (_iterators)
        {
            return _sets.BuildPrivate();
        }
    }

    private ChaincodeMessage Reply(ChaincodeMessage.Types.Type type, ByteString payload) =>
        new() { Type = type, Payload = payload, Txid = TxId, ChannelId = ChannelId };

    private ByteString? HandleCore(ChaincodeMessage request)
    {
        switch (request.Type)
        {
            case ChaincodeMessage.Types.Type.GetState:
            {
                var get = GetState.Parser.ParseFrom(request.Payload);
                return string.IsNullOrEmpty(get.Collection) ? Read(get.Key)?.Value ?? ByteString.Empty : ReadPrivate(get.Collection, get.Key);
            }

            case ChaincodeMessage.Types.Type.GetStateMultiple:
            {
                var get = GetStateMultiple.Parser.ParseFrom(request.Payload);
                RequireMultipleKeys(request.Type, get.Keys.Count);
                RequirePublic(get.Collection);
                var result = new GetStateMultipleResult();
                result.Values.AddRange(get.Keys.Select(k => Read(k)?.Value ?? ByteString.Empty));
                return result.ToByteString();
            }

            case ChaincodeMessage.Types.Type.PutState:
            {
                var put = PutState.Parser.ParseFrom(request.Payload);
                RequireKey(put.Key);
                if (!string.IsNullOrEmpty(put.Collection))
                {
                    WritePrivate(put.Collection, put.Key, put.Value);
                    return null;
                }

                // Fabric's write set records an empty value as a delete.
                if (put.Value.IsEmpty)
                {
                    _rwset.AddDelete(put.Key);
                }
                else
                {
                    _rwset.AddWrite(put.Key, put.Value);
                }

                return null;
            }

            case ChaincodeMessage.Types.Type.WriteBatchState:
                return WriteBatch(request);

            case ChaincodeMessage.Types.Type.DelState:
            {
                var del = DelState.Parser.ParseFrom(request.Payload);
                RequireKey(del.Key);
                if (!string.IsNullOrEmpty(del.Collection))
                {
                    DeletePrivate(del.Collection, del.Key, purge: false);
                    return null;
                }

                _rwset.AddDelete(del.Key);
                return null;
            }

            case ChaincodeMessage.Types.Type.GetStateByRange:
                return StartRange(GetStateByRange.Parser.ParseFrom(request.Payload));

            case ChaincodeMessage.Types.Type.QueryStateNext:
                return NextPage(QueryStateNext.Parser.ParseFrom(request.Payload).Id);

            case ChaincodeMessage.Types.Type.QueryStateClose:
            {
                var id = QueryStateClose.Parser.ParseFrom(request.Payload).Id;
                Close(id);
                return new QueryResponse { Id = id, HasMore = false }.ToByteString();
            }

            case ChaincodeMessage.Types.Type.GetHistoryForKey:
            {
                var key = GetHistoryForKey.Parser.ParseFrom(request.Payload).Key;
                var iterator = QueryIterator.ForHistory(NewIteratorId(), _snapshot.GetHistory(_namespace, key));
                return Register(iterator);
            }

            case ChaincodeMessage.Types.Type.GetStateMetadata:
            {
                var get = GetStateMetadata.Parser.ParseFrom(request.Payload);
                RequirePublic(get.Collection);
                var result = new StateMetadataResult();
                var value = Read(get.Key);
                if (value is not null)
                {
                    foreach (var (name, bytes) in value.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                    {
                        result.Entries.Add(new StateMetadata { Metakey = name, Value = bytes });
                    }
                }

                return result.ToByteString();
            }

            case ChaincodeMessage.Types.Type.PutStateMetadata:
            {
                var put = PutStateMetadata.Parser.ParseFrom(request.Payload);
                RequirePublic(put.Collection);
                RequireKey(put.Key);
                if (put.Metadata is null)
                {
                    throw new StateRequestException("metadata is required");
                }

                _rwset.AddMetadataWrite(put.Key, put.Metadata.Metakey, put.Metadata.Value);
                return null;
            }

            case ChaincodeMessage.Types.Type.GetQueryResult:
                // What a LevelDB state database answers: rich (JSON) queries need CouchDB.
                throw new StateRequestException("ExecuteQuery not supported for leveldb");

            case ChaincodeMessage.Types.Type.GetPrivateDataHash:
            {
                var get = GetState.Parser.ParseFrom(request.Payload);
                return ReadPrivateHash(get.Collection, get.Key);
            }

            case ChaincodeMessage.Types.Type.PurgePrivateData:
            {
                var purge = DelState.Parser.ParseFrom(request.Payload);
                RequireKey(purge.Key);
                DeletePrivate(purge.Collection, purge.Key, purge: true);
                return null;
            }


            default:
                throw new StateRequestException($"[{ShortTxId}] Fabric side handler cannot handle message ({request.Type}) while in ready state");
        }
    }

    private string ShortTxId => TxId.Length > 8 ? TxId[..8] : TxId;

    private VersionedValue? Read(string key)
    {
        var value = _snapshot.GetState(_namespace, key);
        _rwset.AddRead(key, value);
        return value;
    }

    private ByteString StartRange(GetStateByRange range)
    {
        if (!string.IsNullOrEmpty(range.Collection))
        {
            return StartPrivateRange(range);
        }

        var pageSize = 0;
        var start = range.StartKey;
        if (!range.Metadata.IsEmpty)
        {
            var metadata = QueryMetadata.Parser.ParseFrom(range.Metadata);
            pageSize = metadata.PageSize;
            if (_rwset.HasWrites || _private.HasWrites)
            {
                throw new StateRequestException("txid [" + TxId + "]: paginated queries are not supported in a transaction that has performed writes");
            }

            _paginatedQueryDone = true;
            if (!string.IsNullOrEmpty(metadata.Bookmark))
            {
                start = metadata.Bookmark;
            }
        }

        var entries = _snapshot.GetStateRange(_namespace, start, range.EndKey);
        return Register(QueryIterator.ForRange(NewIteratorId(), _namespace, entries, start, range.EndKey, pageSize));
    }

    private ByteString Register(QueryIterator iterator)
    {
        _iterators[iterator.Id] = iterator;
        return NextPage(iterator.Id);
    }

    private ByteString NextPage(string id)
    {
        if (!_iterators.TryGetValue(id, out var iterator))
        {
            throw new StateRequestException($"query iterator not found");
        }

        var response = iterator.Next();
        if (iterator.IsDone)
        {
            Close(id);
        }

        return response.ToByteString();
    }

    private void Close(string id)
    {
        if (_iterators.Remove(id, out var iterator))
        {
            iterator.Dispose();
            if (iterator.RangeInfo is not null && !_privateIterators.Remove(id))
            {
                _rwset.AddRangeQuery(iterator.RangeInfo);
            }
        }
    }

    private string NewIteratorId() => $"{TxId}-{++_nextIteratorId}";

    private void RequireKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new StateRequestException("key must not be an empty string");
        }

        if (_paginatedQueryDone)
        {
            throw new StateRequestException("txid [" + TxId + "]: writes are not allowed after a paginated query");
        }
    }

    private static void RequirePublic(string collection)
    {
        if (!string.IsNullOrEmpty(collection))
        {
            throw new StateRequestException("private data collections are not supported by the dev network");
        }
    }

    private sealed class StateRequestException(string message) : Exception(message);
}
