using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthRecords.Domain.Internal;

/// <summary>
/// The one timestamp format of the ledger: RFC 3339 in UTC with exactly three fractional digits,
/// e.g. <c>2026-11-21T00:54:10.123Z</c>. Fixed width, so it also sorts chronologically in keys.
/// </summary>
internal static partial class Rfc3339
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    /// <summary>Converts to UTC and truncates to whole milliseconds, so what is stored is what is compared.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static string ToText(DateTimeOffset value) => Normalize(value).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses RFC 3339 with an explicit offset (<c>Z</c> or <c>±hh:mm</c>) and up to nine fractional digits.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length > 40)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // .NET parses at most seven fractional digits; the ledger keeps three anyway.
        var fraction = match.Groups["f"].Value;
        var trimmed = match.Groups["d"].Value + (fraction.Length > 0 ? "." + fraction[..Math.Min(7, fraction.Length)] : string.Empty)
            + match.Groups["z"].Value;
        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = Normalize(parsed);
        return true;
    }

    [GeneratedRegex(@"^(?<d>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(?<f>\d{1,9}))?(?<z>Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
