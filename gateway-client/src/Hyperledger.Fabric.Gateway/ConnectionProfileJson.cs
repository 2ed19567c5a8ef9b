using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// The field readers <see cref="CommonConnectionProfile"/> parses with, for an application that reads its own
/// <c>x-…</c> section of <see cref="CommonConnectionProfile.Extensions"/> the same way: a missing or null
/// property reads as absent, a value of the wrong kind throws <see cref="InvalidDataException"/>, and every
/// message starts with the profile's <see cref="CommonConnectionProfile.Source"/> and names the field, never its value.
/// </summary>
public static class ConnectionProfileJson
{
    /// <summary>The object-valued members of <paramref name="parent"/>'s object <paramref name="property"/>, in order; none when it is missing or null.</summary>
    /// <param name="parent">The element holding the section (a non-object holds none).</param>
    /// <param name="property">The section's property name.</param>
    /// <param name="field">The section's path in messages (for a top-level section, its name).</param>
    /// <param name="source">The profile's name in messages.</param>
    /// <exception cref="InvalidDataException">The section, or one of its members, is not an object.</exception>
    public static IEnumerable<(string Name, JsonElement Value)> ObjectMembers(JsonElement parent, string property, string field, string source)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: '{field}' must be an object");
        }

        // Checked before the first member is returned, so that a caller never sees half a section.
        var members = new List<(string Name, JsonElement Value)>();
        foreach (var item in section.EnumerateObject())
        {
            members.Add(item.Value.ValueKind == JsonValueKind.Object
                ? (item.Name, item.Value)
                : throw new InvalidDataException($"{source}: '{field}.{item.Name}' must be an object"));
        }

        return members;
    }

    /// <summary>The string <paramref name="property"/> of <paramref name="parent"/>; null when it is missing or null, or <paramref name="parent"/> is not an object.</summary>
    /// <param name="parent">The object holding the property.</param>
    /// <param name="property">The property name.</param>
    /// <param name="source">The profile's name in messages.</param>
    /// <exception cref="InvalidDataException">The property is not a string.</exception>
    public static string? OptionalString(JsonElement parent, string property, string source)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidDataException($"{source}: '{property}' must be a string");
    }

    /// <summary>The non-empty string <paramref name="property"/> of <paramref name="parent"/>.</summary>
    /// <param name="parent">The object holding the property.</param>
    /// <param name="property">The property name.</param>
    /// <param name="field">The path of <paramref name="parent"/> in messages.</param>
    /// <param name="source">The profile's name in messages.</param>
    /// <exception cref="InvalidDataException">The property is missing, empty or not a string.</exception>
    public static string RequiredString(JsonElement parent, string property, string field, string source) =>
        OptionalString(parent, property, source) is { Length: > 0 } value ? value : throw new InvalidDataException($"{source}: {field}.{property} is required");

    /// <summary>The absolute form of a profile path: relative paths are relative to <paramref name="baseDirectory"/> (<see cref="CommonConnectionProfile.BaseDirectory"/>).</summary>
    /// <param name="baseDirectory">The folder relative paths are resolved against.</param>
    /// <param name="path">The path as the profile gives it.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static string ResolvePath(string baseDirectory, string? path)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
    }

    /// <summary>The certificates of a PEM file named by the profile.</summary>
    /// <param name="path">The file (absolute, see <see cref="ResolvePath"/>).</param>
    /// <param name="field">The field that names the file, in messages.</param>
    /// <param name="source">The profile's name in messages.</param>
    /// <exception cref="InvalidDataException">The file cannot be read, or holds no valid PEM certificate.</exception>
    public static IReadOnlyList<X509Certificate2> LoadCertificates(string path, string field, string source)
    {
        ArgumentNullException.ThrowIfNull(path);
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{source}: {field}: cannot read {path}: {e.Message}", e);
        }

        return ParseCertificates(pem, field, source);
    }

    /// <summary>The certificates of PEM text the profile holds inline.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="field">The field that holds it, in messages.</param>
    /// <param name="source">The profile's name in messages.</param>
    /// <exception cref="InvalidDataException">The text holds no valid PEM certificate.</exception>
    public static IReadOnlyList<X509Certificate2> ParseCertificates(string pem, string field, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{source}: {field} holds no valid PEM certificate: {e.Message}", e);
        }

        return collection.Count > 0 ? [.. collection] : throw new InvalidDataException($"{source}: {field} holds no PEM certificate");
    }
}
