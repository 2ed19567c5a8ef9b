namespace HealthRecords.Client.OffChain;

/// <summary>
/// A local content-addressed store: each blob is a file named by its SHA-256 (lowercase hex) in one folder,
/// addressed as <c>cas://sha256/&lt;hex&gt;</c>. Writes go to a temporary file and are renamed into place
/// once hashed, so a blob is never visible half-written; reads re-hash the bytes and refuse content that
/// no longer matches its name. Storing the same content twice is a no-op.
/// </summary>
public sealed class ContentAddressedStore
{
    /// <summary>Creates the store; the folder is created if missing.</summary>
    /// <param name="root">The folder that holds the blobs.</param>
    public ContentAddressedStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>Stores <paramref name="content"/> (from its position to its end).</summary>
    /// <param name="content">A readable stream (left open).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The blob's address.</returns>
    public async Task<ContentAddress> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = Path.Combine(Root, ".incoming-" + Path.GetRandomFileName());
        try
        {
            (string Hash, long Size) result;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Position = 0;
                result = await ContentHash.ComputeAsync(file, cancellationToken).ConfigureAwait(false);
            }

            var target = PathOf(result.Hash);
            if (File.Exists(target))
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, target, overwrite: true);
            }

            return new ContentAddress(result.Hash, result.Size);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Stores <paramref name="content"/>.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The blob's address.</returns>
    public async Task<ContentAddress> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return await PutAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a blob with this hash or <c>cas://</c> URI is stored (without checking its content).</summary>
    /// <param name="hashOrUri">64 hex digits or a <c>cas://sha256/&lt;hex&gt;</c> URI.</param>
    /// <returns>True if the file exists.</returns>
    public bool Contains(string hashOrUri) => File.Exists(PathOf(HashOf(hashOrUri)));

    /// <summary>Reads a blob and checks that it still hashes to its address.</summary>
    /// <param name="hashOrUri">64 hex digits or a <c>cas://sha256/&lt;hex&gt;</c> URI.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content.</returns>
    /// <exception cref="FileNotFoundException">No such blob.</exception>
    /// <exception cref="ContentIntegrityException">The stored bytes no longer match the address.</exception>
    public async Task<byte[]> ReadAllBytesAsync(string hashOrUri, CancellationToken cancellationToken = default)
    {
        var hash = HashOf(hashOrUri);
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No blob {ContentAddress.UriPrefix}{hash} in {Root}.", path);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var actual = ContentHash.Compute(bytes);
        if (!ContentHash.Equal(actual, hash))
        {
            throw new ContentIntegrityException(hash, actual, $"Blob {ContentAddress.UriPrefix}{hash} is corrupt: its bytes hash to {actual}.");
        }

        return bytes;
    }

    /// <summary>The file path of a blob (whether or not it exists).</summary>
    /// <param name="hashOrUri">64 hex digits or a <c>cas://sha256/&lt;hex&gt;</c> URI.</param>
    /// <returns>The path.</returns>
    public string GetPath(string hashOrUri) => PathOf(HashOf(hashOrUri));

    private string PathOf(string hash) => Path.Combine(Root, hash);

    private static string HashOf(string hashOrUri)
    {
        ArgumentNullException.ThrowIfNull(hashOrUri);
        if (ContentAddress.TryParseUri(hashOrUri, out var hash))
        {
            return hash;
        }

        var lower = hashOrUri.ToLowerInvariant();
        return ContentAddress.TryParseUri(ContentAddress.UriPrefix + lower, out hash)
            ? hash
            : throw new ArgumentException($"'{hashOrUri}' is neither a SHA-256 hex digest nor a {ContentAddress.UriPrefix}<hex> URI.", nameof(hashOrUri));
    }
}
