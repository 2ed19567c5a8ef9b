using YamlDotNet.Serialization;

namespace Fabric.CryptoGen;

/// <summary>
/// One node (or an organisation's CA) in crypto-config.yaml, as in Fabric's cryptogen: a host name
/// within the organisation's domain, an optional common-name override, subject fields and extra
/// subject alternative names. Templates <c>{{.Hostname}}</c>, <c>{{.Domain}}</c> and
/// <c>{{.CommonName}}</c> are expanded in <see cref="CommonName"/> and <see cref="SubjectAlternativeNames"/>.
/// </summary>
public sealed class NodeSpec
{
    /// <summary>The host name without the domain, e.g. <c>peer0</c>.</summary>
    [YamlMember(Alias = "Hostname")]
    public string? Hostname { get; set; }

    /// <summary>The certificate CN; default <c>{{.Hostname}}.{{.Domain}}</c>.</summary>
    [YamlMember(Alias = "CommonName")]
    public string? CommonName { get; set; }

    /// <summary>Subject country; default <c>US</c>.</summary>
    [YamlMember(Alias = "Country")]
    public string? Country { get; set; }

    /// <summary>Subject state or province; default <c>California</c>.</summary>
    [YamlMember(Alias = "Province")]
    public string? Province { get; set; }

    /// <summary>Subject locality; default <c>San Francisco</c>.</summary>
    [YamlMember(Alias = "Locality")]
    public string? Locality { get; set; }

    /// <summary>Subject OU (CA only); none by default.</summary>
    [YamlMember(Alias = "OrganizationalUnit")]
    public string? OrganizationalUnit { get; set; }

    /// <summary>Subject street address (CA only); none by default.</summary>
    [YamlMember(Alias = "StreetAddress")]
    public string? StreetAddress { get; set; }

    /// <summary>Subject postal code (CA only); none by default.</summary>
    [YamlMember(Alias = "PostalCode")]
    public string? PostalCode { get; set; }

    /// <summary>Extra TLS subject alternative names (<c>SANS</c>); IP addresses become IP SANs, the rest DNS SANs. The CN and host name are always added.</summary>
    [YamlMember(Alias = "SANS")]
    public List<string> SubjectAlternativeNames { get; set; } = [];
}
