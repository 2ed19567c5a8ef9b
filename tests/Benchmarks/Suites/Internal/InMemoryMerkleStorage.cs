using HealthRecords.Domain.Merkle;

namespace Benchmarks.Suites.Internal;

/// <summary>A dictionary behind the Merkle log's storage port, so the benchmark times the log, not a ledger.</summary>
internal sealed class InMemoryMerkleStorage : IMerkleStorage
{
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>Every stored key (the Merkle log's own key names) and its value.</summary>
    public IReadOnlyDictionary<string, byte[]> Values => _values;

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue(key, out var value) ? value : null);

    public Task PutAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        _values[key] = value;
        return Task.CompletedTask;
    }
}
