using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hyperledger.Fabric.Gateway;

namespace HealthRecords.Client.Profiles;

/// <summary>Reads the <c>x-hrec</c> extension the gateway keeps unread in <see cref="CommonConnectionProfile.Extensions"/>; errors name the field.</summary>
internal static partial class ConnectionProfileReader
{
    public static Extension Read(CommonConnectionProfile common)
    {
        var source = common.Source;
        var baseDirectory = common.BaseDirectory;
        var cas = new Dictionary<string, IReadOnlyList<X509Certificate2>>(StringComparer.Ordinal);
        var identities = new Dictionary<string, ConnectionProfileIdentity>(StringComparer.Ordinal);
        if (!common.Extensions.TryGetValue(ConnectionProfile.ExtensionName, out var extension) || extension.ValueKind == JsonValueKind.Null)
        {
            return new Extension(null, null, cas, identities);
        }

        if (extension.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: '{ConnectionProfile.ExtensionName}' must be an object");
        }

        foreach (var (mspId, org) in Objects(extension, "organizations", source))
        {
            var field = $"{ConnectionProfile.ExtensionName}.organizations.{mspId}.caCerts";
            var certificates = new List<X509Certificate2>();
            if (org.TryGetProperty("caCerts", out var paths) && paths.ValueKind == JsonValueKind.Array)
            {
                foreach (var path in paths.EnumerateArray())
                {
                    certificates.AddRange(LoadCertificates(Resolve(baseDirectory, path.GetString()), field, source));
                }
            }

            cas[mspId] = certificates;
        }

        foreach (var (name, identity) in Objects(extension, "identities", source))
        {
            identities[name] = ReadIdentity(name, identity, $"{ConnectionProfile.ExtensionName}.identities.{name}", baseDirectory, source);
        }

        return new Extension(String(extension, "channel", source), String(extension, "chaincode", source), cas, identities);
    }

    /// <summary>What the extension holds.</summary>
    internal sealed record Extension(
        string? Channel, string? Chaincode,
        IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> MspCaCertificates, IReadOnlyDictionary<string, ConnectionProfileIdentity> Identities);

    private static IEnumerable<(string Name, JsonElement Value)> Objects(JsonElement parent, string property, string source)
    {
        if (!parent.TryGetProperty(property, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        var field = $"{ConnectionProfile.ExtensionName}.{property}";
        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: '{field}' must be an object");
        }

        foreach (var item in section.EnumerateObject())
        {
            yield return item.Value.ValueKind == JsonValueKind.Object
                ? (item.Name, item.Value)
                : throw new InvalidDataException($"{source}: '{field}.{item.Name}' must be an object");
        }
    }

    private static string? String(JsonElement parent, string property, string source)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidDataException($"{source}: '{property}' must be a string");
    }

    private static string Required(JsonElement parent, string property, string field, string source) =>
        String(parent, property, source) is { Length: > 0 } value ? value : throw new InvalidDataException($"{source}: {field}.{property} is required");

    private static string Resolve(string baseDirectory, string? path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
    }

    private static X509Certificate2Collection LoadCertificates(string path, string field, string source)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{source}: {field}: cannot read {path}: {e.Message}", e);
        }
        catch (CryptographicException e)
        {
            throw new InvalidDataException($"{source}: {field} holds no valid PEM certificate: {e.Message}", e);
        }

        return collection.Count > 0 ? collection : throw new InvalidDataException($"{source}: {field} holds no PEM certificate");
    }
}
