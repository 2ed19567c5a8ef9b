namespace HealthRecords.Domain.Ports;

/// <summary>
/// The world-state operations the domain needs, shaped after Fabric's chaincode stub. The chaincode
/// adapter implements it over the shim's stub; tests implement it in memory.
/// </summary>
/// <remarks>
/// Semantics follow Fabric: reads see the committed state only (not writes pending in the same
/// transaction); writes become visible when the transaction commits; a failed transaction writes
/// nothing; at most one event per transaction (a second <see cref="SetEvent"/> replaces the first).
/// </remarks>
public interface ILedger
{
    /// <summary>Reads the committed value of <paramref name="key"/>; <see langword="null"/> when absent.</summary>
    /// <param name="key">A state key (usually made by <see cref="CreateCompositeKey"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the committed values of several keys, in order (<see langword="null"/> for an absent key).
    /// The chaincode adapter asks the peer for them together where it can (Fabric 3.x), so a function
    /// that knows up front which keys it needs reads them in one round trip.
    /// </summary>
    /// <param name="keys">State keys.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <remarks>The default implementation calls <see cref="GetStateAsync"/> for each key.</remarks>
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

    /// <summary>Writes <paramref name="value"/> (never empty: Fabric treats an empty value as a delete) under <paramref name="key"/>.</summary>
    /// <param name="key">A state key.</param>
    /// <param name="value">The bytes to store; the ledger may keep the array.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Builds a composite key the way Fabric does: U+0000, the object type, then each attribute
    /// followed by U+0000. Attributes must not contain U+0000.
    /// </summary>
    /// <param name="objectType">The key's type prefix, e.g. <c>hrec.record</c>.</param>
    /// <param name="attributes">The key's attributes, most significant first.</param>
    string CreateCompositeKey(string objectType, params string[] attributes);

    /// <summary>Enumerates, in key order, every entry whose composite key starts with <paramref name="objectType"/> and <paramref name="attributes"/>.</summary>
    /// <param name="objectType">The key's type prefix.</param>
    /// <param name="attributes">Leading attributes (may be empty).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<LedgerEntry> GetStateByPartialCompositeKeyAsync(
        string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of <see cref="GetStateByPartialCompositeKeyAsync"/>: at most <paramref name="pageSize"/>
    /// entries starting at <paramref name="bookmark"/> (empty for the first page). Fabric allows this
    /// only in read-only transactions, so the domain uses it only in queries.
    /// </summary>
    /// <param name="objectType">The key's type prefix.</param>
    /// <param name="attributes">Leading attributes (may be empty).</param>
    /// <param name="pageSize">The maximum number of entries, at least 1.</param>
    /// <param name="bookmark">Where to resume: empty for the start, else a bookmark an earlier page returned.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<LedgerPage> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType,
        IReadOnlyList<string> attributes,
        int pageSize,
        string bookmark,
        CancellationToken cancellationToken = default);

    /// <summary>Sets the transaction's single chaincode event.</summary>
    /// <param name="name">The event name.</param>
    /// <param name="payload">The event payload.</param>
    void SetEvent(string name, byte[] payload);
}
