using YamlDotNet.Serialization;

namespace Fabric.CryptoGen;

/// <summary>
/// A named user (our extension to cryptogen's <c>Users</c>): generated as
/// <c>users/&lt;Name&gt;@&lt;domain&gt;</c> with a client certificate that carries
/// <see cref="Attributes"/> in the Fabric CA attribute extension, plus <c>hf.EnrollmentID</c>,
/// <c>hf.Type</c> and <c>hf.Affiliation</c> as Fabric CA adds them.
/// </summary>
public sealed class NamedUserSpec
{
    /// <summary>The user name, e.g. <c>alice</c>; letters, digits, '.', '_' and '-'.</summary>
    [YamlMember(Alias = "Name")]
    public string Name { get; set; } = "";

    /// <summary>Attributes such as <c>hrec.role: patient</c>.</summary>
    [YamlMember(Alias = "Attributes")]
    public Dictionary<string, string> Attributes { get; set; } = [];
}
