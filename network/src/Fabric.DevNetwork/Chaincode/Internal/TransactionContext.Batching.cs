using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <content>
/// Fabric 3.x's batched calls. Each is answered only when READY offered it; a 2.5 peer has no
/// handler for them and refuses them with the message it uses for any unknown type.
/// </content>
internal sealed partial class SimulatedTransaction
{
    private readonly ChaincodeBatchingOptions? _batching;

    /// <summary>The READY payload that announces <paramref name="batching"/>; empty (2.5) when it is null.</summary>
    public static ByteString ReadyPayload(ChaincodeBatchingOptions? batching) => batching is null
        ? ByteString.Empty
        : new ChaincodeAdditionalParams
        {
            UseWriteBatch = batching.UseWriteBatch,
            MaxSizeWriteBatch = (uint)Math.Max(0, batching.MaxWriteBatchSize),
            UseGetMultipleKeys = batching.UseGetMultipleKeys,
            MaxSizeGetMultipleKeys = (uint)Math.Max(0, batching.MaxGetMultipleKeys),
        }.ToByteString();

    private void RequireMultipleKeys(ChaincodeMessage.Types.Type type, int count)
    {
        if (_batching is not { UseGetMultipleKeys: true })
        {
            throw Unhandled(type);
        }

        if (_batching.MaxGetMultipleKeys > 0 && count > _batching.MaxGetMultipleKeys)
        {
            throw new StateRequestException($"[{ShortTxId}] {count} keys requested; the maximum is {_batching.MaxGetMultipleKeys}");
        }
    }

    private ByteString? WriteBatch(ChaincodeMessage request)
    {
        if (_batching is not { UseWriteBatch: true })
        {
            throw Unhandled(request.Type);
        }

        var batch = WriteBatchState.Parser.ParseFrom(request.Payload);
        if (_batching.MaxWriteBatchSize > 0 && batch.Rec.Count > _batching.MaxWriteBatchSize)
        {
            throw new StateRequestException($"[{ShortTxId}] a batch of {batch.Rec.Count} writes; the maximum is {_batching.MaxWriteBatchSize}");
        }

        foreach (var record in batch.Rec)
        {
            RequireKey(record.Key);
            if (!string.IsNullOrEmpty(record.Collection))
            {
                WritePrivateRecord(record);
                continue;
            }

            switch (record.Type)
            {
                // Fabric's write set records an empty value as a delete, batched or not.
                case WriteRecord.Types.Type.PutState when record.Value.IsEmpty:
                case WriteRecord.Types.Type.DelState:
                    _rwset.AddDelete(record.Key);
                    break;
                case WriteRecord.Types.Type.PutState:
                    _rwset.AddWrite(record.Key, record.Value);
                    break;
                case WriteRecord.Types.Type.PutStateMetadata when record.Metadata is not null:
                    _rwset.AddMetadataWrite(record.Key, record.Metadata.Metakey, record.Metadata.Value);
                    break;
                case WriteRecord.Types.Type.PutStateMetadata:
                    throw new StateRequestException("metadata is required");
                case WriteRecord.Types.Type.PurgePrivateData:
                    throw new StateRequestException("a purge needs a collection");
                default:
                    throw new StateRequestException($"[{ShortTxId}] unknown write record type {record.Type}");
            }
        }

        return null;
    }

    private void WritePrivateRecord(WriteRecord record)
    {
        switch (record.Type)
        {
            case WriteRecord.Types.Type.PutState:
                WritePrivate(record.Collection, record.Key, record.Value);
                break;
            case WriteRecord.Types.Type.DelState:
                DeletePrivate(record.Collection, record.Key, purge: false);
                break;
            case WriteRecord.Types.Type.PurgePrivateData:
                DeletePrivate(record.Collection, record.Key, purge: true);
                break;
            default:
                // private metadata (key-level policies of private keys) is not supported by the dev network
                RequirePublic(record.Collection);
                break;
        }
    }

    private StateRequestException Unhandled(ChaincodeMessage.Types.Type type) =>
        new($"[{ShortTxId}] Fabric side handler cannot handle message ({type}) while in ready state");
}
