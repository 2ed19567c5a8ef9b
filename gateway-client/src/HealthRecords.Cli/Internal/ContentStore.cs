using HealthRecords.Client.OffChain;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// Stores and fetches off-chain content for record pointers: <c>cas://sha256/&lt;hex&gt;</c> locations
/// live in a local content-addressed store, <c>https</c> locations are fetched over HTTP.
/// </summary>
internal static class ContentStore
{
    /// <summary>Environment variable naming the content-addressed store folder.</summary>
    public const string StoreVariable = "HREC_STORE";

    /// <summary>The store folder: <paramref name="explicitPath"/>, else <c>HREC_STORE</c>, else <c>cas/</c> beside the profile.</summary>
    public static ContentAddressedStore Open(string? explicitPath, string profilePath)
    {
        var path = explicitPath
            ?? (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(StoreVariable)) ? null : Environment.GetEnvironmentVariable(StoreVariable))
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(profilePath))!, "cas");
        return new ContentAddressedStore(path);
    }

    /// <summary>
    /// Fetches the content a pointer names and checks its SHA-256 and size against the pointer.
    /// </summary>
    /// <exception cref="ContentIntegrityException">The bytes do not match the on-chain hash or size.</exception>
    /// <exception cref="CliException">The location's scheme cannot be fetched by the CLI.</exception>
    public static async Task<byte[]> FetchVerifiedAsync(ContentAddressedStore store, string location, string contentHash, long size, CancellationToken cancellationToken)
    {
        byte[] bytes;
        if (ContentAddress.TryParseUri(location, out var hash))
        {
            bytes = await File.ReadAllBytesAsync(store.GetPath(hash), cancellationToken).ConfigureAwait(false);
        }
        else if (location.StartsWith("https://", StringComparison.Ordinal))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            bytes = await http.GetByteArrayAsync(new Uri(location), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new CliException(ExitCodes.Usage, "UNSUPPORTED_LOCATION", $"cannot fetch {location}: only cas:// and https:// locations can be fetched", "fetch it yourself and check it with 'sha256sum'");
        }

        var actual = ContentHash.Compute(bytes);
        if (!string.Equals(actual, contentHash, StringComparison.Ordinal))
        {
            throw new ContentIntegrityException(contentHash, actual, $"the content at {location} hashes to {actual}, but the ledger says {contentHash}");
        }

        if (bytes.LongLength != size)
        {
            throw new ContentIntegrityException(contentHash, actual, $"the content at {location} is {bytes.LongLength} bytes, but the ledger says {size}");
        }

        return bytes;
    }
}
