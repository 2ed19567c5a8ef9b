using System.Globalization;
using System.Text.RegularExpressions;
using TestSupport;
using YamlDotNet.RepresentationModel;

namespace Fabric.DevNetwork.Tests.Conformance;

/// <summary>
/// The parts of network/test-network/configtx/configtx.yaml the dev network's config block must repeat:
/// the Application section's ACLs and implicit-meta policies, and each organisation's signature policies.
/// </summary>
internal sealed partial class ConfigtxYaml
{
    private readonly YamlMappingNode _root;

    private ConfigtxYaml(YamlMappingNode root) => _root = root;

    /// <summary>Resource name to policy reference, as written under Application.ACLs.</summary>
    public IReadOnlyDictionary<string, string> Acls =>
        Application.Mapping("ACLs").Entries()
            .ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value!, StringComparer.Ordinal);

    private YamlMappingNode Application => _root.Mapping("Application");

    public static ConfigtxYaml Load() =>
        new(Yaml.LoadMapping(Path.Combine(RepositoryPaths.Root, "network", "test-network", "configtx", "configtx.yaml")));

    /// <summary>The principals of an organisation's <c>OR('Msp.role', ...)</c> policy, as <c>Msp.Role</c> in the config's enum spelling.</summary>
    public string[] SignedByRoles(string mspId, string policy)
    {
        var organization = _root.Sequence("Organizations").Children.Cast<YamlMappingNode>()
            .First(o => o.Scalar("ID") == mspId);
        var rule = organization.Mapping("Policies").Mapping(policy).Scalar("Rule");
        return [.. PrincipalPattern().Matches(rule).Select(m => m.Groups[1].Value + "." + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(m.Groups[2].Value))];
    }

    /// <summary>An Application-level implicit-meta policy as the conformance tests describe one: <c>implicit Any Readers</c>.</summary>
    public string ApplicationImplicitMeta(string policy)
    {
        var rule = Application.Mapping("Policies").Mapping(policy).Scalar("Rule");
        var parts = rule.Split(' ', 2);
        return $"implicit {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(parts[0].ToLowerInvariant())} {parts[1]}";
    }

    [GeneratedRegex(@"'([A-Za-z0-9]+)\.([a-z]+)'")]
    private static partial Regex PrincipalPattern();
}
