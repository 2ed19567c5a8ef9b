using System.Security.Cryptography;

namespace HealthRecords.Client.OffChain;

/// <summary>
/// SHA-256 of off-chain content, as lowercase hex: the form of a record pointer's <c>contentHash</c>.
/// Streams are read in chunks, so documents of any size hash in constant memory.
/// </summary>
public static class ContentHash
{
    /// <summary>Hashes <paramref name="content"/>.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Hashes <paramref name="content"/> from its current position to its end.</summary>
    /// <param name="content">A readable stream (left open).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The hash (64 lowercase hex digits) and the number of bytes read.</returns>
    public static async Task<(string Hash, long Size)> ComputeAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>Hashes a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The hash (64 lowercase hex digits) and the file's size.</returns>
    public static async Task<(string Hash, long Size)> ComputeFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            return await ComputeAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="content"/> hashes to <paramref name="expectedHash"/> (compared in constant time).</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="expectedHash">64 hex digits, e.g. a pointer's <c>contentHash</c>.</param>
    /// <returns>True if they match.</returns>
    public static bool Matches(ReadOnlySpan<byte> content, string expectedHash) =>
        expectedHash is not null && Equal(Compute(content), expectedHash);

    internal static bool Equal(string actualLowerHex, string expected) =>
        expected.Length == actualLowerHex.Length
        && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(actualLowerHex), System.Text.Encoding.ASCII.GetBytes(expected.ToLowerInvariant()));
}
