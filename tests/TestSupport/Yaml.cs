using YamlDotNet.RepresentationModel;

namespace TestNetwork.Tests.Infrastructure;

/// <summary>Small accessors over YamlDotNet's representation model (aliases come back resolved).</summary>
internal static class Yaml
{
    public static YamlMappingNode LoadMapping(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        Assert.Single(stream.Documents);
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Mapping(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node.Get(key) ?? throw new KeyNotFoundException(key));

    public static YamlSequenceNode Sequence(this YamlMappingNode node, string key) =>
        Assert.IsType<YamlSequenceNode>(node.Get(key) ?? throw new KeyNotFoundException(key));

    public static string Scalar(this YamlMappingNode node, string key) =>
        node.ScalarOrNull(key) ?? throw new KeyNotFoundException(key);

    public static string? ScalarOrNull(this YamlMappingNode node, string key) =>
        node.Get(key) is YamlScalarNode scalar ? scalar.Value : null;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode node) =>
        node.Children.Select(pair => (((YamlScalarNode)pair.Key).Value ?? string.Empty, pair.Value));
}
