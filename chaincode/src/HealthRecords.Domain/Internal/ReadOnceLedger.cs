using HealthRecords.Domain.Ports;

namespace HealthRecords.Domain.Internal;

/// <summary>
/// Reads each key from the underlying ledger at most once per service call. Safe because
/// <see cref="ILedger"/> reads see committed state only, never the call's own writes; writes, scans
/// and events pass straight through.
/// </summary>
internal sealed class ReadOnceLedger(ILedger inner) : ILedger
{
    private readonly Dictionary<string, byte[]?> _reads = new(StringComparer.Ordinal);

    public async Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_reads.TryGetValue(key, out var value))
        {
            value = await inner.GetStateAsync(key, cancellationToken).ConfigureAwait(false);
            _reads[key] = value;
        }

        return Copy(value);
    }

    public async Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var missing = keys.Where(k => !_reads.ContainsKey(k)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var values = await inner.GetMultipleStatesAsync(missing, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < missing.Length; i++)
            {
                _reads[missing[i]] = values[i];
            }
        }

        return keys.Select(k => Copy(_reads[k])).ToArray();
    }

    public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default) =>
        inner.PutStateAsync(key, value, cancellationToken);

    public string CreateCompositeKey(string objectType, params string[] attributes) => inner.CreateCompositeKey(objectType, attributes);

    public IAsyncEnumerable<LedgerEntry> GetStateByPartialCompositeKeyAsync(
        string objectType, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default) =>
        inner.GetStateByPartialCompositeKeyAsync(objectType, attributes, cancellationToken);

    public Task<LedgerPage> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default) =>
        inner.GetStateByPartialCompositeKeyWithPaginationAsync(objectType, attributes, pageSize, bookmark, cancellationToken);

    public void SetEvent(string name, byte[] payload) => inner.SetEvent(name, payload);

    // Callers may change the arrays they get; the cached bytes must stay the committed ones.
    private static byte[]? Copy(byte[]? value) => value is null ? null : (byte[])value.Clone();
}
