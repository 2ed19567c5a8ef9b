using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fabric.CryptoGen;

/// <summary>
/// Writes Fabric's common connection profile (JSON) for generated crypto material, plus our
/// <c>x-hrec</c> extension: channel, chaincode, each peer organisation's root CA certificates and
/// every user of every peer organisation as a named identity. Paths inside <c>x-hrec</c> are
/// relative to the profile file; peers' TLS CA certificates are inlined as PEM.
/// </summary>
public static class ConnectionProfileWriter
{
    /// <summary>Writes the profile for <paramref name="spec"/> to <paramref name="path"/> (folders are created).</summary>
    /// <param name="path">The profile file, e.g. <c>network/.dev/profile.json</c>.</param>
    /// <param name="spec">The material, peer URLs and names.</param>
    /// <exception cref="ArgumentException">A peer has no URL, or an URL is not grpc:// or grpcs://.</exception>
    public static void Write(string path, ConnectionProfileSpec spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(spec);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, ToJson(spec, Path.GetDirectoryName(fullPath)!), new UTF8Encoding(false));
    }

    /// <summary>The profile JSON, with relative paths computed from <paramref name="profileDirectory"/>.</summary>
    /// <param name="spec">The material, peer URLs and names.</param>
    /// <param name="profileDirectory">The folder the profile will live in.</param>
    public static string ToJson(ConnectionProfileSpec spec, string profileDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var orgs = spec.Material.PeerOrganizations.ToList();
        if (orgs.Count == 0)
        {
            throw new ArgumentException("the crypto material has no peer organisation", nameof(spec));
        }

        foreach (var node in orgs.SelectMany(o => o.Nodes))
        {
            if (!spec.PeerUrls.TryGetValue(node.CommonName, out var url))
            {
                throw new ArgumentException($"no URL for peer {node.CommonName} (give --peer-url {node.CommonName}=grpcs://host:port)", nameof(spec));
            }

            if (!url.StartsWith("grpcs://", StringComparison.Ordinal) && !url.StartsWith("grpc://", StringComparison.Ordinal))
            {
                throw new ArgumentException($"peer {node.CommonName}: URL '{url}' must start with grpcs:// or grpc://", nameof(spec));
            }
        }

        var duplicate = orgs.SelectMany(o => o.Users).GroupBy(u => u.IdentityName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"identity name '{duplicate.Key}' is used by more than one organisation; rename one of the named users", nameof(spec));
        }

        string Relative(string absolute) => Path.GetRelativePath(profileDirectory, absolute).Replace('\\', '/');

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", spec.Name);
            w.WriteString("version", "1.0.0");
            w.WriteStartObject("client");
            w.WriteString("organization", spec.ClientOrganization ?? orgs[0].Name);
            w.WriteStartObject("connection");
            w.WriteStartObject("timeout");
            w.WriteStartObject("peer");
            w.WriteString("endorser", spec.EndorserTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("channels");
            w.WriteStartObject(spec.Channel);
            w.WriteStartObject("peers");
            foreach (var node in orgs.SelectMany(o => o.Nodes))
            {
                w.WriteStartObject(node.CommonName);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("organizations");
            foreach (var org in orgs)
            {
                w.WriteStartObject(org.Name);
                w.WriteString("mspid", org.MspId);
                w.WriteStartArray("peers");
                foreach (var node in org.Nodes)
                {
                    w.WriteStringValue(node.CommonName);
                }

                w.WriteEndArray();
                w.WriteStartArray("certificateAuthorities");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("peers");
            foreach (var org in orgs)
            {
                var tlsCaPem = File.ReadAllText(org.TlsCaCertificatePath);
                foreach (var node in org.Nodes)
                {
                    w.WriteStartObject(node.CommonName);
                    w.WriteString("url", spec.PeerUrls[node.CommonName]);
                    w.WriteStartObject("tlsCACerts");
                    w.WriteString("pem", tlsCaPem);
                    w.WriteEndObject();
                    w.WriteStartObject("grpcOptions");
                    w.WriteString("ssl-target-name-override", node.CommonName);
                    w.WriteString("hostnameOverride", node.CommonName);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
            }

            w.WriteEndObject();
            w.WriteStartObject("orderers");
            w.WriteEndObject();
            w.WriteStartObject("certificateAuthorities");
            w.WriteEndObject();

            w.WriteStartObject("x-hrec");
            w.WriteString("channel", spec.Channel);
            w.WriteString("chaincode", spec.Chaincode);
            w.WriteString("cryptoRoot", Relative(spec.Material.RootDirectory));
            w.WriteStartObject("organizations");
            foreach (var org in orgs)
            {
                w.WriteStartObject(org.MspId);
                w.WriteStartArray("caCerts");
                w.WriteStringValue(Relative(org.MspCaCertificatePath));
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("identities");
            foreach (var org in orgs)
            {
                var gatewayPeer = org.Nodes.Count > 0 ? org.Nodes[0].CommonName : null;
                foreach (var user in org.Users)
                {
                    w.WriteStartObject(user.IdentityName);
                    w.WriteString("mspid", org.MspId);
                    w.WriteString("certPath", Relative(user.SigningCertificatePath));
                    w.WriteString("keyPath", Relative(user.PrivateKeyPath));
                    if (gatewayPeer is not null)
                    {
                        w.WriteString("peer", gatewayPeer);
                    }

                    w.WriteEndObject();
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
