using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Internal;

/// <content>
/// Fewer round trips: the per-transaction read cache, multi-key reads (GET_STATE_MULTIPLE) and the
/// write batch (WRITE_BATCH_STATE). Fabric's GetState returns the committed value and never the
/// transaction's own pending writes, and the peer's simulator holds the state still while the
/// transaction runs, so a key's first answer is its answer for the whole transaction.
/// </content>
internal sealed partial class ChaincodeStub
{
    private readonly Lock _stateGate = new();
    private readonly Dictionary<(string Collection, string Key), ByteString> _reads = [];

    // Like the Go shim: one pending record per (collection, key) and per kind (value or metadata),
    // the last write winning; insertion order keeps the batch's bytes deterministic.
    private readonly OrderedDictionary<(string Collection, string Key, bool Metadata), WriteRecord> _writes = [];

    public async Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
        }

        _transaction.ThrowIfClosed(ChaincodeMessages.Name(MessageType.GetStateMultiple));
        var missing = MissingKeys(string.Empty, keys);
        if (missing.Count > 0)
        {
            if (_features.UseGetMultipleKeys)
            {
                await FetchMultipleAsync(string.Empty, missing, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A 2.5 peer does not know GET_STATE_MULTIPLE: one GET_STATE per key.
                foreach (var key in missing)
                {
                    await GetAsync(string.Empty, key, MessageType.GetState, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var values = new byte[]?[keys.Count];
        lock (_stateGate)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                values[i] = NullIfEmpty(_reads[(string.Empty, keys[i])]);
            }
        }

        return values;
    }

    /// <summary>Sends the pending writes in batches of at most the peer's maximum; nothing when there are none.</summary>
    internal async Task FlushWritesAsync(CancellationToken cancellationToken)
    {
        WriteRecord[] records;
        lock (_stateGate)
        {
            records = [.. _writes.Values];
            _writes.Clear();
        }

        var size = _features.MaxWriteBatch > 0 ? _features.MaxWriteBatch : Math.Max(records.Length, 1);
        for (var start = 0; start < records.Length; start += size)
        {
            var batch = new WriteBatchState();
            batch.Rec.AddRange(records.Skip(start).Take(size));
            await CallAsync(MessageType.WriteBatchState, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task Batch(WriteRecord record)
    {
        _transaction.ThrowIfClosed(ChaincodeMessages.Name(MessageType.WriteBatchState));
        var metadata = record.Type == WriteRecord.Types.Type.PutStateMetadata;
        lock (_stateGate)
        {
            _writes[(record.Collection, record.Key, metadata)] = record;
        }

        return Task.CompletedTask;
    }

    private bool TryGetCached(string collection, string key, out ByteString value)
    {
        lock (_stateGate)
        {
            return _reads.TryGetValue((collection, key), out value!);
        }
    }

    private void Cache(string collection, string key, ByteString value)
    {
        lock (_stateGate)
        {
            _reads.TryAdd((collection, key), value);
        }
    }

    private List<string> MissingKeys(string collection, IReadOnlyList<string> keys)
    {
        var missing = new List<string>(keys.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        lock (_stateGate)
        {
            foreach (var key in keys)
            {
                if (!_reads.ContainsKey((collection, key)) && seen.Add(key))
                {
                    missing.Add(key);
                }
            }
        }

        return missing;
    }

    private async Task FetchMultipleAsync(string collection, List<string> keys, CancellationToken cancellationToken)
    {
        var size = _features.MaxGetMultipleKeys > 0 ? _features.MaxGetMultipleKeys : keys.Count;
        for (var start = 0; start < keys.Count; start += size)
        {
            var chunk = keys.GetRange(start, Math.Min(size, keys.Count - start));
            var request = new GetStateMultiple { Collection = collection };
            request.Keys.AddRange(chunk);
            var payload = await CallAsync(MessageType.GetStateMultiple, request, cancellationToken).ConfigureAwait(false);
            var result = GetStateMultipleResult.Parser.ParseFrom(payload);
            if (result.Values.Count != chunk.Count)
            {
                var name = ChaincodeMessages.Name(MessageType.GetStateMultiple);
                throw new PeerRequestException(name, $"[{_transaction.ShortTxId}] {name} asked for {chunk.Count} key(s) and got {result.Values.Count} value(s)", disconnected: false);
            }

            for (var i = 0; i < chunk.Count; i++)
            {
                Cache(collection, chunk[i], result.Values[i]);
            }
        }
    }
}
