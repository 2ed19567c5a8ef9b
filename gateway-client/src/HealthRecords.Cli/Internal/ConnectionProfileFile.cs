using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Gateway;
using Hyperledger.Fabric.Identity;
using HealthRecords.Client.Profiles;

namespace HealthRecords.Cli.Internal;

/// <summary>
/// The connection profile (docs/connection-profile.md, read by <see cref="ConnectionProfile"/>) with the
/// CLI's error reporting: a missing file means no network was started (exit 4), a bad one or an unknown
/// identity is a usage error (exit 1) that lists the names the profile has.
/// </summary>
internal sealed class ConnectionProfileFile
{
    private ConnectionProfileFile(string path, ConnectionProfile profile)
    {
        Path = path;
        Profile = profile;
    }

    public string Path { get; }

    public ConnectionProfile Profile { get; }

    public string Channel => Profile.Channel ?? "healthchannel";

    public string Chaincode => Profile.Chaincode ?? "healthrecords";

    public IReadOnlyDictionary<string, ConnectionProfilePeer> Peers => Profile.Peers;

    public IReadOnlyDictionary<string, ConnectionProfileIdentity> Identities => Profile.Identities;

    public static ConnectionProfileFile Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            return new ConnectionProfileFile(full, ConnectionProfile.Load(full));
        }
        catch (FileNotFoundException)
        {
            throw new CliException(
                ExitCodes.Unavailable,
                "NO_PROFILE",
                $"no connection profile at {full}: the network is not running or the path is wrong",
                "start the dev network with 'hrec network up' (or run 'make demo'), or point --profile / HREC_PROFILE at a profile");
        }
        catch (Exception e) when (e is InvalidDataException or CryptoMaterialException or IOException)
        {
            throw CliException.Usage($"the connection profile {full} cannot be read: {e.Message}");
        }
    }

    /// <summary>The named identity, or a usage error listing the names the profile has.</summary>
    public ConnectionProfileIdentity GetIdentity(string name)
    {
        if (Identities.TryGetValue(name, out var identity))
        {
            return identity;
        }

        throw new CliException(
            ExitCodes.Usage,
            "UNKNOWN_IDENTITY",
            $"the profile has no identity named '{name}'",
            "known identities: " + string.Join(", ", Identities.Keys.Order(StringComparer.Ordinal)));
    }

    /// <summary>
    /// Verifiable reads (roots and proofs endorsed by every organisation the profile has CAs for, up to two),
    /// or null when the profile names fewer than one organisation's CA.
    /// </summary>
    public VerifiedReadOptions? CreateVerifiedReadOptions()
    {
        var organizations = Profile.MspCaCertificates.Count(o => o.Value.Count > 0);
        return organizations == 0 ? null : Profile.CreateVerifiedReadOptions(Math.Min(2, organizations));
    }

    /// <summary>Every organisation's root CA certificates.</summary>
    public IEnumerable<X509Certificate2> CaCertificates() => Profile.MspCaCertificates.Values.SelectMany(c => c);
}
