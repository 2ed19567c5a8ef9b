using System.Collections.Concurrent;

namespace HealthRecords.Client.Proofs;

/// <summary>An <see cref="IVerifiedRootStore"/> that lives as long as the process.</summary>
public sealed class InMemoryVerifiedRootStore : IVerifiedRootStore
{
    private readonly ConcurrentDictionary<string, VerifiedRoot> _roots = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<VerifiedRoot?> GetAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        return ValueTask.FromResult(_roots.TryGetValue(patientId, out var root) ? root : null);
    }

    /// <inheritdoc />
    public ValueTask SetAsync(VerifiedRoot root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        _roots[root.PatientId] = root;
        return ValueTask.CompletedTask;
    }
}
