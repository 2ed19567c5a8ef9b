using Fabric.DevNetwork.Ledger.Internal;
using Google.Protobuf;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <content>
/// Private data calls, answered as Fabric's handler and simulator answer them: values from this peer's
/// private namespace when it is a member, hashes from the hashed namespace every peer holds, reads
/// recorded as hashed reads, writes as hashed writes plus a private write set for member peers.
/// </content>
internal sealed partial class SimulatedTransaction
{
    private readonly CollectionRules? _collections;
    private readonly PrivateReadWriteSetBuilder _private;
    private readonly HashSet<string> _privateIterators = new(StringComparer.Ordinal);

    private ByteString ReadPrivate(string collection, string key)
    {
        Refuse(Rules.ReadRefusal(collection));
        var hashed = _snapshot.GetState(PrivateNamespaces.Hashed(_namespace, collection), PrivateNamespaces.HashedKey(PrivateNamespaces.KeyHash(key)));
        var value = Rules.PeerIsMember(collection) ? _snapshot.GetState(PrivateNamespaces.Private(_namespace, collection), key) : null;
        if (hashed is not null && (value is null || value.Version != hashed.Version))
        {
            // A peer outside the collection (or one that missed the data) has only the hash.
            var privateVersion = value is null ? "<nil>" : $"{{BlockNum: {value.Version.BlockNumber}, TxNum: {value.Version.TransactionNumber}}}";
            throw new StateRequestException(
                $"private data matching public hash version is not available. Public hash version = {{BlockNum: {hashed.Version.BlockNumber}, TxNum: {hashed.Version.TransactionNumber}}}, Private data version = {privateVersion}");
        }

        _private.AddRead(collection, key, hashed);
        return value?.Value ?? ByteString.Empty;
    }

    /// <summary>Any peer answers with the hash, member or not, and under memberOnlyRead too.</summary>
    private ByteString ReadPrivateHash(string collection, string key)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new StateRequestException("only applicable for private data");
        }

        var hashed = _snapshot.GetState(PrivateNamespaces.Hashed(_namespace, collection), PrivateNamespaces.HashedKey(PrivateNamespaces.KeyHash(key)));
        _private.AddRead(collection, key, hashed);
        return hashed?.Value ?? ByteString.Empty;
    }

    private void WritePrivate(string collection, string key, ByteString value)
    {
        Refuse(Rules.WriteRefusal(collection));

        // As for public data, an empty value is recorded as a delete.
        if (value.IsEmpty)
        {
            _private.AddDelete(collection, key);
        }
        else
        {
            _private.AddWrite(collection, key, value);
        }
    }

    private void DeletePrivate(string collection, string key, bool purge)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new StateRequestException("collection must not be an empty string");
        }

        Refuse(Rules.WriteRefusal(collection));
        _private.AddDelete(collection, key, purge);
    }

    /// <summary>
    /// A member peer ranges over its private values, a non-member over nothing. Fabric does not
    /// re-check private range reads at commit, so none is recorded.
    /// </summary>
    private ByteString StartPrivateRange(Hyperledger.Fabric.Protos.Peer.GetStateByRange range)
    {
        Refuse(Rules.ReadRefusal(range.Collection));
        if (!range.Metadata.IsEmpty)
        {
            throw new StateRequestException("pagination is not supported for private data queries");
        }

        var entries = Rules.PeerIsMember(range.Collection)
            ? _snapshot.GetStateRange(PrivateNamespaces.Private(_namespace, range.Collection), range.StartKey, range.EndKey)
            : [];
        var iterator = QueryIterator.ForRange(NewIteratorId(), _namespace, entries, range.StartKey, range.EndKey, 0);
        _privateIterators.Add(iterator.Id);
        return Register(iterator);
    }

    private CollectionRules Rules => _collections ?? throw new StateRequestException($"collection config not defined for chaincode [{_namespace}], pass the collection configuration upon chaincode definition/instantiation");

    private static void Refuse(string? refusal)
    {
        if (refusal is not null)
        {
            throw new StateRequestException(refusal);
        }
    }
}
