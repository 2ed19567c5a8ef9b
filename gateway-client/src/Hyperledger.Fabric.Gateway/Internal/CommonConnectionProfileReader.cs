using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using static Hyperledger.Fabric.Gateway.ConnectionProfileJson;

namespace Hyperledger.Fabric.Gateway.Internal;

/// <summary>Parses the common connection-profile JSON (docs/connection-profile.md) with <see cref="ConnectionProfileJson"/>; errors name the field.</summary>
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
            foreach (var (name, peer) in ObjectMembers(root, "peers", "peers", source))
            {
                peers[name] = ReadPeer(name, peer, peerMsp.GetValueOrDefault(name), baseDirectory, source);
            }

            var channels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, channel) in ObjectMembers(root, "channels", "channels", source))
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

            var client = root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object ? OptionalString(c, "organization", source) : null;
            return new CommonConnectionProfile(OptionalString(root, "name", source), client, peers, channels, extensions, baseDirectory, source);
        }
    }

    private static Dictionary<string, string> ReadPeerOrganizations(JsonElement root, string source)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, org) in ObjectMembers(root, "organizations", "organizations", source))
        {
            var mspId = RequiredString(org, "mspid", "organizations." + name, source);
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
        var url = RequiredString(peer, "url", field, source);
        if (!url.StartsWith("grpcs://", StringComparison.Ordinal) && !url.StartsWith("grpc://", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: {field}.url '{url}' must start with grpcs:// or grpc://");
        }

        var roots = new X509Certificate2Collection();
        if (peer.TryGetProperty("tlsCACerts", out var tls) && tls.ValueKind == JsonValueKind.Object)
        {
            if (OptionalString(tls, "pem", source) is { } pem)
            {
                roots.AddRange(ParseCertificates(pem, field + ".tlsCACerts.pem", source).ToArray());
            }
            else if (OptionalString(tls, "path", source) is { } path)
            {
                roots.AddRange(LoadCertificates(ResolvePath(baseDirectory, path), field + ".tlsCACerts.path", source).ToArray());
            }
        }

        string? overrideName = null;
        if (peer.TryGetProperty("grpcOptions", out var grpc) && grpc.ValueKind == JsonValueKind.Object)
        {
            overrideName = OptionalString(grpc, "ssl-target-name-override", source) ?? OptionalString(grpc, "hostnameOverride", source);
        }

        return new ConnectionProfilePeer(name, url, mspId, roots, overrideName);
    }
}
