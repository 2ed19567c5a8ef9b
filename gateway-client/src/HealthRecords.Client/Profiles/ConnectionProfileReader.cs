using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hyperledger.Fabric.Gateway;
using static Hyperledger.Fabric.Gateway.ConnectionProfileJson;

namespace HealthRecords.Client.Profiles;

/// <summary>
/// Reads the <c>x-hrec</c> extension the gateway keeps unread in <see cref="CommonConnectionProfile.Extensions"/>,
/// with the gateway's own field readers (<see cref="ConnectionProfileJson"/>); errors name the field.
/// </summary>
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

        foreach (var (mspId, org) in ObjectMembers(extension, "organizations", ConnectionProfile.ExtensionName + ".organizations", source))
        {
            var field = $"{ConnectionProfile.ExtensionName}.organizations.{mspId}.caCerts";
            var certificates = new List<X509Certificate2>();
            if (org.TryGetProperty("caCerts", out var paths) && paths.ValueKind == JsonValueKind.Array)
            {
                foreach (var path in paths.EnumerateArray())
                {
                    certificates.AddRange(LoadCertificates(ResolvePath(baseDirectory, path.GetString()), field, source));
                }
            }

            cas[mspId] = certificates;
        }

        foreach (var (name, identity) in ObjectMembers(extension, "identities", ConnectionProfile.ExtensionName + ".identities", source))
        {
            identities[name] = ReadIdentity(name, identity, $"{ConnectionProfile.ExtensionName}.identities.{name}", baseDirectory, source);
        }

        return new Extension(OptionalString(extension, "channel", source), OptionalString(extension, "chaincode", source), cas, identities);
    }

    /// <summary>What the extension holds.</summary>
    internal sealed record Extension(
        string? Channel, string? Chaincode,
        IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> MspCaCertificates, IReadOnlyDictionary<string, ConnectionProfileIdentity> Identities);
}
