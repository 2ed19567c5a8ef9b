using HealthRecords.Client.Proofs;

namespace HealthRecords.Client.OffChain;

/// <summary>Where content lives in a <see cref="ContentAddressedStore"/>: its SHA-256, as a <c>cas://sha256/&lt;hex&gt;</c> URI.</summary>
/// <param name="Hash">64 lowercase hex digits: the record pointer's <c>contentHash</c>.</param>
/// <param name="Size">The content's length in bytes: the pointer's <c>size</c>.</param>
public sealed record ContentAddress(string Hash, long Size)
{
    /// <summary>The URI prefix (<c>cas://sha256/</c>).</summary>
    public const string UriPrefix = "cas://sha256/";

    /// <summary>The URI, <c>cas://sha256/&lt;hex&gt;</c>: the record pointer's <c>location</c>.</summary>
    public string Uri => UriPrefix + Hash;

    /// <summary>Reads the hash out of a <c>cas://sha256/&lt;hex&gt;</c> URI.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="hash">The 64 lowercase hex digits.</param>
    /// <returns>False if <paramref name="uri"/> is not such a URI.</returns>
    public static bool TryParseUri(string? uri, out string hash)
    {
        hash = string.Empty;
        if (uri is null || !uri.StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var candidate = uri[UriPrefix.Length..];
        if (!HistoryProofs.TryDecode(candidate, out _))
        {
            return false;
        }

        hash = candidate;
        return true;
    }
}
