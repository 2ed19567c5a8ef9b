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
        ((YamlMappingNode)Application.Children[new YamlScalarNode("ACLs")]).Children
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!, StringComparer.Ordinal);

    private YamlMappingNode Application => (YamlMappingNode)_root.Children[new YamlScalarNode("Application")];

    public static ConfigtxYaml Load()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "network", "test-network", "configtx", "configtx.yaml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return new ConfigtxYaml((YamlMappingNode)stream.Documents[0].RootNode);
    }

    /// <summary>The principals of an organisation's <c>OR('Msp.role', ...)</c> policy, as <c>Msp.Role</c> in the config's enum spelling.</summary>
    public string[] SignedByRoles(string mspId, string policy)
    {
        var organization = ((YamlSequenceNode)_root.Children[new YamlScalarNode("Organizations")]).Children.Cast<YamlMappingNode>()
            .First(o => Scalar(o, "ID") == mspId);
        var rule = Scalar((YamlMappingNode)((YamlMappingNode)organization.Children[new YamlScalarNode("Policies")]).Children[new YamlScalarNode(policy)], "Rule");
        return [.. PrincipalPattern().Matches(rule).Select(m => m.Groups[1].Value + "." + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(m.Groups[2].Value))];
    }

    /// <summary>An Application-level implicit-meta policy as the conformance tests describe one: <c>implicit Any Readers</c>.</summary>
    public string ApplicationImplicitMeta(string policy)
    {
        var rule = Scalar((YamlMappingNode)((YamlMappingNode)Application.Children[new YamlScalarNode("Policies")]).Children[new YamlScalarNode(policy)], "Rule");
        var parts = rule.Split(' ', 2);
        return $"implicit {CultureInfo.InvariantCulture.TextInfo.ToTitleCase(parts[0].ToLowerInvariant())} {parts[1]}";
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    [GeneratedRegex(@"'([A-Za-z0-9]+)\.([a-z]+)'")]
    private static partial Regex PrincipalPattern();
}
