using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthRecords.Domain.Internal;

namespace HealthRecords.Domain;

/// <summary>
/// The canonical JSON of the chaincode: what it stores, hashes, emits and returns, and how it reads
/// requests. Properties in their declared order (each contract fixes it with
/// <see cref="JsonPropertyOrderAttribute"/>), no whitespace, nulls written, UTF-8, timestamps as RFC 3339
/// UTC with three fractional digits, strings escaped by <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// (for the text the domain accepts, only <c>"</c> and <c>\</c>; see docs/data-model.md).
/// </summary>
public static class HealthRecordsJson
{
    /// <summary>The largest request the domain parses (64 KiB).</summary>
    public const int MaxRequestBytes = 64 * 1024;

    /// <summary>The serializer options: canonical on write, strict on read (unknown, duplicate or missing properties, nulls for non-nullable members and trailing data are errors).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes <paramref name="value"/> canonically.</summary>
    /// <typeparam name="T">A contract type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>UTF-8 bytes owned by the caller.</returns>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Parses a request, turning every parse failure into an <see cref="DomainErrorCodes.InvalidArgument"/> <see cref="DomainException"/>.</summary>
    /// <typeparam name="T">A contract type.</typeparam>
    /// <param name="json">UTF-8 JSON, at most <see cref="MaxRequestBytes"/> bytes.</param>
    /// <returns>The parsed request (never null).</returns>
    /// <exception cref="DomainException">The JSON is malformed, oversize, null, or does not fit <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxRequestBytes)
        {
            throw DomainException.Invalid($"The request is {json.Length} bytes; the limit is {MaxRequestBytes}.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw DomainException.Invalid($"The request must be a JSON object ({typeof(T).Name}), not null.");
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? string.Empty : $" at {ex.Path}";
            throw new DomainException($"Malformed {typeof(T).Name}{where}: {ex.Message}", ex);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowTrailingCommas = false,

            // {"patientId":"a","patientId":"b"} must not mean "b" to one parser and "a" to another.
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = 16,
        };
        options.Converters.Add(new Rfc3339Converter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
