using YamlDotNet.Serialization;

namespace Fabric.CryptoGen;

/// <summary>Nodes created from a pattern (cryptogen's <c>Template</c>): <c>peer0</c>..<c>peer{Count-1}</c> by default.</summary>
public sealed class NodeTemplate
{
    /// <summary>How many nodes; default 0.</summary>
    [YamlMember(Alias = "Count")]
    public int Count { get; set; }

    /// <summary>The first index; default 0.</summary>
    [YamlMember(Alias = "Start")]
    public int Start { get; set; }

    /// <summary>The host name pattern; default <c>{{.Prefix}}{{.Index}}</c> (prefix <c>peer</c> or <c>orderer</c>).</summary>
    [YamlMember(Alias = "Hostname")]
    public string? Hostname { get; set; }

    /// <summary>Extra TLS subject alternative names for every templated node.</summary>
    [YamlMember(Alias = "SANS")]
    public List<string> SubjectAlternativeNames { get; set; } = [];
}
