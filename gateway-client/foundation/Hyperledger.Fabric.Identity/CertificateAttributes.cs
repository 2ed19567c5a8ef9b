using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// Identity attributes as Fabric CA writes them: a non-critical certificate extension with OID
/// <see cref="ExtensionOid"/> whose value is raw UTF-8 JSON (not DER-wrapped),
/// <c>{"attrs":{"hrec.role":"patient"}}</c>. Chaincode reads these to check roles.
/// </summary>
public static class CertificateAttributes
{
    /// <summary>The extension OID Fabric CA uses for attributes.</summary>
    public const string ExtensionOid = "1.2.3.4.5.6.7.8.1";

    /// <summary>The attributes in <paramref name="certificate"/>; empty when it has no attribute extension.</summary>
    /// <param name="certificate">The certificate to read.</param>
    /// <exception cref="FormatException">The extension is present but is not <c>{"attrs":{name:string}}</c> JSON.</exception>
    public static IReadOnlyDictionary<string, string> Read(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[ExtensionOid];
        if (extension is null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        return Parse(extension.RawData);
    }

    /// <summary>Parses the extension value <c>{"attrs":{...}}</c>.</summary>
    /// <param name="extensionValue">The raw extension value bytes.</param>
    /// <exception cref="FormatException">Not attribute JSON.</exception>
    public static IReadOnlyDictionary<string, string> Parse(ReadOnlySpan<byte> extensionValue)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(extensionValue);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"the attribute extension {ExtensionOid} is not a JSON object");
            }

            if (!document.RootElement.TryGetProperty("attrs", out var attrs) || attrs.ValueKind == JsonValueKind.Null)
            {
                return result;
            }

            if (attrs.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"the attribute extension {ExtensionOid} has an 'attrs' member that is not an object");
            }

            foreach (var property in attrs.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"the attribute '{property.Name}' in extension {ExtensionOid} is not a string");
                }

                result[property.Name] = property.Value.GetString()!;
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new FormatException($"the attribute extension {ExtensionOid} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Builds the attribute extension for <paramref name="attributes"/> as Fabric CA does: JSON with
    /// keys in ordinal order (as Go marshals a map), non-critical.
    /// </summary>
    /// <param name="attributes">Attribute names and values.</param>
    public static X509Extension CreateExtension(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new X509Extension(ExtensionOid, Encode(attributes), critical: false);
    }

    /// <summary>The extension value bytes: <c>{"attrs":{...}}</c> with keys in ordinal order.</summary>
    /// <param name="attributes">Attribute names and values.</param>
    public static byte[] Encode(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("attrs");
            foreach (var pair in attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The attribute JSON as text, for logs and docs.</summary>
    /// <param name="attributes">Attribute names and values.</param>
    public static string ToJson(IReadOnlyDictionary<string, string> attributes) => Encoding.UTF8.GetString(Encode(attributes));
}
