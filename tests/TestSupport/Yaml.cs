using YamlDotNet.RepresentationModel;

namespace TestSupport;

/// <summary>
/// Small accessors over YamlDotNet's representation model (aliases come back resolved), shared by the tests
/// that read the repository's YAML (configtx.yaml, compose files). A missing key or a node of the wrong kind
/// throws, naming the key, so the test that read it fails there.
/// </summary>
public static class Yaml
{
    /// <summary>Loads a file that holds exactly one YAML document whose root is a mapping.</summary>
    public static YamlMappingNode LoadMapping(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"{path} holds {stream.Documents.Count} YAML documents, not one.");
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new InvalidDataException($"The root of {path} is not a mapping.");
    }

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The mapping under <paramref name="key"/>.</summary>
    public static YamlMappingNode Mapping(this YamlMappingNode node, string key) =>
        As<YamlMappingNode>(node, key, "mapping");

    /// <summary>The sequence under <paramref name="key"/>.</summary>
    public static YamlSequenceNode Sequence(this YamlMappingNode node, string key) =>
        As<YamlSequenceNode>(node, key, "sequence");

    /// <summary>The scalar under <paramref name="key"/>.</summary>
    public static string Scalar(this YamlMappingNode node, string key) =>
        node.ScalarOrNull(key) ?? throw new KeyNotFoundException(key);

    /// <summary>The scalar under <paramref name="key"/>, or null when it is missing or not a scalar.</summary>
    public static string? ScalarOrNull(this YamlMappingNode node, string key) =>
        node.Get(key) is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The mapping's entries, keys as strings.</summary>
    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode node) =>
        node.Children.Select(pair => (((YamlScalarNode)pair.Key).Value ?? string.Empty, pair.Value));

    private static T As<T>(YamlMappingNode node, string key, string kind)
        where T : YamlNode =>
        (node.Get(key) ?? throw new KeyNotFoundException(key)) as T
            ?? throw new InvalidDataException($"'{key}' is not a YAML {kind}.");
}
