using System.Text.RegularExpressions;

namespace HealthRecords.Domain.Internal;

/// <summary>Strict input checks; each failure is an INVALID_ARGUMENT naming the field and the rule.</summary>
internal static partial class Validate
{
    public const int MaxLocationLength = 2048;
    public const int MaxIdentityIdLength = 1024;
    public const int MaxReasonLength = 500;
    public const long MaxSize = 1L << 40;

    public static T NotNull<T>(T? value, string field)
        where T : class
        => value ?? throw DomainException.Invalid($"'{field}' is required.");

    public static string PatientId(string? value, string field = "patientId") =>
        Match(value, field, PatientIdPattern(), "1 to 128 characters: letters, digits and . _ : - (starting with a letter or digit)");

    public static string MspId(string? value, string field = "mspId") =>
        Match(value, field, MspIdPattern(), "1 to 64 characters: letters, digits and . _ - (starting with a letter or digit)");

    public static string IdentityId(string? value, string field = "identityId")
    {
        NotNull(value, field);
        if (value!.Length == 0 || value.Length > MaxIdentityIdLength || !IsPlainText(value))
        {
            throw DomainException.Invalid(
                $"'{field}' must be 1 to {MaxIdentityIdLength} characters: letters, marks, digits, punctuation, symbols and spaces.");
        }

        return value;
    }

    public static string RecordId(string? value, string field = "recordId") =>
        Match(value, field, RecordIdPattern(), "'rec-' followed by 40 lowercase hex digits");

    public static string AccessId(string? value, string field = "accessId") =>
        Match(value, field, AccessIdPattern(), "'acc-' followed by 40 lowercase hex digits");

    public static bool IsRecordId(string value) => RecordIdPattern().IsMatch(value);

    public static string ConsentId(string? value, string field = "consentId") =>
        Match(value, field, ConsentIdPattern(), "'con-' followed by 40 lowercase hex digits");

    public static string Category(string? value, string field = "category") => OneOf(value, field, Vocabulary.Categories);

    public static string Purpose(string? value, string field = "purpose") => OneOf(value, field, [.. Vocabulary.Purposes.Keys]);

    public static string Action(string? value, string field = "action") => OneOf(value, field, Vocabulary.Actions);

    public static string ResourceType(string? value, string field = "resourceType") => OneOf(value, field, Vocabulary.ResourceTypes);

    public static string Relation(string? value, string field = "relation") => OneOf(value, field, Vocabulary.Relations);

    public static string ContentHash(string? value, string field = "contentHash") =>
        Match(value, field, HashPattern(), "a SHA-256 digest: exactly 64 lowercase hex digits");

    public static string MediaType(string? value, string field = "mediaType") =>
        Match(value, field, MediaTypePattern(), "a lowercase type/subtype media type of at most 129 characters, e.g. application/fhir+json");

    public static long Size(long value, string field = "size") =>
        value is >= 0 and <= MaxSize ? value : throw DomainException.Invalid($"'{field}' must be from 0 to {MaxSize} bytes; got {value}.");

    public static string Location(string? value, string field = "location")
    {
        NotNull(value, field);
        if (value!.Length == 0 || value.Length > MaxLocationLength)
        {
            throw DomainException.Invalid($"'{field}' must be 1 to {MaxLocationLength} characters; got {value.Length}.");
        }

        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c > '\u007e'))
        {
            throw DomainException.Invalid($"'{field}' must be a URI of printable ASCII without spaces (percent-encode the rest).");
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? value[..colon] : string.Empty;
        if (!Vocabulary.LocationSchemes.Contains(scheme, StringComparer.Ordinal)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (scheme == "https" && string.IsNullOrEmpty(uri.Host))
            || value.Length == colon + 1)
        {
            throw DomainException.Invalid(
                $"'{field}' must be an absolute URI with scheme {string.Join(", ", Vocabulary.LocationSchemes)} (lowercase).");
        }

        return value;
    }

    public static string Reason(string? value, string field = "reason")
    {
        NotNull(value, field);
        if (value!.Trim().Length == 0 || value.Length > MaxReasonLength || !IsPlainText(value))
        {
            throw DomainException.Invalid(
                $"'{field}' is mandatory: 1 to {MaxReasonLength} characters of letters, marks, digits, punctuation, symbols and spaces.");
        }

        return value;
    }

    public static int PageSize(int? value, HealthRecordsOptions options)
    {
        var size = value ?? options.DefaultPageSize;
        return size >= 1 && size <= options.MaxPageSize
            ? size
            : throw DomainException.Invalid($"'pageSize' must be from 1 to {options.MaxPageSize}; got {size}.");
    }

    public static string Bookmark(string? value) =>
        value is null || value.Length <= 4096 ? value ?? string.Empty : throw DomainException.Invalid("'bookmark' is too long.");

    public static string OneOf(string? value, string field, IReadOnlyList<string> allowed)
    {
        NotNull(value, field);
        return allowed.Contains(value!, StringComparer.Ordinal)
            ? value!
            : throw DomainException.Invalid($"'{field}' must be one of {string.Join(", ", allowed)}; got '{Truncate(value!)}'.");
    }

    /// <summary>
    /// Letters, marks, digits, punctuation, symbols (Unicode general categories L, M, N, P, S) and the
    /// ASCII space, all in the Basic Multilingual Plane: text the canonical JSON writes as raw UTF-8,
    /// escaping nothing but <c>"</c> and <c>\</c> (docs/data-model.md, "Merkle leaves").
    /// </summary>
    public static bool IsPlainText(string value)
    {
        foreach (var c in value)
        {
            var ok = c == ' ' || char.GetUnicodeCategory(c) switch
            {
                System.Globalization.UnicodeCategory.SpaceSeparator or System.Globalization.UnicodeCategory.LineSeparator
                    or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.Control
                    or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Surrogate
                    or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned => false,
                _ => c is < '\u007f' or > '\u009f',
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string Match(string? value, string field, Regex pattern, string rule)
    {
        NotNull(value, field);
        return pattern.IsMatch(value!) ? value! : throw DomainException.Invalid($"'{field}' must be {rule}; got '{Truncate(value!)}'.");
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PatientIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MspIdPattern();

    [GeneratedRegex(@"^rec-[0-9a-f]{40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RecordIdPattern();

    [GeneratedRegex(@"^acc-[0-9a-f]{40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccessIdPattern();

    [GeneratedRegex(@"^con-[0-9a-f]{40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConsentIdPattern();

    [GeneratedRegex(@"^[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HashPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9!#$&^_.+\-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+\-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MediaTypePattern();
}
