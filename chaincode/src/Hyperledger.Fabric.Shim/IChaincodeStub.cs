using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Shim;

/// <summary>
/// The API a chaincode uses during one transaction: its arguments and proposal, world state,
/// queries, private data, state-based endorsement and events. Reads see committed state only (a
/// transaction does not read its own writes), and a key already read in the transaction is not
/// asked for again. Calls for one transaction are sent to the peer one at a time; when the peer
/// offers write batching (Fabric 3.x) writes are sent together when the function returns. After the
/// transaction completes every call throws <see cref="InvalidOperationException"/>.
/// </summary>
public interface IChaincodeStub
{
    /// <summary>The transaction id.</summary>
    string TxId { get; }

    /// <summary>The channel the transaction runs on.</summary>
    string ChannelId { get; }

    /// <summary>All arguments, the function name first.</summary>
    IReadOnlyList<byte[]> Args { get; }

    /// <summary>All arguments decoded as UTF-8.</summary>
    IReadOnlyList<string> StringArgs { get; }

    /// <summary>The function name (first argument, empty when there are none) and the other arguments as strings.</summary>
    (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters();

    /// <summary>Decorations the peer's decorators added to the input (usually empty).</summary>
    IReadOnlyDictionary<string, byte[]> Decorations { get; }

    /// <summary>The signed proposal the client sent; null only for peer-internal invocations.</summary>
    SignedProposal? SignedProposal { get; }

    /// <summary>The proposal's creator: a serialized <c>msp.SerializedIdentity</c>; empty without a proposal.</summary>
    ReadOnlyMemory<byte> Creator { get; }

    /// <summary>The creator as a client identity (MSP ID, certificate, id, attributes).</summary>
    /// <exception cref="InvalidOperationException">The transaction has no proposal.</exception>
    ClientIdentity ClientIdentity { get; }

    /// <summary>Transient data from the proposal: sent to endorsers, never written to the ledger.</summary>
    IReadOnlyDictionary<string, byte[]> Transient { get; }

    /// <summary>SHA-256 of the proposal's nonce, creator and epoch: binds a signature to this transaction.</summary>
    ReadOnlyMemory<byte> Binding { get; }

    /// <summary>The client's timestamp from the proposal's channel header: the same on every endorser.</summary>
    DateTimeOffset TxTimestamp { get; }

    /// <summary>Cancelled when the peer disconnects or the chaincode server stops.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>The committed value of <paramref name="key"/>, or null when the key does not exist.</summary>
    Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The committed values of <paramref name="keys"/>, in the same order (null for a key that does not
    /// exist). A Fabric 3.x peer that offers multi-key reads answers them in one round trip per
    /// (peer-announced) maximum number of keys; a 2.5 peer gets one GET_STATE per key.
    /// </summary>
    /// <remarks>The default implementation reads the keys one by one with <see cref="GetStateAsync"/>.</remarks>
    async Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = new byte[]?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = await GetStateAsync(keys[i], cancellationToken).ConfigureAwait(false);
        }

        return values;
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="key"/> when the transaction commits.</summary>
    Task PutStateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="key"/> when the transaction commits.</summary>
    Task DeleteStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys in [<paramref name="startKey"/>, <paramref name="endKey"/>) in UTF-8 byte order; empty bounds are open.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetStateByRangeAsync(string startKey, string endKey, CancellationToken cancellationToken = default);

    /// <summary>One page of a range query; <paramref name="bookmark"/> is the previous page's bookmark or empty.</summary>
    Task<IQueryResultsPage<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Composite keys that start with the given object type and attributes.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetStateByPartialCompositeKeyAsync(string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default);

    /// <summary>One page of a partial composite key query.</summary>
    Task<IQueryResultsPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>A rich query (CouchDB selector JSON); the peer answers ERROR on LevelDB.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetQueryResultAsync(string query, CancellationToken cancellationToken = default);

    /// <summary>One page of a rich query.</summary>
    Task<IQueryResultsPage<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default);

    /// <summary>Every committed change of <paramref name="key"/>, newest first.</summary>
    Task<IQueryResultsIterator<KeyModification>> GetHistoryForKeyAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Builds a composite key (see <see cref="Shim.CompositeKey"/>).</summary>
    string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes);

    /// <summary>Splits a composite key (see <see cref="Shim.CompositeKey"/>).</summary>
    (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey);

    /// <summary>The endorsement policy set on <paramref name="key"/> (state-based endorsement), or null.</summary>
    Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets the endorsement policy (a serialized <c>common.SignaturePolicyEnvelope</c>) of <paramref name="key"/>.</summary>
    Task SetStateValidationParameterAsync(string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default);

    /// <summary>The private value of <paramref name="key"/> in <paramref name="collection"/>, or null.</summary>
    Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>The SHA-256 of a private value (readable by peers outside the collection), or null.</summary>
    Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a private value when the transaction commits.</summary>
    Task PutPrivateDataAsync(string collection, string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a private value when the transaction commits.</summary>
    Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes a private value and purges its history from the private data store.</summary>
    Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Private keys in [<paramref name="startKey"/>, <paramref name="endKey"/>) of a collection.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey, CancellationToken cancellationToken = default);

    /// <summary>Private composite keys that start with the given object type and attributes.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default);

    /// <summary>A rich query over a collection.</summary>
    Task<IQueryResultsIterator<KeyValue>> GetPrivateDataQueryResultAsync(string collection, string query, CancellationToken cancellationToken = default);

    /// <summary>The endorsement policy set on a private key, or null.</summary>
    Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default);

    /// <summary>Sets the endorsement policy of a private key.</summary>
    Task SetPrivateDataValidationParameterAsync(string collection, string key, ReadOnlyMemory<byte> policy, CancellationToken cancellationToken = default);

    /// <summary>Sets the transaction's one chaincode event (a later call replaces an earlier one).</summary>
    void SetEvent(string name, ReadOnlyMemory<byte> payload);

    /// <summary>Calls another chaincode on this peer (on <paramref name="channel"/>, or this channel when null).</summary>
    Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default);
}
