using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using MessageType = Hyperledger.Fabric.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Hyperledger.Fabric.Shim.Internal;

/// <content>Single-key state calls: public state, private data and state metadata.</content>
internal sealed partial class ChaincodeStub
{
    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default) =>
        GetAsync(string.Empty, key, MessageType.GetState, cancellationToken);

    public Task PutStateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        PutAsync(string.Empty, key, value, cancellationToken);

    public Task DeleteStateAsync(string key, CancellationToken cancellationToken = default) =>
        DeleteAsync(string.Empty, key, MessageType.DelState, cancellationToken);

    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return GetAsync(collection, key, MessageType.GetState, cancellationToken);
    }

    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return GetAsync(collection, key, MessageType.GetPrivateDataHash, cancellationToken);
    }

    public Task PutPrivateDataAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return PutAsync(collection, key, value, cancellationToken);
    }

    public Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return DeleteAsync(collection, key, MessageType.DelState, cancellationToken);
    }

    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return DeleteAsync(collection, key, MessageType.PurgePrivateData, cancellationToken);
    }

    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default) =>
        GetValidationParameterAsync(string.Empty, key, cancellationToken);

    public Task SetStateValidationParameterAsync(string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default) =>
        SetValidationParameterAsync(string.Empty, key, policy, cancellationToken);

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return GetValidationParameterAsync(collection, key, cancellationToken);
    }

    public Task SetPrivateDataValidationParameterAsync(string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default)
    {
        RequireCollection(collection);
        return SetValidationParameterAsync(collection, key, policy, cancellationToken);
    }

    private async Task<byte[]?> GetAsync(string collection, string key, MessageType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (type == MessageType.GetState && TryGetCached(collection, key, out var cached))
        {
            _transaction.ThrowIfClosed(ChaincodeMessages.Name(type));
            return NullIfEmpty(cached);
        }

        var payload = await CallAsync(type, new GetState { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
        if (type == MessageType.GetState)
        {
            Cache(collection, key, payload);
        }

        return NullIfEmpty(payload);
    }

    private Task PutAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var bytes = ByteString.CopyFrom(value.Span);
        if (_features.UseWriteBatch)
        {
            return Batch(new WriteRecord { Type = WriteRecord.Types.Type.PutState, Key = key, Value = bytes, Collection = collection });
        }

        return CallAsync(MessageType.PutState, new PutState { Key = key, Value = bytes, Collection = collection }, cancellationToken);
    }

    private Task DeleteAsync(string collection, string key, MessageType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_features.UseWriteBatch)
        {
            var recordType = type == MessageType.PurgePrivateData ? WriteRecord.Types.Type.PurgePrivateData : WriteRecord.Types.Type.DelState;
            return Batch(new WriteRecord { Type = recordType, Key = key, Collection = collection });
        }

        // PURGE_PRIVATE_DATA carries a DelState too, as the official shims send it.
        return CallAsync(type, new DelState { Key = key, Collection = collection }, cancellationToken);
    }

    private async Task<byte[]?> GetValidationParameterAsync(string collection, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var payload = await CallAsync(MessageType.GetStateMetadata, new GetStateMetadata { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
        var result = StateMetadataResult.Parser.ParseFrom(payload);
        var entry = result.Entries.FirstOrDefault(e => e.Metakey == ValidationParameterKey);
        return entry is null ? null : entry.Value.ToByteArray();
    }

    private Task SetValidationParameterAsync(string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var metadata = new StateMetadata { Metakey = ValidationParameterKey, Value = ByteString.CopyFrom(policy.Span) };
        if (_features.UseWriteBatch)
        {
            return Batch(new WriteRecord { Type = WriteRecord.Types.Type.PutStateMetadata, Key = key, Collection = collection, Metadata = metadata });
        }

        return CallAsync(MessageType.PutStateMetadata, new PutStateMetadata { Key = key, Collection = collection, Metadata = metadata }, cancellationToken);
    }
}
