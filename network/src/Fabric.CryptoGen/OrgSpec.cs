using YamlDotNet.Serialization;

namespace Fabric.CryptoGen;

/// <summary>An organisation in crypto-config.yaml (cryptogen's OrgSpec plus <see cref="MspId"/>).</summary>
public sealed class OrgSpec
{
    /// <summary>The organisation name, e.g. <c>Org1</c>; used as the connection-profile organisation key.</summary>
    [YamlMember(Alias = "Name")]
    public string Name { get; set; } = "";

    /// <summary>The domain, e.g. <c>org1.example.com</c>; names the organisation's folder.</summary>
    [YamlMember(Alias = "Domain")]
    public string Domain { get; set; } = "";

    /// <summary>The MSP ID (our extension); default <c>&lt;Name&gt;MSP</c>, e.g. <c>Org1MSP</c>.</summary>
    [YamlMember(Alias = "MspId")]
    public string? MspId { get; set; }

    /// <summary>Whether certificates carry node OUs and MSP folders get a NodeOUs config.yaml.</summary>
    [YamlMember(Alias = "EnableNodeOUs")]
    public bool EnableNodeOUs { get; set; }

    /// <summary>
    /// The key algorithm of the signing CA and of every node's and user's signing certificate (our
    /// extension): <c>ecdsa</c> (P-256, cryptogen's; the default) or <c>ed25519</c> (Fabric 3). TLS
    /// material stays ECDSA P-256 either way.
    /// </summary>
    [YamlMember(Alias = "KeyAlgorithm")]
    public string? KeyAlgorithm { get; set; }

    /// <summary>The effective signing key algorithm.</summary>
    /// <exception cref="CryptoConfigException">An unknown <see cref="KeyAlgorithm"/>.</exception>
    [YamlIgnore]
    public KeyAlgorithm EffectiveKeyAlgorithm => KeyAlgorithm?.ToUpperInvariant() switch
    {
        null or "" or "ECDSA" => Fabric.CryptoGen.KeyAlgorithm.Ecdsa,
        "ED25519" => Fabric.CryptoGen.KeyAlgorithm.Ed25519,
        _ => throw new CryptoConfigException($"organisation {Name}: KeyAlgorithm '{KeyAlgorithm}' is not ecdsa or ed25519"),
    };

    /// <summary>The CA's spec; host name defaults to <c>ca</c>.</summary>
    [YamlMember(Alias = "CA")]
    public NodeSpec CA { get; set; } = new();

    /// <summary>Templated nodes.</summary>
    [YamlMember(Alias = "Template")]
    public NodeTemplate Template { get; set; } = new();

    /// <summary>Explicit nodes.</summary>
    [YamlMember(Alias = "Specs")]
    public List<NodeSpec> Specs { get; set; } = [];

    /// <summary>Users.</summary>
    [YamlMember(Alias = "Users")]
    public UsersSpec Users { get; set; } = new();

    /// <summary>The effective MSP ID.</summary>
    [YamlIgnore]
    public string EffectiveMspId => string.IsNullOrEmpty(MspId) ? Name + "MSP" : MspId;
}
