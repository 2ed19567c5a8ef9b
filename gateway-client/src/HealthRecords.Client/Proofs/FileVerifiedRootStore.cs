using System.Text.Json;

namespace HealthRecords.Client.Proofs;

/// <summary>
/// An <see cref="IVerifiedRootStore"/> in one JSON file (<c>{"patientId": {"treeSize": n, "rootHash": "..."}}</c>),
/// so a client restarted later still detects a history rewritten in between. Each write replaces the
/// file atomically (write a temporary file, then rename). One process per file.
/// </summary>
public sealed class FileVerifiedRootStore : IVerifiedRootStore, IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Dictionary<string, StoredRoot>? _roots;

    /// <summary>Creates the store; the file is read on first use and created on first write.</summary>
    /// <param name="path">The file; its folder is created if missing.</param>
    public FileVerifiedRootStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask<VerifiedRoot?> GetAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var roots = await LoadAsync(cancellationToken).ConfigureAwait(false);
            return roots.TryGetValue(patientId, out var r) ? new VerifiedRoot(patientId, r.TreeSize, r.RootHash) : null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(VerifiedRoot root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var roots = await LoadAsync(cancellationToken).ConfigureAwait(false);
            roots[root.PatientId] = new StoredRoot(root.TreeSize, root.RootHash);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(roots, JsonOptions), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private async Task<Dictionary<string, StoredRoot>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_roots is not null)
        {
            return _roots;
        }

        if (!File.Exists(Path))
        {
            return _roots = new Dictionary<string, StoredRoot>(StringComparer.Ordinal);
        }

        var bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        try
        {
            var parsed = JsonSerializer.Deserialize<Dictionary<string, StoredRoot>>(bytes, JsonOptions)
                ?? throw new InvalidDataException($"'{Path}' holds null instead of verified roots.");
            return _roots = new Dictionary<string, StoredRoot>(parsed, StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{Path}' is not a verified-root file: {e.Message}", e);
        }
    }

    private sealed record StoredRoot(
        [property: System.Text.Json.Serialization.JsonPropertyName("treeSize")] long TreeSize,
        [property: System.Text.Json.Serialization.JsonPropertyName("rootHash")] string RootHash);
}
