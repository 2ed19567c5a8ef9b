namespace HealthRecords.Domain.Internal;

/// <summary>
/// Where a paginated range query may resume. A Fabric bookmark is the full key of the next entry,
/// and the peer uses it as the range's start key as it is; the end key stays the prefix's end. So a
/// bookmark is safe exactly when it starts with the range's composite-key prefix: then every key the
/// peer can return from it also starts with that prefix (same object type, same patient, same
/// category where the prefix names one).
/// </summary>
internal static class Bookmarks
{
    /// <summary>True when <paramref name="bookmark"/> is a key inside the range that <paramref name="prefix"/> selects.</summary>
    /// <param name="prefix">The range's composite-key prefix (object type and leading attributes, each ending with U+0000).</param>
    /// <param name="bookmark">A non-empty bookmark from the request.</param>
    public static bool IsInside(string prefix, string bookmark) =>
        bookmark.StartsWith(prefix, StringComparison.Ordinal)
        && bookmark.Length > prefix.Length
        && bookmark[^1] == '\0';
}
