using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Fabric.CryptoGen;

/// <summary>
/// A crypto-config.yaml: Fabric cryptogen's format (<c>OrdererOrgs</c>, <c>PeerOrgs</c>, each with
/// <c>Name</c>, <c>Domain</c>, <c>EnableNodeOUs</c>, <c>CA</c>, <c>Template</c>, <c>Specs</c>,
/// <c>Users.Count</c>) plus our extensions <c>MspId</c>, <c>Users.Named</c> and
/// <c>Users.AdminAttributes</c>. See docs/crypto-material.md.
/// </summary>
public sealed partial class CryptoConfig
{
    /// <summary>Organisations that run orderers.</summary>
    [YamlMember(Alias = "OrdererOrgs")]
    public List<OrgSpec> OrdererOrgs { get; set; } = [];

    /// <summary>Organisations that run peers.</summary>
    [YamlMember(Alias = "PeerOrgs")]
    public List<OrgSpec> PeerOrgs { get; set; } = [];

    /// <summary>Reads and validates the file at <paramref name="yamlPath"/>.</summary>
    /// <param name="yamlPath">The crypto-config.yaml path.</param>
    /// <exception cref="CryptoConfigException">Unreadable, not valid YAML, or invalid; the message names the file.</exception>
    public static CryptoConfig Load(string yamlPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(yamlPath);
        string text;
        try
        {
            text = File.ReadAllText(yamlPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CryptoConfigException($"{yamlPath}: cannot read crypto config: {e.Message}", e);
        }

        try
        {
            return Parse(text);
        }
        catch (CryptoConfigException e)
        {
            throw new CryptoConfigException($"{yamlPath}: {e.Message}", e);
        }
    }

    /// <summary>Parses and validates crypto-config YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <exception cref="CryptoConfigException">Not valid YAML, an unknown key, or an invalid value.</exception>
    public static CryptoConfig Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        CryptoConfig? config;
        try
        {
            config = new DeserializerBuilder().Build().Deserialize<CryptoConfig?>(yaml);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}";
            throw new CryptoConfigException($"invalid crypto config at line {e.Start.Line}, column {e.Start.Column}: {message}", e);
        }

        config ??= new CryptoConfig();
        config.Validate();
        return config;
    }

    /// <summary>Every organisation, peer organisations first (the order cryptogen generates them in).</summary>
    public IEnumerable<(OrgSpec Org, bool IsOrdererOrg)> AllOrganizations() =>
        PeerOrgs.Select(o => (o, false)).Concat(OrdererOrgs.Select(o => (o, true)));

    /// <summary>Checks names, domains and users; throws <see cref="CryptoConfigException"/> on the first problem.</summary>
    public void Validate()
    {
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var mspIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (org, _) in AllOrganizations())
        {
            if (string.IsNullOrWhiteSpace(org.Name))
            {
                throw new CryptoConfigException("every organisation needs a Name");
            }

            if (string.IsNullOrWhiteSpace(org.Domain) || !DomainPattern().IsMatch(org.Domain))
            {
                throw new CryptoConfigException($"organisation '{org.Name}' needs a Domain such as org1.example.com (got '{org.Domain}')");
            }

            _ = org.EffectiveKeyAlgorithm;

            if (!domains.Add(org.Domain))
            {
                throw new CryptoConfigException($"domain '{org.Domain}' is used by more than one organisation");
            }

            if (!mspIds.Add(org.EffectiveMspId))
            {
                throw new CryptoConfigException($"MSP ID '{org.EffectiveMspId}' is used by more than one organisation");
            }

            if (org.Template.Count < 0 || org.Users.Count < 0)
            {
                throw new CryptoConfigException($"organisation '{org.Name}': Template.Count and Users.Count must not be negative");
            }

            var users = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Admin" };
            for (var i = 1; i <= org.Users.Count; i++)
            {
                users.Add("User" + i);
            }

            foreach (var user in org.Users.Named)
            {
                if (!UserNamePattern().IsMatch(user.Name ?? ""))
                {
                    throw new CryptoConfigException($"organisation '{org.Name}': user name '{user.Name}' must be letters, digits, '.', '_' or '-'");
                }

                if (!users.Add(user.Name!))
                {
                    throw new CryptoConfigException($"organisation '{org.Name}': user '{user.Name}' is defined twice (Admin and User<n> are implicit)");
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex UserNamePattern();
}
