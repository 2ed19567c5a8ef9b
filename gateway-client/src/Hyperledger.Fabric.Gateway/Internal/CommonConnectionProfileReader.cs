using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>Parses the common connection-profile JSON (docs/connection-profile.md); errors name the field.</summary>
internal static class CommonConnectionProfileReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static CommonConnectionProfile Read(string json, string baseDirectory, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source}: the top level must be a JSON object");
            }

            var peerMsp = ReadPeerOrganizations(root, source);
            var peers = new Dictionary<string, ConnectionProfilePeer>(StringComparer.Ordinal);
            foreach (var (name, peer) in Objects(root, "peers", source))
            {
                peers[name] = ReadPeer(name, peer, peerMsp.GetValueOrDefault(name), baseDirectory, source);
            }

            var channels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, channel) in Objects(root, "channels", source))
            {
                channels[name] = channel.TryGetProperty("peers", out var listed) && listed.ValueKind == JsonValueKind.Object
                    ? listed.EnumerateObject().Select(p => p.Name).ToList()
                    : [];
            }

            // Extensions belong to the applications that define them: kept, not read.
            var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.StartsWith("x-", StringComparison.Ordinal))
                {
                    extensions[property.Name] = property.Value.Clone();
                }
            }

            var client = root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object ? String(c, "organization", source) : null;
            return new CommonConnectionProfile(String(root, "name", source), client, peers, channels, extensions, baseDirectory, source);
        }
    }

    private static Dictionary<string, string> ReadPeerOrganizations(JsonElement root, string source)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, org) in Objects(root, "organizations", source))
        {
            var mspId = Required(org, "mspid", "organizations." + name, source);
            if (org.TryGetProperty("peers", out var peers) && peers.ValueKind == JsonValueKind.Array)
            {
                foreach (var peer in peers.EnumerateArray())
                {
                    if (peer.GetString() is { } peerName)
                    {
                        result[peerName] = mspId;
                    }
                }
            }
        }

        return result;
    }

    private static ConnectionProfilePeer ReadPeer(string name, JsonElement peer, string? mspId, string baseDirectory, string source)
    {
        var field = "peers." + name;
        var url = Required(peer, "url", field, source);
        if (!url.StartsWith("grpcs://", StringComparison.Ordinal) && !url.StartsWith("grpc://", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: {field}.url '{url}' must start with grpcs:// or grpc://");
        }

        var roots = new X509Certificate2Collection();
        if (peer.TryGetProperty("tlsCACerts", out var tls) && tls.ValueKind == JsonValueKind.Object)
        {
            if (String(tls, "pem", source) is { } pem)
            {
                roots.AddRange(ParsePem(pem, field + ".tlsCACerts.pem", source));
            }
            else if (String(tls, "path", source) is { } path)
            {
                roots.AddRange(LoadCertificates(Resolve(baseDirectory, path), field + ".tlsCACerts.path", source).ToArray());
            }
        }

        string? overrideName = null;
        if (peer.TryGetProperty("grpcOptions", out var grpc) && grpc.ValueKind == JsonValueKind.Object)
        {
            overrideName = String(grpc, "ssl-target-name-override", source) ?? String(grpc, "hostnameOverride", source);
        }

        return new ConnectionProfilePeer(name, url, mspId, roots, overrideName);
    }

    private static IEnumerable<(string Name, JsonElement Value)> Objects(JsonElement parent, string property, string source)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source}: '{property}' must be an object");
        }

        foreach (var item in section.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source}: '{property}.{item.Name}' must be an object");
            }

            yield return (item.Name, item.Value);
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

    private static List<X509Certificate2> LoadCertificates(string path, string field, string source)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{source}: {field}: cannot read {path}: {e.Message}", e);
        }

        return [.. ParsePem(pem, field, source)];
    }

    private static X509Certificate2[] ParsePem(string pem, string field, string source)
    {
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
