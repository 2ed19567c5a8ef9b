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
        var payload = await CallAsync(type, new GetState { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
        return NullIfEmpty(payload);
    }

    private async Task PutAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new PutState { Key = key, Value = ByteString.CopyFrom(value.Span), Collection = collection };
        await CallAsync(MessageType.PutState, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteAsync(string collection, string key, MessageType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        // PURGE_PRIVATE_DATA carries a DelState too, as the official shims send it.
        await CallAsync(type, new DelState { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]?> GetValidationParameterAsync(string collection, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var payload = await CallAsync(MessageType.GetStateMetadata, new GetStateMetadata { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
        var result = StateMetadataResult.Parser.ParseFrom(payload);
        var entry = result.Entries.FirstOrDefault(e => e.Metakey == ValidationParameterKey);
        return entry is null ? null : entry.Value.ToByteArray();
    }

    private async Task SetValidationParameterAsync(string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var request = new PutStateMetadata
        {
            Key = key,
            Collection = collection,
            Metadata = new StateMetadata { Metakey = ValidationParameterKey, Value = ByteString.CopyFrom(policy.Span) },
        };
        await CallAsync(MessageType.PutStateMetadata, request, cancellationToken).ConfigureAwait(false);
    }
}
